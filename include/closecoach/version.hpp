#pragma once

namespace closecoach {

// The program's version, e.g. "0.1.0".
const char* version();

}  // namespace closecoach
