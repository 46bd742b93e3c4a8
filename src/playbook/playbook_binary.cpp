// The playbook's compact binary form: every field in declaration order, sizes
// and numbers as LEB128 varints, text as length and bytes, JSON values as a
// type tag and their content. It exists so that the built-in playbook is read
// at start-up without parsing JSON, validating or locating anything: the
// build runs encode_playbook on data/playbook.json once.

#include <closecoach/playbook.hpp>

#include <cstring>
#include <limits>

namespace closecoach {

namespace {

constexpr std::string_view k_magic = "closecoach playbook 1\n";

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

  void put(const FactSpec& spec) {
    put(spec.id);
    size(static_cast<std::size_t>(spec.type));
    put(spec.values);
    put(spec.minimum);
    put(spec.maximum);
    put(spec.derived);
  }
  void put(const Fact& fact) {
    put(fact.spec);
    put(fact.question);
    put(fact.help);
    put(fact.labels);
    put(fact.assume);
    put(fact.pointer);
  }
  void put(const Technique& technique) {
    put(technique.id);
    for (const Text* text : {&technique.name, &technique.summary, &technique.use_when,
                             &technique.avoid_when, &technique.risks})
      put(*text);
    put(technique.say);
    put(technique.seed);
    put(technique.warn);
    put(technique.pointer);
  }
  void put(const Warning& warning) {
    for (const std::string* text : {&warning.id, &warning.seed, &warning.pointer}) put(*text);
    put(warning.name);
    put(warning.text);
  }
  void put(const Rule& rule) {
    for (const std::string* text : {&rule.id, &rule.principle, &rule.seed, &rule.pointer})
      put(*text);
    put(rule.when);
    put(rule.logic);
    size(static_cast<std::size_t>(rule.effect));
    put(static_cast<double>(rule.priority));
    put(rule.targets);
    put(rule.set);
    put(rule.because);
  }
  void put(const Signal& signal) {
    for (const std::string* text : {&signal.id, &signal.fact, &signal.pointer}) put(*text);
    put(signal.value);
    put(signal.when_negated);
    put(signal.patterns);
  }
  void put(const Cue& cue) {
    put(cue.id);
    size(static_cast<std::size_t>(cue.kind));
    put(cue.covers_before);
    put(cue.reaches_sentence);
    size(cue.window);
    put(cue.patterns);
    put(cue.pointer);
  }

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
  explicit Decoder(std::string_view bytes) : m_bytes(bytes) {}

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

  void get(FactSpec& spec) {
    get(spec.id);
    enumeration(spec.type, FactType::string);
    get(spec.values);
    get(spec.minimum);
    get(spec.maximum);
    get(spec.derived);
  }
  void get(Fact& fact) {
    get(fact.spec);
    get(fact.question);
    get(fact.help);
    get(fact.labels);
    get(fact.assume);
    get(fact.pointer);
  }
  void get(Technique& technique) {
    get(technique.id);
    for (Text* text : {&technique.name, &technique.summary, &technique.use_when,
                       &technique.avoid_when, &technique.risks})
      get(*text);
    get(technique.say);
    get(technique.seed);
    get(technique.warn);
    get(technique.pointer);
  }
  void get(Warning& warning) {
    for (std::string* text : {&warning.id, &warning.seed, &warning.pointer}) get(*text);
    get(warning.name);
    get(warning.text);
  }
  void get(Rule& rule) {
    for (std::string* text : {&rule.id, &rule.principle, &rule.seed, &rule.pointer}) get(*text);
    get(rule.when);
    get(rule.logic);
    enumeration(rule.effect, RuleEffect::warn);
    double priority = 0;
    get(priority);
    rule.priority = static_cast<int>(priority);
    get(rule.targets);
    get(rule.set);
    get(rule.because);
  }
  void get(Signal& signal) {
    for (std::string* text : {&signal.id, &signal.fact, &signal.pointer}) get(*text);
    get(signal.value);
    get(signal.when_negated);
    get(signal.patterns);
  }
  void get(Cue& cue) {
    get(cue.id);
    enumeration(cue.kind, CueKind::terminator);
    get(cue.covers_before);
    get(cue.reaches_sentence);
    cue.window = size();
    get(cue.patterns);
    get(cue.pointer);
  }

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
    case JsonTag::integer: {
      const std::size_t zigzag = size();
      value = static_cast<std::int64_t>(zigzag >> 1U) ^ -static_cast<std::int64_t>(zigzag & 1U);
      return;
    }
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
  encoder.put(playbook.name);
  encoder.put(playbook.languages);
  encoder.put(playbook.facts);
  encoder.put(playbook.techniques);
  encoder.put(playbook.warnings);
  encoder.put(playbook.rules);
  encoder.put(playbook.signals);
  encoder.put(playbook.cues);
  encoder.put(playbook.seeds);
  return std::string(k_magic) + encoder.take();
}

Result<Playbook> decode_playbook(std::string_view bytes) {
  Decoder decoder(bytes);
  Playbook playbook;
  if (decoder.expect(k_magic)) {
    decoder.get(playbook.name);
    decoder.get(playbook.languages);
    decoder.get(playbook.facts);
    decoder.get(playbook.techniques);
    decoder.get(playbook.warnings);
    decoder.get(playbook.rules);
    decoder.get(playbook.signals);
    decoder.get(playbook.cues);
    decoder.get(playbook.seeds);
  }
  if (!decoder.ok() || !decoder.at_end())
    return make_error("the compiled playbook is damaged: rebuild closecoach");
  return playbook;
}

}  // namespace closecoach
