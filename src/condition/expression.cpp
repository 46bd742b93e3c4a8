// Readable conditions to JsonLogic and back. A hand-written lexer and
// recursive-descent parser, so every error names its column and what was
// expected there; docs/expressions.md holds the grammar.

#include <closecoach/expression.hpp>
#include <closecoach/json_text.hpp>
#include <closecoach/utf8.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace closecoach {

namespace {

using Json = nlohmann::json;

// ---- Characters -------------------------------------------------------------

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::optional<std::size_t> first_invalid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t length = utf8::decode(s, i).length;
    if (length == 0) return i;
    i += length;
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 7> k_keywords = {"and",  "or",    "not", "in",
                                                        "true", "false", "null"};

bool is_keyword(std::string_view word) {
  return std::find(k_keywords.begin(), k_keywords.end(), word) != k_keywords.end();
}

// A fact name as the lexer reads it: identifiers joined by dots, where a
// segment after a dot may also be an array index.
bool is_fact_name(std::string_view name) {
  if (name.empty() || is_keyword(name)) return false;
  std::size_t start = 0;
  for (bool first = true; start <= name.size(); first = false) {
    const std::size_t dot = std::min(name.find('.', start), name.size());
    const std::string_view segment = name.substr(start, dot - start);
    if (segment.empty()) return false;
    const bool index = !first && std::all_of(segment.begin(), segment.end(), is_digit);
    if (!index &&
        (!is_name_start(segment[0]) || !std::all_of(segment.begin(), segment.end(), is_name_char)))
      return false;
    start = dot + 1;
  }
  return true;
}

// ---- Tokens -------------------------------------------------------------------

enum class TokenKind { end, number, string, name, keyword, symbol };

struct Token {
  Token() = default;
  explicit Token(TokenKind token_kind, std::string spelling = {})
      : kind(token_kind), text(std::move(spelling)) {}

  TokenKind kind = TokenKind::end;
  std::string text;  // the spelling of names, keywords and symbols
  Json value;        // the value of number and string literals
  std::size_t offset = 0;
  std::size_t length = 0;
};

// Thrown inside the parser and turned into a Diagnostic by parse_expression.
struct ParseError {
  std::string message;
  std::size_t offset = 0;
};

[[noreturn]] void throw_at(std::size_t offset, std::string message) {
  throw ParseError{std::move(message), offset};
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : m_text(text) {}
  Token next();
  std::string_view text() const { return m_text; }

 private:
  char peek(std::size_t ahead = 0) const {
    return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
  }
  Token finish(Token token, std::size_t start) {
    token.offset = start;
    token.length = m_pos - start;
    return token;
  }
  Token lex_number();
  Token lex_string();
  std::uint32_t lex_unicode_escape(std::size_t backslash);
  void lex_escape(std::string& out);
  Token lex_name();
  Token lex_symbol();
  [[noreturn]] void reject_character();

  std::string_view m_text;
  std::size_t m_pos = 0;
};

Token Lexer::next() {
  while (m_pos < m_text.size() && is_space(m_text[m_pos])) ++m_pos;
  if (m_pos >= m_text.size()) return finish(Token{}, m_pos);
  const char c = m_text[m_pos];
  if (is_digit(c)) return lex_number();
  if (c == '\'' || c == '"') return lex_string();
  if (is_name_start(c)) return lex_name();
  return lex_symbol();
}

// Integers stay integers (as nlohmann reads JSON): int64, then uint64, then double.
Json number_value(std::string_view literal, bool integral, std::size_t offset) {
  if (integral) {
    std::int64_t signed_value = 0;
    const char* end = literal.data() + literal.size();
    if (std::from_chars(literal.data(), end, signed_value).ec == std::errc()) return signed_value;
    std::uint64_t unsigned_value = 0;
    if (std::from_chars(literal.data(), end, unsigned_value).ec == std::errc())
      return unsigned_value;
  }
  const std::string copy(literal);
  const double value = std::strtod(copy.c_str(), nullptr);
  if (!std::isfinite(value)) throw_at(offset, fmt::format("number {} is out of range", literal));
  return value;
}

Token Lexer::lex_number() {
  const std::size_t start = m_pos;
  bool integral = true;
  while (is_digit(peek())) ++m_pos;
  if (peek() == '.') {
    if (!is_digit(peek(1))) throw_at(m_pos + 1, "expected a digit after the decimal point");
    integral = false;
    ++m_pos;
    while (is_digit(peek())) ++m_pos;
  }
  const std::size_t sign = peek(1) == '+' || peek(1) == '-' ? 1 : 0;
  if ((peek() == 'e' || peek() == 'E') && is_digit(peek(1 + sign))) {
    integral = false;
    m_pos += 1 + sign;
    while (is_digit(peek())) ++m_pos;
  }
  Token token(TokenKind::number);
  token.value = number_value(m_text.substr(start, m_pos - start), integral, start);
  return finish(std::move(token), start);
}

std::uint32_t Lexer::lex_unicode_escape(std::size_t backslash) {
  std::uint32_t value = 0;
  for (int k = 0; k < 4; ++k, ++m_pos) {
    const char c = peek();
    const char lower = static_cast<char>(c | 0x20);
    if (!is_digit(c) && !(lower >= 'a' && lower <= 'f')) {
      throw_at(backslash, "expected four hex digits after '\\u'");
    }
    value = value * 16 + static_cast<std::uint32_t>(is_digit(c) ? c - '0' : lower - 'a' + 10);
  }
  return value;
}

// Escapes as in JSON, plus \' so either quote can appear in either string.
void Lexer::lex_escape(std::string& out) {
  const std::size_t backslash = m_pos++;
  const char c = peek();
  static constexpr std::string_view k_simple = "\\\\''\"\"//b\bf\fn\nr\rt\t";
  for (std::size_t k = 0; k < k_simple.size(); k += 2) {
    if (c == k_simple[k]) {
      out += k_simple[k + 1];
      ++m_pos;
      return;
    }
  }
  if (c != 'u') {
    if (m_pos >= m_text.size()) throw_at(backslash, "unterminated string");
    throw_at(backslash, fmt::format("unknown escape '\\{}' in a string",
                                    m_text.substr(m_pos, utf8::decode(m_text, m_pos).length)));
  }
  ++m_pos;
  std::uint32_t code_point = lex_unicode_escape(backslash);
  if (code_point >= 0xD800 && code_point < 0xDC00 && peek() == '\\' && peek(1) == 'u') {
    m_pos += 2;
    const std::uint32_t low = lex_unicode_escape(backslash);
    if (low < 0xDC00 || low > 0xDFFF) throw_at(backslash, "unpaired surrogate in a '\\u' escape");
    code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
  } else if (code_point >= 0xD800 && code_point <= 0xDFFF) {
    throw_at(backslash, "unpaired surrogate in a '\\u' escape");
  }
  utf8::append(out, code_point);
}

Token Lexer::lex_string() {
  const std::size_t start = m_pos;
  const char quote = m_text[m_pos++];
  std::string value;
  for (;;) {
    if (m_pos >= m_text.size()) throw_at(start, "unterminated string");
    const char c = m_text[m_pos];
    if (c == quote) break;
    if (c == '\\') {
      lex_escape(value);
    } else {
      value += c;
      ++m_pos;
    }
  }
  ++m_pos;
  Token token(TokenKind::string);
  token.value = std::move(value);
  return finish(std::move(token), start);
}

Token Lexer::lex_name() {
  const std::size_t start = m_pos;
  while (is_name_char(peek())) ++m_pos;
  while (peek() == '.') {
    const char c = peek(1);
    if (is_name_start(c)) {
      for (++m_pos; is_name_char(peek());) ++m_pos;
    } else if (is_digit(c)) {
      for (++m_pos; is_digit(peek());) ++m_pos;
    } else {
      throw_at(m_pos + 1, "expected a name after '.'");
    }
  }
  Token token;
  token.text = std::string(m_text.substr(start, m_pos - start));
  token.kind = is_keyword(token.text) ? TokenKind::keyword : TokenKind::name;
  return finish(std::move(token), start);
}

Token Lexer::lex_symbol() {
  static constexpr std::array<std::string_view, 16> k_symbols = {
      "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "(", ")", "[", "]", ","};
  const std::size_t start = m_pos;
  const std::string_view rest = m_text.substr(m_pos);
  for (const auto symbol : k_symbols) {
    if (rest.starts_with(symbol)) {
      m_pos += symbol.size();
      Token token(TokenKind::symbol, std::string(symbol));
      return finish(std::move(token), start);
    }
  }
  reject_character();
}

// Characters from other languages get a hint at what this one spells them as.
void Lexer::reject_character() {
  const std::string_view rest = m_text.substr(m_pos);
  if (rest.starts_with("&&")) throw_at(m_pos, "unexpected '&&': write 'and'");
  if (rest.starts_with("||")) throw_at(m_pos, "unexpected '||': write 'or'");
  if (rest.starts_with("=")) throw_at(m_pos, "unexpected '=': compare with '=='");
  if (rest.starts_with("!")) throw_at(m_pos, "unexpected '!': write 'not'");
  const auto byte = static_cast<unsigned char>(rest[0]);
  if (byte < 0x20 || byte == 0x7F)
    throw_at(m_pos, fmt::format("unexpected character U+{:04X}", byte));
  throw_at(m_pos,
           fmt::format("unexpected character '{}'", rest.substr(0, utf8::decode(rest, 0).length)));
}

// ---- Parser -------------------------------------------------------------------

constexpr std::size_t k_no_entry = ~std::size_t{0};

// A parsed subtree, how deeply its operators and lists nest, where it
// stands in the text and, when the parser records spans, its entry in them.
struct Node {
  Json json;
  std::size_t depth = 0;
  ExpressionSpan span;
  std::size_t entry = k_no_entry;
};

// Where a node stands, and what it is an argument of and as what ("/and/2",
// "/0"). Pointers are spelled out once, at the end: handing a subtree's
// spans up with each level it is nested in took time in proportion to its
// size times its depth (and a run like a + b + c + ... to its size squared).
struct SpanEntry {
  std::size_t parent = k_no_entry;
  std::string step;
  ExpressionSpan span;
};

class Parser {
 public:
  Parser(std::string_view text, bool record_spans) : m_lexer(text), m_record_spans(record_spans) {
    advance();
  }
  Node parse();
  // The span of every node of `root` by JSON pointer ("" is `root` itself).
  std::map<std::string, ExpressionSpan> spans(const Node& root) const;

 private:
  // Bounds the recursion through parentheses, lists and prefix operators.
  class Nesting {
   public:
    Nesting(Parser& parser, std::size_t offset) : m_parser(parser) {
      if (++m_parser.m_nesting > k_max_expression_depth) m_parser.fail_too_deep(offset);
    }
    ~Nesting() { --m_parser.m_nesting; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;

   private:
    Parser& m_parser;
  };

  void advance() {
    m_previous = std::move(m_token);
    m_token = m_lexer.next();
  }
  bool at_symbol(std::string_view symbol) const {
    return m_token.kind == TokenKind::symbol && m_token.text == symbol;
  }
  bool at_keyword(std::string_view word) const {
    return m_token.kind == TokenKind::keyword && m_token.text == word;
  }
  bool at_comparison() const;
  std::string describe_token() const;
  std::string where(std::size_t offset) const;
  [[noreturn]] void fail_too_deep(std::size_t offset) const;
  [[noreturn]] void fail_expected_value() const;
  [[noreturn]] void fail_trailing() const;
  Node make(std::string_view op, std::vector<Node> operands, std::size_t offset) const;
  void adopt(const Node& parent, const Node& child, std::string step) const;
  std::size_t record(ExpressionSpan span) const;
  void set_span(Node& node, ExpressionSpan span) const;
  Node leaf(Json value, std::size_t begin) const;

  Node parse_chain(std::string_view keyword, Node (Parser::*next)());
  Node parse_or() { return parse_chain("or", &Parser::parse_and); }
  Node parse_and() { return parse_chain("and", &Parser::parse_comparison); }
  Node parse_comparison();
  Node parse_arithmetic(std::string_view variadic, std::string_view others, Node (Parser::*next)());
  Node parse_sum() { return parse_arithmetic("+", "-", &Parser::parse_product); }
  Node parse_product() { return parse_arithmetic("*", "/%", &Parser::parse_prefix); }
  Node parse_prefix();
  Node parse_primary();
  Node parse_group();
  Node parse_list();

  Lexer m_lexer;
  Token m_token;
  Token m_previous;
  std::size_t m_nesting = 0;
  bool m_record_spans = false;
  mutable std::vector<SpanEntry> m_spans;
};

std::string Parser::where(std::size_t offset) const {
  const TextPosition position = position_of(m_lexer.text(), offset);
  if (position.line > 1) return fmt::format("line {}, column {}", position.line, position.column);
  return fmt::format("column {}", position.column);
}

// The token as written, cut short (at a whole character) when it is long or
// spans lines, so that the message stays on one line.
std::string Parser::describe_token() const {
  if (m_token.kind == TokenKind::end) return "the end";
  const std::string_view text = m_lexer.text().substr(m_token.offset, m_token.length);
  std::size_t cut = 0;
  while (cut < text.size() && cut < 24 && static_cast<unsigned char>(text[cut]) >= 0x20) {
    cut += std::max<std::size_t>(1, utf8::decode(text, cut).length);
  }
  if (cut >= text.size()) return fmt::format("'{}'", text);
  return fmt::format("'{}...'", text.substr(0, cut));
}

void Parser::fail_too_deep(std::size_t offset) const {
  throw_at(offset, fmt::format("expression nested deeper than {} levels", k_max_expression_depth));
}

void Parser::fail_expected_value() const {
  const bool at_end = m_token.kind == TokenKind::end;
  if (m_previous.length == 0) {
    throw_at(m_token.offset,
             at_end ? "empty expression" : "expected a value, found " + describe_token());
  }
  const std::string_view previous = m_lexer.text().substr(m_previous.offset, m_previous.length);
  if (at_end) throw_at(m_token.offset, fmt::format("expected a value after '{}'", previous));
  throw_at(m_token.offset,
           fmt::format("expected a value after '{}', found {}", previous, describe_token()));
}

void Parser::fail_trailing() const {
  if (at_symbol(")")) throw_at(m_token.offset, "unexpected ')' without a matching '('");
  if (at_symbol("]")) throw_at(m_token.offset, "unexpected ']' without a matching '['");
  throw_at(m_token.offset, "expected an operator, found " + describe_token());
}

Node Parser::make(std::string_view op, std::vector<Node> operands, std::size_t offset) const {
  const ExpressionSpan span{std::min(offset, operands.front().span.begin),
                            operands.back().span.end};
  Node node{Json::object(), 0, span, record(span)};
  Json& arguments = node.json[std::string(op)] = Json::array();
  const std::string prefix = "/" + json_pointer_token(op) + "/";
  for (std::size_t i = 0; i < operands.size(); ++i) {
    node.depth = std::max(node.depth, operands[i].depth + 1);
    adopt(node, operands[i], prefix + std::to_string(i));
    arguments.push_back(std::move(operands[i].json));
  }
  if (node.depth > k_max_expression_depth) fail_too_deep(offset);
  return node;
}

// `child` becomes `parent`'s `step`.
void Parser::adopt(const Node& parent, const Node& child, std::string step) const {
  if (child.entry == k_no_entry) return;
  m_spans[child.entry].parent = parent.entry;
  m_spans[child.entry].step = std::move(step);
}

std::size_t Parser::record(ExpressionSpan span) const {
  if (!m_record_spans) return k_no_entry;
  m_spans.push_back({k_no_entry, {}, span});
  return m_spans.size() - 1;
}

void Parser::set_span(Node& node, ExpressionSpan span) const {
  node.span = span;
  if (node.entry != k_no_entry) m_spans[node.entry].span = span;
}

std::map<std::string, ExpressionSpan> Parser::spans(const Node& root) const {
  std::map<std::string, ExpressionSpan> out;
  if (root.entry == k_no_entry) return out;
  std::vector<std::optional<std::string>> pointers(m_spans.size());
  std::vector<bool> detached(m_spans.size(), false);  // not inside `root`
  pointers[root.entry] = "";
  for (std::size_t i = 0; i < m_spans.size(); ++i) {
    std::vector<std::size_t> chain;
    std::size_t at = i;
    while (at != k_no_entry && !pointers[at] && !detached[at]) {
      chain.push_back(at);
      at = m_spans[at].parent;
    }
    const bool attached = at != k_no_entry && pointers[at].has_value();
    for (auto link = chain.rbegin(); link != chain.rend(); ++link) {
      if (attached)
        pointers[*link] = *pointers[m_spans[*link].parent] + m_spans[*link].step;
      else
        detached[*link] = true;
    }
  }
  for (std::size_t i = 0; i < m_spans.size(); ++i)
    if (pointers[i]) out.emplace(*pointers[i], m_spans[i].span);
  return out;
}

// A literal or fact from `begin` to the end of the token just read.
Node Parser::leaf(Json value, std::size_t begin) const {
  const ExpressionSpan span{begin, m_previous.offset + m_previous.length};
  return Node{std::move(value), 0, span, record(span)};
}

Node Parser::parse() {
  Node node = parse_or();
  if (m_token.kind != TokenKind::end) fail_trailing();
  return node;
}

// `a and b and c` is one {"and": [a, b, c]}.
Node Parser::parse_chain(std::string_view keyword, Node (Parser::*next)()) {
  Node first = (this->*next)();
  if (!at_keyword(keyword)) return first;
  const std::size_t offset = m_token.offset;
  std::vector<Node> operands;
  operands.push_back(std::move(first));
  while (at_keyword(keyword)) {
    advance();
    operands.push_back((this->*next)());
  }
  return make(keyword, std::move(operands), offset);
}

bool Parser::at_comparison() const {
  static constexpr std::array<std::string_view, 6> k_symbols = {"==", "!=", "<", "<=", ">", ">="};
  if (m_token.kind == TokenKind::symbol) {
    return std::find(k_symbols.begin(), k_symbols.end(), m_token.text) != k_symbols.end();
  }
  return at_keyword("in") || at_keyword("not");
}

// Comparisons do not associate; only JsonLogic's own `a < b < c` and
// `a <= b <= c` chain.
Node Parser::parse_comparison() {
  Node left = parse_sum();
  if (!at_comparison()) return left;
  const std::size_t offset = m_token.offset;
  const bool negated = at_keyword("not");
  if (negated) {
    advance();
    if (!at_keyword("in")) throw_at(m_token.offset, "expected 'in' after 'not'");
  }
  const std::string op = m_token.text;
  advance();
  std::vector<Node> operands;
  operands.push_back(std::move(left));
  operands.push_back(parse_sum());
  if ((op == "<" || op == "<=") && at_symbol(op)) {
    advance();
    operands.push_back(parse_sum());
  }
  if (at_comparison()) {
    throw_at(m_token.offset,
             "comparisons chain only as 'a < b < c' or 'a <= b <= c'; join others with 'and'");
  }
  Node node = make(op, std::move(operands), offset);
  if (!negated) return node;
  std::vector<Node> negation;
  negation.push_back(std::move(node));
  return make("!", std::move(negation), offset);
}

// Left-associative arithmetic; runs of the variadic operator (+ or *) that
// the text writes without parentheses become one operation.
Node Parser::parse_arithmetic(std::string_view variadic, std::string_view others,
                              Node (Parser::*next)()) {
  Node left = (this->*next)();
  bool open_run = false;
  while (m_token.kind == TokenKind::symbol &&
         (m_token.text == variadic || others.find(m_token.text) != std::string_view::npos)) {
    const std::string op = m_token.text;
    const std::size_t offset = m_token.offset;
    advance();
    Node right = (this->*next)();
    if (op == variadic && open_run) {
      left.depth = std::max(left.depth, right.depth + 1);
      if (left.depth > k_max_expression_depth) fail_too_deep(offset);
      set_span(left, {left.span.begin, right.span.end});
      adopt(left, right, fmt::format("/{}/{}", json_pointer_token(op), left.json[op].size()));
      left.json[op].push_back(std::move(right.json));
    } else {
      std::vector<Node> operands;
      operands.push_back(std::move(left));
      operands.push_back(std::move(right));
      left = make(op, std::move(operands), offset);
    }
    open_run = op == variadic;
  }
  return left;
}

Json negated_literal(const Json& number) {
  if (number.is_number_integer() && !number.is_number_unsigned())
    return -number.get<std::int64_t>();
  const auto magnitude = number.is_number_unsigned() ? number.get<std::uint64_t>() : 0;
  if (magnitude == std::uint64_t{1} << 63) return std::numeric_limits<std::int64_t>::min();
  return -number.get<double>();
}

// `not x` and `-x`; a minus written right before a number is part of it.
Node Parser::parse_prefix() {
  const bool is_not = at_keyword("not");
  if (!is_not && !at_symbol("-")) return parse_primary();
  const Nesting nesting(*this, m_token.offset);
  const std::size_t offset = m_token.offset;
  advance();
  if (!is_not && m_token.kind == TokenKind::number) {
    Json value = negated_literal(m_token.value);
    advance();
    return leaf(std::move(value), offset);
  }
  std::vector<Node> operand;
  operand.push_back(parse_prefix());
  return make(is_not ? "!" : "-", std::move(operand), offset);
}

Node Parser::parse_primary() {
  Json value;
  switch (m_token.kind) {
    case TokenKind::number:
    case TokenKind::string:
      value = m_token.value;
      break;
    case TokenKind::name:
      value = Json{{"var", m_token.text}};
      break;
    case TokenKind::keyword:
      if (m_token.text == "true")
        value = true;
      else if (m_token.text == "false")
        value = false;
      else if (m_token.text == "null")
        value = nullptr;
      else
        fail_expected_value();
      break;
    case TokenKind::symbol:
      if (at_symbol("(")) return parse_group();
      if (at_symbol("[")) return parse_list();
      fail_expected_value();
    case TokenKind::end:
      fail_expected_value();
  }
  const std::size_t begin = m_token.offset;
  advance();
  return leaf(std::move(value), begin);
}

Node Parser::parse_group() {
  const Nesting nesting(*this, m_token.offset);
  const std::size_t open = m_token.offset;
  advance();
  Node inner = parse_or();
  if (!at_symbol(")")) {
    throw_at(m_token.offset, fmt::format("expected ')' to close the '(' at {}", where(open)));
  }
  advance();
  set_span(inner, {open, m_previous.offset + m_previous.length});  // the parentheses too
  return inner;
}

Node Parser::parse_list() {
  const Nesting nesting(*this, m_token.offset);
  const std::size_t open = m_token.offset;
  advance();
  Node list{Json::array(), 1, {}, record({})};
  while (!at_symbol("]")) {
    Node item = parse_or();
    list.depth = std::max(list.depth, item.depth + 1);
    adopt(list, item, fmt::format("/{}", list.json.size()));
    list.json.push_back(std::move(item.json));
    if (at_symbol(",")) {
      advance();
    } else if (!at_symbol("]")) {
      const char* hint =
          m_token.kind == TokenKind::end ? "expected ']' to close" : "expected ',' or ']' in";
      throw_at(m_token.offset, fmt::format("{} the list opened at {}", hint, where(open)));
    }
  }
  if (list.depth > k_max_expression_depth) fail_too_deep(open);
  advance();
  set_span(list, {open, m_previous.offset + m_previous.length});
  return list;
}

// ---- Rendering JsonLogic as an expression --------------------------------------

// Binding strength, loosest first; k_atom never needs parentheses.
enum Precedence { k_or = 1, k_and, k_comparison, k_sum, k_product, k_prefix, k_atom };

// A rendered subtree, with what its parent needs to know to place it: its
// precedence, its operator, and how deeply parsing it back would nest.
struct Rendered {
  std::string text;
  int precedence = k_atom;
  std::string op;
  bool number = false;
  std::size_t depth = 0;    // operators and lists, as Node::depth
  std::size_t nesting = 0;  // parentheses, lists and prefixes, as Parser::Nesting
};

Rendered atom(std::string text) {
  Rendered out;
  out.text = std::move(text);
  return out;
}

using Operands = std::vector<const Json*>;
using Rendering = std::optional<Rendered>;

std::string quote(const std::string& value) {
  std::string out = "'";
  for (const char c : value) {
    switch (c) {
      case '\'':
        out += "\\'";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        else
          out += c;
    }
  }
  return out + "'";
}

Rendering render_number(const Json& number) {
  Rendered out;
  out.number = true;
  if (number.is_number_float()) {
    const double value = number.get<double>();
    if (!std::isfinite(value)) return std::nullopt;
    std::array<char, 32> buffer{};
    const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value).ptr;
    out.text.assign(buffer.data(), end);
  } else {
    out.text = number.dump();
  }
  if (out.text[0] == '-') {
    out.precedence = k_prefix;
    out.nesting = 1;
  }
  return out;
}

class Renderer {
 public:
  Rendering render(const Json& logic) const;

 private:
  Rendering render_list(const Json& list) const;
  Rendering render_operation(const std::string& op, const Operands& operands) const;
  Rendering render_var(const Operands& operands) const;
  Rendering render_not(const Operands& operands) const;
  Rendering render_prefix(std::string_view spelling, const Json& operand) const;
  Rendering render_infix(const std::string& op, const Operands& operands, int precedence,
                         bool variadic) const;
  static Rendering finish(Rendered out, std::string op, int precedence);
};

Rendering Renderer::finish(Rendered out, std::string op, int precedence) {
  if (out.depth > k_max_expression_depth || out.nesting > k_max_expression_depth)
    return std::nullopt;
  out.op = std::move(op);
  out.precedence = precedence;
  return out;
}

Rendering Renderer::render(const Json& logic) const {
  switch (logic.type()) {
    case Json::value_t::null:
      return atom("null");
    case Json::value_t::boolean:
      return atom(logic.get<bool>() ? "true" : "false");
    case Json::value_t::string: {
      const auto& value = logic.get_ref<const std::string&>();
      if (first_invalid_utf8(value)) return std::nullopt;
      return atom(quote(value));
    }
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return render_number(logic);
    case Json::value_t::array:
      return render_list(logic);
    case Json::value_t::object:
      break;
    default:
      return std::nullopt;
  }
  if (logic.size() != 1) return std::nullopt;
  const auto item = logic.items().begin();
  Operands operands;
  if (item.value().is_array()) {
    for (const auto& operand : item.value()) operands.push_back(&operand);
  } else {
    operands.push_back(&item.value());
  }
  return render_operation(item.key(), operands);
}

Rendering Renderer::render_list(const Json& list) const {
  Rendered out = atom("[");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto item = render(list[i]);
    if (!item) return std::nullopt;
    out.text += (i == 0 ? "" : ", ") + item->text;
    out.depth = std::max(out.depth, item->depth);
    out.nesting = std::max(out.nesting, item->nesting);
  }
  out.text += "]";
  ++out.depth;
  ++out.nesting;
  return finish(std::move(out), "", k_atom);
}

Rendering Renderer::render_operation(const std::string& op, const Operands& operands) const {
  const std::size_t count = operands.size();
  if (op == "var") return render_var(operands);
  if (op == "!") return render_not(operands);
  if (op == "-" && count == 1) return render_prefix("-", *operands[0]);
  if ((op == "and" || op == "or") && count >= 2) {
    return render_infix(op, operands, op == "and" ? k_and : k_or, true);
  }
  if ((op == "+" || op == "*") && count >= 2) {
    return render_infix(op, operands, op == "+" ? k_sum : k_product, true);
  }
  if ((op == "-" || op == "/" || op == "%") && count == 2) {
    return render_infix(op, operands, op == "-" ? k_sum : k_product, false);
  }
  const bool comparison = op == "==" || op == "!=" || op == ">" || op == ">=" || op == "in";
  if ((comparison && count == 2) || ((op == "<" || op == "<=") && (count == 2 || count == 3))) {
    return render_infix(op, operands, k_comparison, false);
  }
  return std::nullopt;
}

Rendering Renderer::render_var(const Operands& operands) const {
  if (operands.size() != 1 || !operands[0]->is_string()) return std::nullopt;
  const auto& name = operands[0]->get_ref<const std::string&>();
  if (!is_fact_name(name)) return std::nullopt;
  return atom(name);
}

// {"!": [{"in": [a, b]}]} reads best as `a not in b`.
Rendering Renderer::render_not(const Operands& operands) const {
  if (operands.size() != 1) return std::nullopt;
  const Json& operand = *operands[0];
  if (operand.is_object() && operand.size() == 1 && operand.contains("in")) {
    const Json& in = operand["in"];
    if (in.is_array() && in.size() == 2) {
      auto out = render_infix("not in", Operands{&in[0], &in[1]}, k_comparison, false);
      if (out) out->depth += 1;
      return out ? finish(std::move(*out), "!", k_comparison) : std::nullopt;
    }
  }
  return render_prefix("not ", operand);
}

// A number right after '-' would be read as a negative literal, hence -(3);
// a second minus is spaced (- -x) rather than parenthesised, so deep runs of
// minus signs nest no deeper than the text they came from.
Rendering Renderer::render_prefix(std::string_view spelling, const Json& operand) const {
  auto inner = render(operand);
  if (!inner) return std::nullopt;
  const bool minus = spelling == "-";
  const bool negative = inner->text[0] == '-';
  const bool wrap = inner->precedence < k_prefix || (minus && inner->number && !negative);
  const std::string separator = minus && negative ? " " : "";
  Rendered out =
      atom(std::string(spelling) + separator + (wrap ? "(" + inner->text + ")" : inner->text));
  out.depth = inner->depth + 1;
  out.nesting = inner->nesting + (wrap ? 2 : 1);
  return finish(std::move(out), minus ? "-" : "!", k_prefix);
}

// Left-associative: the first operand may sit at the operator's own level
// (a - b + c), except that the same variadic operator there would merge into
// one run; later operands need to bind tighter.
Rendering Renderer::render_infix(const std::string& op, const Operands& operands, int precedence,
                                 bool variadic) const {
  Rendered out;
  for (std::size_t i = 0; i < operands.size(); ++i) {
    auto part = render(*operands[i]);
    if (!part) return std::nullopt;
    const bool first = i == 0 && precedence != k_comparison;
    const bool wrap = first ? part->precedence < precedence || (variadic && part->op == op)
                            : part->precedence <= precedence;
    if (i > 0) out.text += " " + op + " ";
    out.text += wrap ? "(" + part->text + ")" : part->text;
    out.depth = std::max(out.depth, part->depth);
    out.nesting = std::max(out.nesting, part->nesting + (wrap ? 1 : 0));
  }
  out.depth += 1;
  return finish(std::move(out), op, precedence);
}

}  // namespace

std::optional<std::string> to_expression(const nlohmann::json& logic) {
  auto rendered = Renderer().render(logic);
  if (!rendered) return std::nullopt;
  return std::move(rendered->text);
}

namespace {

LocatedExpression parse(std::string_view text, bool record_spans) {
  std::size_t error_offset = 0;
  std::string message;
  if (const auto invalid = first_invalid_utf8(text)) {
    error_offset = *invalid;
    message = "invalid UTF-8";
  } else {
    try {
      Parser parser(text, record_spans);
      Node node = parser.parse();
      auto spans = parser.spans(node);
      return {std::move(node.json), std::move(spans), 0};
    } catch (const ParseError& error) {
      error_offset = error.offset;
      message = error.message;
    }
  }
  Diagnostic diagnostic = make_error(std::move(message));
  const TextPosition position = position_of(text, error_offset);
  diagnostic.line = position.line;
  diagnostic.column = position.column;
  return {diagnostic, {}, error_offset};
}

}  // namespace

Result<nlohmann::json> parse_expression(std::string_view text) { return parse(text, false).logic; }

LocatedExpression parse_located_expression(std::string_view text) { return parse(text, true); }

Result<nlohmann::json> condition_to_logic(const nlohmann::json& condition) {
  if (condition.is_string()) return parse_expression(condition.get_ref<const std::string&>());
  return condition;
}

}  // namespace closecoach
