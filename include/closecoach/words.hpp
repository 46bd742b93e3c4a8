#pragma once
// The interface's own words in the three languages closecoach speaks. Each
// part of the interface keeps its table; looking a word up is done here.

#include <array>
#include <map>
#include <string_view>

namespace closecoach {

// Key → the word in English, Chinese and Russian, in that order.
using WordTable = std::map<std::string_view, std::array<const char*, 3>, std::less<>>;

// `key`'s word in `language` ("zh", "ru", anything else English); `key`
// itself when the table lacks it, so that a missing word shows, not blank.
std::string_view word_in(const WordTable& table, std::string_view key, std::string_view language);

}  // namespace closecoach
