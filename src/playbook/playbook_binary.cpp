// The playbook's compact binary form: every field in declaration order, sizes
// and numbers as LEB128 varints, text as length and bytes, JSON values as a
// type tag and their content. It exists so that the built-in playbook is read
// at start-up without parsing JSON, validating or locating anything: the
// build runs encode_playbook on data/playbook.json once.

#include <closecoach/playbook.hpp>

#include <concepts>
#include <cstring>
#include <limits>

namespace closecoach {

namespace {

constexpr std::string_view k_magic = "closecoach playbook 1\n";  // bump when the fields change

enum class JsonTag : std::uint8_t {
  null,
  boolean,
  integer,
  unsigned_integer,
  number,
  text,
  array,
  object
};

// Keeps small negative numbers small as varints.
std::size_t zigzag(std::int64_t number) {
  return (static_cast<std::size_t>(number) << 1U) ^ static_cast<std::size_t>(number >> 63);
}
std::int64_t unzigzag(std::size_t bits) {
  return static_cast<std::int64_t>(bits >> 1U) ^ -static_cast<std::int64_t>(bits & 1U);
}

// Each item's fields in the order of the bytes: the one list that both the
// Encoder and the Decoder follow (`coder(field)` writes or reads it), so the
// two cannot disagree.
template <typename T, typename Item>
concept either = std::same_as<std::remove_const_t<T>, Item>;

template <typename Coder>
void fields(Coder& coder, either<FactSpec> auto& spec) {
  coder(spec.id);
  coder.enumeration(spec.type, FactType::string);
  coder(spec.values);
  coder(spec.minimum);
  coder(spec.maximum);
  coder(spec.derived);
}

template <typename Coder>
void fields(Coder& coder, either<Fact> auto& fact) {
  coder(fact.spec);
  coder.text(fact.question);
  coder.text(fact.help);
  coder.text(fact.labels);
  coder(fact.assume);
  coder(fact.frequency);
  coder(fact.pointer);
}

template <typename Coder>
void fields(Coder& coder, either<Technique> auto& technique) {
  coder(technique.id);
  coder.text(technique.name);
  coder.text(technique.summary);
  coder.text(technique.use_when);
  coder.text(technique.avoid_when);
  coder.text(technique.risks);
  coder.text(technique.say);
  coder(technique.seed);
  coder(technique.warn);
  coder(technique.pointer);
}

template <typename Coder>
void fields(Coder& coder, either<Warning> auto& warning) {
  coder(warning.id);
  coder.text(warning.name);
  coder.text(warning.text);
  coder(warning.seed);
  coder(warning.pointer);
}

template <typename Coder>
void fields(Coder& coder, either<Rule> auto& rule) {
  coder(rule.id);
  coder(rule.principle);
  coder(rule.seed);
  coder(rule.when);
  coder(rule.logic);
  coder.enumeration(rule.effect, RuleEffect::warn);
  coder.integer(rule.priority);
  coder(rule.targets);
  coder(rule.set);
  coder.text(rule.because);
  coder(rule.pointer);
}

template <typename Coder>
void fields(Coder& coder, either<Signal> auto& signal) {
  coder(signal.id);
  coder(signal.fact);
  coder(signal.value);
  coder(signal.when_negated);
  coder(signal.patterns);
  coder(signal.pointer);
}

template <typename Coder>
void fields(Coder& coder, either<Cue> auto& cue) {
  coder(cue.id);
  coder.enumeration(cue.kind, CueKind::terminator);
  coder(cue.covers_before);
  coder(cue.reaches_sentence);
  coder.natural(cue.window);
  coder(cue.patterns);
  coder(cue.pointer);
}

template <typename Coder>
void fields(Coder& coder, either<Playbook> auto& playbook) {
  coder(playbook.name);
  coder(playbook.languages);
  coder(playbook.facts);
  coder(playbook.techniques);
  coder(playbook.warnings);
  coder(playbook.rules);
  coder(playbook.signals);
  coder(playbook.cues);
  coder.text(playbook.seeds);
}

class Encoder {
 public:
  std::string take() { return std::move(m_bytes); }

  void size(std::size_t n) {
    do {
      const auto low = static_cast<std::uint8_t>(n & 0x7FU);
      n >>= 7U;
      m_bytes.push_back(static_cast<char>(n == 0 ? low : low | 0x80U));
    } while (n != 0);
  }
  void put(const std::string& text) {
    size(text.size());
    m_bytes += text;
  }
  void put(bool flag) { size(flag ? 1 : 0); }
  void put(double number) {
    char raw[sizeof number];
    std::memcpy(raw, &number, sizeof number);
    m_bytes.append(raw, sizeof raw);
  }
  void put(const std::optional<double>& number) {
    put(number.has_value());
    if (number) put(*number);
  }
  void put(const nlohmann::json& value);
  void put(const std::optional<nlohmann::json>& value) {
    put(value.has_value());
    if (value) put(*value);
  }
  template <typename T>
  void put(const std::vector<T>& items) {
    size(items.size());
    for (const auto& item : items) put(item);
  }
  template <typename K, typename V>
  void put(const std::map<K, V, std::less<>>& items) {
    size(items.size());
    for (const auto& [key, item] : items) {
      put(key);
      put(item);
    }
  }
  template <typename A, typename B>
  void put(const std::pair<A, B>& pair) {
    put(pair.first);
    put(pair.second);
  }

  template <typename T>
  void put(const T& item) {
    fields(*this, item);
  }
  template <typename T>
  void operator()(const T& field) {
    put(field);
  }
  // A user-facing text, by language (or by value, then language): every
  // language is written; the Decoder may keep one.
  template <typename T>
  void text(const T& field) {
    put(field);
  }
  template <typename E>
  void enumeration(E value, E /*last*/) {
    size(static_cast<std::size_t>(value));
  }
  void integer(int number) { size(zigzag(number)); }
  void natural(std::size_t number) { size(number); }

 private:
  std::string m_bytes;
};

void Encoder::put(const nlohmann::json& value) {
  using Type = nlohmann::json::value_t;
  switch (value.type()) {
    case Type::boolean:
      size(static_cast<std::size_t>(JsonTag::boolean));
      return put(value.get<bool>());
    case Type::number_integer:
      size(static_cast<std::size_t>(JsonTag::integer));
      return size(zigzag(value.get<std::int64_t>()));
    case Type::number_unsigned:
      size(static_cast<std::size_t>(JsonTag::unsigned_integer));
      return size(value.get<std::size_t>());
    case Type::number_float:
      size(static_cast<std::size_t>(JsonTag::number));
      return put(value.get<double>());
    case Type::string:
      size(static_cast<std::size_t>(JsonTag::text));
      return put(value.get_ref<const std::string&>());
    case Type::array:
      size(static_cast<std::size_t>(JsonTag::array));
      size(value.size());
      for (const auto& item : value) put(item);
      return;
    case Type::object:
      size(static_cast<std::size_t>(JsonTag::object));
      size(value.size());
      for (const auto& [key, item] : value.items()) {
        put(key);
        put(item);
      }
      return;
    default:  // null, and what JSON text cannot hold (binary, discarded)
      size(static_cast<std::size_t>(JsonTag::null));
      return;
  }
}

// Reads what Encoder wrote. Past the end or on a bad tag it fails once and
// from then on reads empty values, so the caller checks ok() at the end only.
class Decoder {
 public:
  // With `language`, text() keeps of each text only what text_in() would
  // return in that language.
  Decoder(std::string_view bytes, std::string_view language)
      : m_bytes(bytes), m_language(language) {}

  bool ok() const { return m_ok; }
  bool at_end() const { return m_at == m_bytes.size(); }
  bool expect(std::string_view magic) {
    if (m_bytes.substr(0, magic.size()) != magic) return fail();
    m_at = magic.size();
    return true;
  }

  std::size_t size() {
    std::size_t n = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      if (m_at >= m_bytes.size()) return fail(), 0;
      const auto byte = static_cast<std::uint8_t>(m_bytes[m_at++]);
      n |= static_cast<std::size_t>(byte & 0x7FU) << shift;
      if ((byte & 0x80U) == 0) return n;
    }
    return fail(), 0;
  }
  // A count of items, each at least one byte: more than the bytes left is damage.
  std::size_t count() {
    const std::size_t n = size();
    return n <= m_bytes.size() - m_at ? n : (fail(), 0);
  }
  void get(std::string& text) {
    const std::size_t n = count();
    text.assign(m_bytes.substr(m_at, n));
    m_at += n;
  }
  void get(bool& flag) { flag = size() != 0; }
  void get(double& number) {
    if (m_bytes.size() - m_at < sizeof number) return static_cast<void>(fail());
    std::memcpy(&number, m_bytes.data() + m_at, sizeof number);
    m_at += sizeof number;
  }
  void get(std::optional<double>& number) {
    if (!flag()) return;
    get(number.emplace());
  }
  void get(nlohmann::json& value, int depth = 0);
  void get(std::optional<nlohmann::json>& value) {
    if (!flag()) return;
    get(value.emplace());
  }
  template <typename T>
  void get(std::vector<T>& items) {
    items.resize(count());
    for (auto& item : items) get(item);
  }
  template <typename K, typename V>
  void get(std::map<K, V, std::less<>>& items) {
    const std::size_t n = count();
    for (std::size_t i = 0; i < n && m_ok; ++i) {
      K key;
      get(key);
      get(items.emplace_hint(items.end(), std::move(key), V())->second);
    }
  }
  template <typename A, typename B>
  void get(std::pair<A, B>& pair) {
    get(pair.first);
    get(pair.second);
  }
  template <typename E>
  void enumeration(E& value, E last) {
    const std::size_t n = size();
    if (n > static_cast<std::size_t>(last)) return static_cast<void>(fail());
    value = static_cast<E>(n);
  }

  template <typename T>
  void get(T& item) {
    fields(*this, item);
  }
  template <typename T>
  void operator()(T& field) {
    get(field);
  }
  template <typename V>
  void text(std::map<std::string, V, std::less<>>& by_language) {
    if (m_language.empty()) return get(by_language);
    const std::size_t n = count();
    std::string language;
    V skipped;
    int kept = 0;  // how text_in ranks what is kept: 3 the language, 2 English, 1 the first
    for (std::size_t i = 0; i < n && m_ok; ++i) {
      get(language);
      const int rank = language == m_language ? 3 : language == "en" ? 2 : kept == 0 ? 1 : 0;
      if (rank <= kept) {
        get(skipped);
        continue;
      }
      kept = rank;
      by_language.clear();
      get(by_language.emplace(std::move(language), V()).first->second);
    }
  }
  void text(std::map<std::string, Text, std::less<>>& texts) {
    const std::size_t n = count();
    for (std::size_t i = 0; i < n && m_ok; ++i) {
      std::string key;
      get(key);
      text(texts.emplace_hint(texts.end(), std::move(key), Text())->second);
    }
  }
  void integer(int& number) { number = static_cast<int>(unzigzag(size())); }
  void natural(std::size_t& number) { number = size(); }

 private:
  // Deeper nesting than any condition needs is damage, not a playbook.
  static constexpr int k_max_depth = 256;

  bool flag() { return size() != 0; }
  bool fail() {
    m_ok = false;
    m_at = m_bytes.size();
    return false;
  }

  std::string_view m_bytes;
  std::string_view m_language;
  std::size_t m_at = 0;
  bool m_ok = true;
};

void Decoder::get(nlohmann::json& value, int depth) {
  JsonTag tag = JsonTag::null;
  enumeration(tag, JsonTag::object);
  if (depth > k_max_depth) return static_cast<void>(fail());
  switch (tag) {
    case JsonTag::null:
      value = nullptr;
      return;
    case JsonTag::boolean:
      value = flag();
      return;
    case JsonTag::integer:
      value = unzigzag(size());
      return;
    case JsonTag::unsigned_integer:
      value = size();
      return;
    case JsonTag::number: {
      double number = 0;
      get(number);
      value = number;
      return;
    }
    case JsonTag::text: {
      std::string text;
      get(text);
      value = std::move(text);
      return;
    }
    case JsonTag::array: {
      value = nlohmann::json::array();
      const std::size_t n = count();
      for (std::size_t i = 0; i < n && m_ok; ++i) get(value.emplace_back(), depth + 1);
      return;
    }
    case JsonTag::object: {
      value = nlohmann::json::object();
      const std::size_t n = count();
      for (std::size_t i = 0; i < n && m_ok; ++i) {
        std::string key;
        get(key);
        get(value[key], depth + 1);
      }
      return;
    }
  }
}

}  // namespace

std::string encode_playbook(const Playbook& playbook) {
  Encoder encoder;
  encoder.put(playbook);
  return std::string(k_magic) + encoder.take();
}

Result<Playbook> decode_playbook(std::string_view bytes, std::string_view language) {
  Decoder decoder(bytes, language);
  Playbook playbook;
  if (decoder.expect(k_magic)) decoder.get(playbook);
  if (!decoder.ok() || !decoder.at_end())
    return make_error("the compiled playbook is damaged: rebuild closecoach");
  return playbook;
}

}  // namespace closecoach
