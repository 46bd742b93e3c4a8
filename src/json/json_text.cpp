#include <closecoach/json_text.hpp>
#include <closecoach/utf8.hpp>

#include <fmt/format.h>
#include <simdjson.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

namespace closecoach {

namespace {

// The offset of the first bracket nested deeper than `max_depth`, if any.
// nlohmann parses iteratively, but everything downstream recurses, so depth
// is refused before parsing.
std::optional<std::size_t> find_excess_depth(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

// nlohmann's what() is "[json.exception.parse_error.101] parse error at line
// 1, column 5: syntax error ..."; keep the part a person reads.
std::string describe_parse_error(const nlohmann::json::parse_error& error) {
  std::string_view what = error.what();
  const auto colon = what.find(": ");
  if (colon != std::string_view::npos) what.remove_prefix(colon + 2);
  return fmt::format("invalid JSON: {}", what);
}

// nlohmann reports the count of bytes read when it choked: point at the last.
std::size_t error_offset(const nlohmann::json::parse_error& error) {
  return error.byte > 0 ? error.byte - 1 : 0;
}

Diagnostic located(std::string message, std::string_view text, std::size_t offset,
                   std::string_view file_name);

// nlohmann says "number overflow parsing '1e999'" without a position: find
// the number in the text.
Diagnostic number_out_of_range(const nlohmann::json::out_of_range& error, std::string_view text,
                               std::string_view file_name) {
  const std::string_view what = error.what();
  const auto open = what.find('\'');
  const auto close = what.rfind('\'');
  const std::string_view number = open != std::string_view::npos && close > open
                                      ? what.substr(open + 1, close - open - 1)
                                      : std::string_view("a number");
  const auto offset = text.find(number);
  return located(fmt::format("number {} is out of range", number), text,
                 offset == std::string_view::npos ? 0 : offset, file_name);
}

Diagnostic located(std::string message, std::string_view text, std::size_t offset,
                   std::string_view file_name) {
  Diagnostic diagnostic = make_error(std::move(message));
  diagnostic.file = std::string(file_name);
  const TextPosition position = position_of(text, offset);
  diagnostic.line = position.line;
  diagnostic.column = position.column;
  return diagnostic;
}

// simdjson's DOM converted to nlohmann: several times faster than nlohmann's
// own parser, which matters for the playbook read at every start.
nlohmann::json from_simdjson(simdjson::dom::element element) {
  using Type = simdjson::dom::element_type;
  switch (element.type()) {
    case Type::OBJECT: {
      nlohmann::json object = nlohmann::json::object();
      simdjson::dom::object fields;
      if (element.get(fields) != simdjson::SUCCESS) return object;
      for (const auto field : fields) object[std::string(field.key)] = from_simdjson(field.value);
      return object;
    }
    case Type::ARRAY: {
      nlohmann::json array = nlohmann::json::array();
      simdjson::dom::array items;
      if (element.get(items) != simdjson::SUCCESS) return array;
      for (const auto item : items) array.push_back(from_simdjson(item));
      return array;
    }
    case Type::STRING:
      return std::string(element.get_string().value_unsafe());
    case Type::INT64:
      return element.get_int64().value_unsafe();
    case Type::UINT64:
      return element.get_uint64().value_unsafe();
    case Type::DOUBLE:
      return element.get_double().value_unsafe();
    case Type::BOOL:
      return element.get_bool().value_unsafe();
    case Type::NULL_VALUE:
      return nullptr;
  }
  return nullptr;
}

std::optional<nlohmann::json> fast_parse(std::string_view text) {
  simdjson::dom::parser parser;
  const simdjson::padded_string padded(text);
  simdjson::dom::element root;
  if (parser.parse(padded).get(root) != simdjson::SUCCESS) return std::nullopt;
  return from_simdjson(root);
}

}  // namespace

std::string json_pointer_token(std::string_view token) {
  std::string out;
  for (const char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

TextPosition position_of(std::string_view text, std::size_t offset) {
  TextPosition position;
  const std::size_t end = std::min(offset, text.size());
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++position.line;
      position.column = 1;
    } else if (!utf8::is_continuation(text[i])) {
      ++position.column;
    }
  }
  return position;
}

namespace {

// The byte offset of `position` in `text` (the inverse of position_of).
std::size_t offset_at(std::string_view text, TextPosition position) {
  std::size_t offset = 0;
  for (std::size_t line = 1; line < position.line && offset < text.size(); ++offset)
    if (text[offset] == '\n') ++line;
  for (std::size_t column = 1; column < position.column && offset < text.size(); ++column) {
    ++offset;
    while (offset < text.size() && utf8::is_continuation(text[offset])) ++offset;
  }
  return offset;
}

std::uint32_t hex_at(std::string_view text, std::size_t i) {
  std::uint32_t value = 0;
  for (std::size_t k = i; k < i + 4 && k < text.size(); ++k) {
    const char c = text[k];
    const int digit = c >= '0' && c <= '9'   ? c - '0'
                      : c >= 'a' && c <= 'f' ? c - 'a' + 10
                      : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                             : 0;
    value = value * 16 + static_cast<std::uint32_t>(digit);
  }
  return value;
}

// The escape or byte of a JSON string at `i`: its length as written and as decoded.
std::pair<std::size_t, std::size_t> string_step(std::string_view text, std::size_t i) {
  if (text[i] != '\\') return {1, 1};
  if (i + 1 >= text.size() || text[i + 1] != 'u') return {2, 1};
  const std::uint32_t code_point = hex_at(text, i + 2);
  if (code_point >= 0xD800 && code_point < 0xDC00 && i + 7 < text.size() && text[i + 6] == '\\' &&
      text[i + 7] == 'u')
    return {12, 4};
  return {6, utf8::encoded_length(code_point)};
}

}  // namespace

TextPosition position_in_string(std::string_view text, TextPosition quote, std::size_t offset) {
  std::size_t i = offset_at(text, quote);
  if (i >= text.size() || text[i] != '"') return quote;
  ++i;
  for (std::size_t decoded = 0; decoded < offset && i < text.size() && text[i] != '"';) {
    const auto [written, length] = string_step(text, i);
    i += written;
    decoded += length;
  }
  return position_of(text, i);
}

Result<nlohmann::json> parse_json(std::string_view text, std::string_view file_name,
                                  std::size_t max_depth) {
  if (const auto deep = find_excess_depth(text, max_depth)) {
    return located(fmt::format("JSON nested deeper than {} levels", max_depth), text, *deep,
                   file_name);
  }
  if (auto parsed = fast_parse(text)) return std::move(*parsed);
  try {  // for the error's position, or what simdjson refuses (huge numbers)
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& error) {
    return located(describe_parse_error(error), text, error_offset(error), file_name);
  } catch (const nlohmann::json::out_of_range& error) {
    return number_out_of_range(error, text, file_name);
  }
}

Result<std::string> read_text_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return make_error(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  std::ostringstream content;
  content << file.rdbuf();
  if (file.bad()) return make_error(fmt::format("cannot read {}: read failed", path));
  return content.str();
}

namespace {

// One pass over valid JSON text, recording where every value starts.
class LocatorScanner {
 public:
  using Positions = std::unordered_map<std::string, TextPosition>;
  LocatorScanner(std::string_view text, Positions& starts, Positions& values)
      : m_text(text), m_out(starts), m_values(values) {}

  void scan() {
    m_out[""] = position_of(m_text, skip_space(0));
    m_values[""] = m_out[""];
    std::size_t i = 0;
    while ((i = skip_space(i)) < m_text.size()) i = step(i);
  }

 private:
  struct Frame {
    std::string pointer;
    bool is_object = false;
    std::size_t next_index = 0;
  };

  std::size_t skip_space(std::size_t i) const {
    while (i < m_text.size() && std::strchr(" \t\r\n", m_text[i]) != nullptr && m_text[i] != '\0')
      ++i;
    return i;
  }

  std::size_t string_end(std::size_t i) const {
    for (++i; i < m_text.size() && m_text[i] != '"'; ++i)
      if (m_text[i] == '\\') ++i;
    return i + 1;
  }

  void mark_start(std::size_t offset, const std::string& pointer) {
    m_advance_line(offset);
    m_out.emplace(pointer, m_position);
  }
  void mark_value(std::size_t offset, const std::string& pointer) {
    m_advance_line(offset);
    m_values.emplace(pointer, m_position);
  }

  // Positions are computed incrementally: the scan only moves forward.
  void m_advance_line(std::size_t offset) {
    m_position = advance(m_position, m_text.substr(m_scanned, offset - m_scanned));
    m_scanned = offset;
  }

  static TextPosition advance(TextPosition from, std::string_view span) {
    for (const char c : span) {
      if (c == '\n') {
        ++from.line;
        from.column = 1;
      } else if (!utf8::is_continuation(c)) {
        ++from.column;
      }
    }
    return from;
  }

  std::string child_pointer(std::string_view token) {
    return m_stack.back().pointer + "/" + json_pointer_token(token);
  }

  std::size_t step(std::size_t i);

  std::string_view m_text;
  Positions& m_out;
  Positions& m_values;
  std::vector<Frame> m_stack;
  TextPosition m_position;
  std::size_t m_scanned = 0;
};

std::size_t LocatorScanner::step(std::size_t i) {
  const char c = m_text[i];
  if (c == ',' || c == ':') return i + 1;
  if (c == '}' || c == ']') {
    if (!m_stack.empty()) m_stack.pop_back();
    return i + 1;
  }
  std::string pointer;
  if (!m_stack.empty() && m_stack.back().is_object) {
    // A key: its position stands for the member's value.
    const std::size_t end = string_end(i);
    std::string key;
    try {
      key = nlohmann::json::parse(m_text.substr(i, end - i)).get<std::string>();
    } catch (const nlohmann::json::exception&) {
      return end;
    }
    pointer = child_pointer(key);
    mark_start(i, pointer);
    i = skip_space(end);
    if (i < m_text.size() && m_text[i] == ':') i = skip_space(i + 1);
    if (i < m_text.size()) mark_value(i, pointer);
  } else if (!m_stack.empty()) {
    pointer = child_pointer(std::to_string(m_stack.back().next_index++));
    mark_start(i, pointer);
    mark_value(i, pointer);
  }
  if (i >= m_text.size()) return i;
  if (m_text[i] == '{' || m_text[i] == '[') {
    m_stack.push_back({pointer, m_text[i] == '{', 0});
    return i + 1;
  }
  if (m_text[i] == '"') return string_end(i);
  while (i < m_text.size() && std::strchr(",]} \t\r\n", m_text[i]) == nullptr) ++i;
  return i;
}

}  // namespace

JsonLocator::JsonLocator(std::string_view text) {
  LocatorScanner(text, m_positions, m_values).scan();
}

TextPosition JsonLocator::locate_value(std::string_view pointer) const {
  if (const auto found = m_values.find(std::string(pointer)); found != m_values.end())
    return found->second;
  return locate(pointer);
}

TextPosition JsonLocator::locate(std::string_view pointer) const {
  std::string key(pointer);
  while (true) {
    if (const auto found = m_positions.find(key); found != m_positions.end()) return found->second;
    if (key.empty()) return {};
    key.erase(key.rfind('/'));
  }
}

void JsonLocator::locate(Diagnostic& diagnostic) const {
  if (diagnostic.pointer.empty() && diagnostic.line > 0) return;
  const TextPosition position = locate(diagnostic.pointer);
  diagnostic.line = position.line;
  diagnostic.column = position.column;
}

}  // namespace closecoach
