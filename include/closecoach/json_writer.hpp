#pragma once
// Appending JSON to a string by hand, for review's hot path where building
// an nlohmann::json per record would cost more than reviewing the deal.

#include <string>
#include <string_view>

namespace closecoach {

// Appends `text` as a JSON string literal; invalid UTF-8 becomes U+FFFD so
// the output always parses.
void append_json_string(std::string& out, std::string_view text);

}  // namespace closecoach
