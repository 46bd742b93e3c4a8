#include <closecoach/version.hpp>

namespace closecoach {

const char* version() { return CLOSECOACH_VERSION; }

}  // namespace closecoach
