#include <closecoach/json_text.hpp>
#include <closecoach/utf8.hpp>

#include <fcntl.h>
#include <fmt/format.h>
#include <simdjson.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <tuple>
#include <unordered_map>
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
// own parser, which matters for the playbook read at every start. Sets
// `duplicate` when an object repeats a key (the conversion keeps the first).
nlohmann::json from_simdjson(simdjson::dom::element element, bool& duplicate) {
  using Type = simdjson::dom::element_type;
  switch (element.type()) {
    case Type::OBJECT: {
      nlohmann::json object = nlohmann::json::object();
      simdjson::dom::object fields;
      if (element.get(fields) != simdjson::SUCCESS) return object;
      for (const auto field : fields)
        if (!object.emplace(std::string(field.key), from_simdjson(field.value, duplicate)).second)
          duplicate = true;
      return object;
    }
    case Type::ARRAY: {
      nlohmann::json array = nlohmann::json::array();
      simdjson::dom::array items;
      if (element.get(items) != simdjson::SUCCESS) return array;
      for (const auto item : items) array.push_back(from_simdjson(item, duplicate));
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

// nullopt when simdjson refuses the text; `duplicate` as from_simdjson sets it.
std::optional<nlohmann::json> fast_parse(std::string_view text, bool& duplicate) {
  simdjson::dom::parser parser;
  const simdjson::padded_string padded(text);
  simdjson::dom::element root;
  if (parser.parse(padded).get(root) != simdjson::SUCCESS) return std::nullopt;
  return from_simdjson(root, duplicate);
}

// The offset just past the JSON string that starts (with its quote) at `i`.
std::size_t string_end(std::string_view text, std::size_t i) {
  for (++i; i < text.size() && text[i] != '"'; ++i)
    if (text[i] == '\\') ++i;
  return i + 1;
}

// A key as written (with its quotes), decoded: "a" and "\u0061" are one key.
std::string decode_key(std::string_view written) {
  if (written.find('\\') == std::string_view::npos)
    return std::string(written.substr(1, written.size() - 2));
  try {
    return nlohmann::json::parse(written).get<std::string>();
  } catch (const nlohmann::json::exception&) {
    return std::string(written);
  }
}

struct DuplicateKey {
  std::string key;
  std::size_t first = 0;  // offsets of the two keys' opening quotes
  std::size_t second = 0;
};

// The first key, in the order of the text, that its object already has.
// `text` is JSON that a parser accepted.
std::optional<DuplicateKey> find_duplicate_key(std::string_view text) {
  struct Frame {
    bool is_object = false;
    bool expect_key = false;
    std::unordered_map<std::string, std::size_t> keys;
  };
  std::vector<Frame> stack;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '"') {
      const std::size_t end = string_end(text, i);
      if (!stack.empty() && stack.back().expect_key) {
        stack.back().expect_key = false;
        const auto [found, inserted] =
            stack.back().keys.emplace(decode_key(text.substr(i, end - i)), i);
        if (!inserted) return DuplicateKey{found->first, found->second, i};
      }
      i = end;
      continue;
    }
    if (c == '{' || c == '[') stack.push_back({c == '{', c == '{', {}});
    if ((c == '}' || c == ']') && !stack.empty()) stack.pop_back();
    if (c == ',' && !stack.empty()) stack.back().expect_key = stack.back().is_object;
    ++i;
  }
  return std::nullopt;
}

Diagnostic duplicate_key_error(const DuplicateKey& duplicate, std::string_view text,
                               std::string_view file_name) {
  const TextPosition first = position_of(text, duplicate.first);
  const TextPosition second = position_of(text, duplicate.second);
  const std::string where = first.line == 1 && second.line == 1
                                ? fmt::format("column {}", first.column)
                                : fmt::format("{}:{}", first.line, first.column);
  return located(fmt::format("duplicate key '{}' (first at {})", duplicate.key, where), text,
                 duplicate.second, file_name);
}

// A parsed document, or the error for the first key it repeats.
Result<nlohmann::json> refuse_duplicates(nlohmann::json parsed, std::string_view text,
                                         std::string_view file_name) {
  if (const auto duplicate = find_duplicate_key(text))
    return duplicate_key_error(*duplicate, text, file_name);
  return parsed;
}

}  // namespace

std::string json_type_name(const nlohmann::json& value) {
  if (value.is_number_integer() || value.is_number_unsigned()) return "an integer";
  if (value.is_number()) return "a number";
  if (value.is_string()) return "a string";
  if (value.is_boolean()) return "a boolean";
  if (value.is_array()) return "an array";
  if (value.is_object()) return "an object";
  return "null";
}

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

namespace {

// A decimal number's magnitude as significant digits and a power of ten, so
// that two spellings of one number compare equal: 1.50 is {"15", -1}.
struct Decimal {
  std::string digits;  // no leading or trailing zeros; empty for zero
  long long exponent = 0;
  bool operator==(const Decimal&) const = default;
};

bool is_digit(std::string_view text, std::size_t at) {
  return at < text.size() && text[at] >= '0' && text[at] <= '9';
}

// `text` without a sign, as JSON writes numbers (or an expression does).
std::optional<Decimal> decimal_of(std::string_view text) {
  constexpr long long k_exponent_cap = 1'000'000'000;  // far beyond any double's
  Decimal decimal;
  std::size_t i = 0;
  if (!is_digit(text, i)) return std::nullopt;
  for (; is_digit(text, i); ++i) decimal.digits += text[i];
  if (i < text.size() && text[i] == '.') {
    if (!is_digit(text, ++i)) return std::nullopt;  // JSON has no "1."
    for (; is_digit(text, i); ++i, --decimal.exponent) decimal.digits += text[i];
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    const bool negative = ++i < text.size() && text[i] == '-';
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    if (!is_digit(text, i)) return std::nullopt;
    long long power = 0;
    for (; is_digit(text, i); ++i) power = std::min(power * 10 + (text[i] - '0'), k_exponent_cap);
    decimal.exponent += negative ? -power : power;
  }
  if (i != text.size()) return std::nullopt;
  const auto first = decimal.digits.find_first_not_of('0');
  if (first == std::string::npos) return Decimal{};
  const auto last = decimal.digits.find_last_not_of('0');
  decimal.exponent += static_cast<long long>(decimal.digits.size() - 1 - last);
  decimal.digits = decimal.digits.substr(first, last + 1 - first);
  return decimal;
}

}  // namespace

bool is_exact_number(std::string_view text) {
  std::size_t sign = 0;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    sign = 1;
    while (sign < text.size() && (text[sign] == ' ' || text[sign] == '\t')) ++sign;
  }
  const std::string_view magnitude = text.substr(sign);
  const auto written = decimal_of(magnitude);
  if (!written) return false;
  // nlohmann_json keeps an integer only within 64 bits; past that it
  // writes the double back in exponent form, another text.
  const bool integer = magnitude.find_first_of(".eE") == std::string_view::npos;
  if (integer && written->digits.size() + static_cast<std::size_t>(written->exponent) > 19) {
    const bool negative = sign != 0 && text.front() == '-';
    std::int64_t as_signed = 0;
    std::uint64_t as_unsigned = 0;
    const char* end = magnitude.data() + magnitude.size();
    const auto read = negative ? std::from_chars(text.data(), end, as_signed)
                               : std::from_chars(magnitude.data(), end, as_unsigned);
    if (read.ec != std::errc() || read.ptr != end) return false;
  }
  double value = 0;
  const char* end = magnitude.data() + magnitude.size();
  const auto parsed = std::from_chars(magnitude.data(), end, value);
  if (parsed.ec != std::errc() || parsed.ptr != end || !std::isfinite(value)) return false;
  std::array<char, 64> shortest{};
  const auto printed = std::to_chars(shortest.data(), shortest.data() + shortest.size(), value);
  const auto read = decimal_of(
      std::string_view(shortest.data(), static_cast<std::size_t>(printed.ptr - shortest.data())));
  return read && *read == *written;
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
  // simdjson and nlohmann both end a top-level value at a NUL byte and ignore
  // the rest ("9\0{...}" reads as 9); JSON allows no raw NUL anywhere.
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    return located("invalid JSON: a NUL byte (0x00)", text, nul, file_name);
  }
  bool duplicate = false;
  if (auto parsed = fast_parse(text, duplicate)) {
    if (!duplicate) return std::move(*parsed);
    return refuse_duplicates(std::move(*parsed), text, file_name);
  }
  try {  // for the error's position, or what simdjson refuses (huge numbers)
    return refuse_duplicates(nlohmann::json::parse(text.begin(), text.end()), text, file_name);
  } catch (const nlohmann::json::parse_error& error) {
    return located(describe_parse_error(error), text, error_offset(error), file_name);
  } catch (const nlohmann::json::out_of_range& error) {
    return number_out_of_range(error, text, file_name);
  }
}

namespace {

// "16 MiB", "64 KiB", "100 bytes".
std::string size_text(std::size_t bytes) {
  constexpr std::size_t k_kib = 1024;
  if (bytes >= k_kib * k_kib && bytes % (k_kib * k_kib) == 0)
    return fmt::format("{} MiB", bytes / (k_kib * k_kib));
  if (bytes >= k_kib && bytes % k_kib == 0) return fmt::format("{} KiB", bytes / k_kib);
  return fmt::format("{} bytes", bytes);
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : m_fd(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (m_fd >= 0) ::close(m_fd);
  }
  int get() const { return m_fd; }

 private:
  int m_fd;
};

}  // namespace

Result<std::string> read_text_file(const std::string& path, std::string_view what,
                                   std::size_t max_bytes) {
  const auto cannot_read = [&](int error) {
    return make_error(fmt::format("cannot read {}: {}", path, std::strerror(error)));
  };
  const auto too_large = [&] {
    return make_error(
        fmt::format("{}: larger than the {} {} may be", path, size_text(max_bytes), what));
  };
  const FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) return cannot_read(errno);
  struct stat status {};
  if (::fstat(file.get(), &status) != 0) return cannot_read(errno);
  if (S_ISDIR(status.st_mode)) return cannot_read(EISDIR);
  std::string content;
  if (S_ISREG(status.st_mode)) {
    if (static_cast<std::uintmax_t>(status.st_size) > max_bytes) return too_large();
    content.reserve(static_cast<std::size_t>(status.st_size));
  }
  std::array<char, 65536> buffer{};
  while (true) {  // one byte past the limit tells a file that is too large
    const std::size_t wanted = std::min(buffer.size(), max_bytes + 1 - content.size());
    const ssize_t got = ::read(file.get(), buffer.data(), wanted);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return cannot_read(errno);
    if (got == 0) return content;
    content.append(buffer.data(), static_cast<std::size_t>(got));
    if (content.size() > max_bytes) return too_large();
  }
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::size_t skip_space(std::string_view text, std::size_t i) {
  while (i < text.size() && is_space(text[i])) ++i;
  return i;
}

// The tokens of a JSON pointer, unescaped ("~1" is "/", "~0" is "~").
std::vector<std::string> pointer_tokens(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  std::size_t start = 1;
  while (true) {
    const std::size_t slash = std::min(pointer.find('/', start), pointer.size());
    std::string token;
    for (std::size_t i = start; i < slash; ++i) {
      if (pointer[i] == '~' && i + 1 < slash && (pointer[i + 1] == '0' || pointer[i + 1] == '1'))
        token += pointer[++i] == '0' ? '~' : '/';
      else
        token += pointer[i];
    }
    tokens.push_back(std::move(token));
    if (slash == pointer.size()) return tokens;
    start = slash + 1;
  }
}

std::optional<std::size_t> array_index(std::string_view token) {
  std::size_t index = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), index);
  if (token.empty() || error != std::errc() || end != token.data() + token.size())
    return std::nullopt;
  return index;
}

}  // namespace

// One pass over the text, keeping only what makes each query cheap: where
// each bracket closes (to step over a value) and the line and column every
// k_checkpoint bytes. Keeping every pointer's position instead took memory in
// proportion to the depth times the size (gigabytes for a deep array).
JsonLocator::JsonLocator(std::string_view text) : m_text(text) {
  std::vector<std::size_t> open;
  bool in_string = false;
  bool escaped = false;
  TextPosition position;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i % k_checkpoint == 0) m_checkpoints.push_back(position);
    const char c = text[i];
    if (c == '\n') {
      ++position.line;
      position.column = 1;
    } else if (!utf8::is_continuation(c)) {
      ++position.column;
    }
    if (in_string) {
      in_string = escaped || c != '"';
      escaped = !escaped && c == '\\';
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      open.push_back(m_closings.size());
      m_closings.emplace_back(i, text.size());
    } else if ((c == ']' || c == '}') && !open.empty()) {
      m_closings[open.back()].second = i;
      open.pop_back();
    }
  }
}

TextPosition JsonLocator::position(std::size_t offset) const {
  if (m_checkpoints.empty()) return {};
  const std::size_t checkpoint = std::min(offset / k_checkpoint, m_checkpoints.size() - 1);
  TextPosition position = m_checkpoints[checkpoint];
  const std::size_t end = std::min(offset, m_text.size());
  for (std::size_t i = checkpoint * k_checkpoint; i < end; ++i) {
    if (m_text[i] == '\n') {
      ++position.line;
      position.column = 1;
    } else if (!utf8::is_continuation(m_text[i])) {
      ++position.column;
    }
  }
  return position;
}

std::size_t JsonLocator::skip_value(std::size_t i) const {
  if (i >= m_text.size()) return i;
  if (m_text[i] == '"') return string_end(m_text, i);
  if (m_text[i] == '[' || m_text[i] == '{') {
    const auto found = std::lower_bound(m_closings.begin(), m_closings.end(),
                                        std::pair<std::size_t, std::size_t>{i, 0});
    return found != m_closings.end() && found->first == i ? found->second + 1 : m_text.size();
  }
  while (i < m_text.size() && std::strchr(",]}", m_text[i]) == nullptr && !is_space(m_text[i])) ++i;
  return i;
}

const JsonLocator::Children& JsonLocator::children(std::size_t at) const {
  const auto [found, inserted] = m_children.try_emplace(at);
  Children& children = found->second;
  if (!inserted) return children;
  const bool object = m_text[at] == '{';
  std::size_t i = skip_space(m_text, at + 1);
  while (i < m_text.size() && m_text[i] != '}' && m_text[i] != ']') {
    std::size_t value = i;
    if (object) {  // a member: "key": value
      const std::size_t key_end = string_end(m_text, i);
      value = skip_space(m_text, key_end);
      if (value < m_text.size() && m_text[value] == ':') value = skip_space(m_text, value + 1);
      children.keys.emplace(decode_key(m_text.substr(i, key_end - i)), children.places.size());
    }
    children.places.emplace_back(i, value);
    i = skip_space(m_text, skip_value(value));
    if (i < m_text.size() && m_text[i] == ',') i = skip_space(m_text, i + 1);
  }
  return children;
}

JsonLocator::Found JsonLocator::find(std::string_view pointer) const {
  Found found;
  found.start = found.value = skip_space(m_text, 0);
  found.complete = true;
  for (const std::string& token : pointer_tokens(pointer)) {
    const std::size_t at = found.value;
    std::optional<std::size_t> child;
    if (at < m_text.size() && m_text[at] == '{') {
      const Children& members = children(at);
      if (const auto key = members.keys.find(token); key != members.keys.end()) child = key->second;
    } else if (at < m_text.size() && m_text[at] == '[') {
      const auto index = array_index(token);
      if (index && *index < children(at).places.size()) child = *index;
    }
    if (!child) {
      found.complete = false;
      return found;
    }
    std::tie(found.start, found.value) = children(at).places[*child];
  }
  return found;
}

TextPosition JsonLocator::locate_value(std::string_view pointer) const {
  const Found found = find(pointer);
  return position(found.complete ? found.value : found.start);
}

TextPosition JsonLocator::locate(std::string_view pointer) const {
  return position(find(pointer).start);
}

void JsonLocator::locate(Diagnostic& diagnostic) const {
  if (diagnostic.pointer.empty() && diagnostic.line > 0) return;
  const TextPosition position = locate(diagnostic.pointer);
  diagnostic.line = position.line;
  diagnostic.column = position.column;
}

}  // namespace closecoach
