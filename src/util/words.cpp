#include <closecoach/words.hpp>

namespace closecoach {

std::string_view word_in(const WordTable& table, std::string_view key, std::string_view language) {
  const auto found = table.find(key);
  if (found == table.end()) return key;
  const std::size_t index = language == "zh" ? 1 : language == "ru" ? 2 : 0;
  return found->second[index];
}

}  // namespace closecoach
