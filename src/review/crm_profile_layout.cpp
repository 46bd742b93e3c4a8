// A profile applied to an export's header row, and each data row read through it.

#include <closecoach/crm_profile.hpp>
#include <closecoach/csv.hpp>
#include <closecoach/text.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace closecoach {

struct ProfileLayout::Source {
  const ProfileSource* spec = nullptr;
  int slot = -1;
  std::size_t column = 0;
  bool closed_column = false;  // the same column says whether the deal is closed
  // The value map, by the CRM value as written and by its header_key.
  std::vector<std::pair<std::string, Value>> exact, keyed;
};

namespace {

// The first column whose header is one of `names` (by header_key), in the
// order of `names`, that nothing else has claimed; -1 when there is none.
int find_column(const std::vector<std::string>& keys, const std::vector<bool>& claimed,
                const std::vector<std::string>& names) {
  for (const auto& name : names) {
    const std::string key = header_key(name);
    for (std::size_t column = 0; column < keys.size(); ++column)
      if (keys[column] == key && !(column < claimed.size() && claimed[column]))
        return static_cast<int>(column);
  }
  return -1;
}

// "facts.stage.values" from "/facts/stage" (or "/facts/stage/1" for an alternative).
std::string readable_path(const std::string& pointer, const char* key) {
  std::string path;
  std::size_t start = 1;
  while (start <= pointer.size()) {
    const auto end = std::min(pointer.find('/', start), pointer.size());
    std::string token;
    for (std::size_t at = start; at < end; ++at) {
      const bool escape = pointer[at] == '~' && at + 1 < end;
      token += escape ? (pointer[at + 1] == '1' ? '/' : '~') : pointer[at];
      at += escape ? 1 : 0;
    }
    const bool index = !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
    if (index)
      path += fmt::format("[{}]", token);
    else
      path += path.empty() ? token : fmt::format(".{}", token);
    start = end + 1;
  }
  return fmt::format("{}.{}", path, key);
}

// What a fact can be when read as text, for a message.
std::string own_values(const FactSpec& spec) {
  switch (spec.type) {
    case FactType::enumeration:
      return fmt::format("{}", fmt::join(spec.values, ", "));
    case FactType::boolean:
      return "true, false, yes, no";
    case FactType::integer:
      return "a whole number";
    case FactType::number:
      return "a number";
    case FactType::string:
      break;
  }
  return "any text";
}

// The value `cell` maps to in the source's value map, or nullptr.
const Value* lookup(const ProfileLayout::Source& source, std::string_view cell) {
  for (const auto& [crm, value] : source.exact)
    if (crm == cell) return &value;
  const std::string key = header_key(cell);
  for (const auto& [crm, value] : source.keyed)
    if (crm == key) return &value;
  return nullptr;
}

bool same_value(const std::vector<std::string>& names, std::string_view cell,
                const std::string& key) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& name) {
    return name == cell || header_key(name) == key;
  });
}

}  // namespace

ProfileLayout::ProfileLayout(const CrmProfile& profile, const FactSchema& schema,
                             const std::vector<std::string>& header,
                             const std::vector<bool>& claimed, CivilDate today)
    : m_profile(&profile), m_schema(&schema), m_today(today), m_headers(header) {
  std::vector<std::string> keys;
  for (const auto& name : header) keys.push_back(header_key(name));
  const auto use = [&](const char* what, int column, std::string detail = {}) {
    if (column >= 0) m_uses.push_back({what, static_cast<std::size_t>(column), std::move(detail)});
    return column;
  };
  m_id = use("id", find_column(keys, claimed, profile.id));
  m_name = use("name", find_column(keys, claimed, profile.deal_name));
  m_owner = use("owner", find_column(keys, claimed, profile.owner));
  for (const auto& note : profile.notes)
    if (const int column = use("notes", find_column(keys, claimed, {note})); column >= 0)
      m_notes.push_back(static_cast<std::size_t>(column));
  m_closed = use("closed", find_column(keys, claimed, profile.closed_columns));
  for (const ProfileFact& fact : profile.facts) {
    for (const ProfileSource& spec : fact.sources) {
      const int column = find_column(keys, claimed, spec.columns);
      if (column < 0) continue;
      Source source{&spec,
                    schema.slot_of(fact.fact),
                    static_cast<std::size_t>(column),
                    column == m_closed,
                    {},
                    {}};
      for (const auto& [crm, value] : spec.values) {
        const Value mapped = value.is_null() ? Value::unknown_value()
                                             : schema.value_from_json(source.slot, value).value();
        source.exact.emplace_back(crm, mapped);
        source.keyed.emplace_back(header_key(crm), mapped);
      }
      use(fact.fact.c_str(), column,
          spec.days_since.empty() ? std::string() : fmt::format("days to {}", to_iso(today)));
      m_sources.push_back(std::move(source));
      break;
    }
  }
}

ProfileLayout::ProfileLayout(const ProfileLayout&) = default;
ProfileLayout::ProfileLayout(ProfileLayout&&) noexcept = default;
ProfileLayout& ProfileLayout::operator=(const ProfileLayout&) = default;
ProfileLayout& ProfileLayout::operator=(ProfileLayout&&) noexcept = default;
ProfileLayout::~ProfileLayout() = default;

bool ProfileLayout::uses_column(std::size_t column) const {
  return std::any_of(m_uses.begin(), m_uses.end(),
                     [&](const Use& use) { return use.column == column; });
}

std::string ProfileLayout::describe(const std::vector<std::string>& header) const {
  std::string out;
  for (std::size_t i = 0; i < m_uses.size(); ++i) {
    const Use& use = m_uses[i];
    const bool continues = i > 0 && m_uses[i - 1].what == use.what;
    out += continues ? " + " : (out.empty() ? "" : ", ") + use.what + " ";
    out += fmt::format("'{}'", use.column < header.size() ? header[use.column] : "?");
    if (!use.detail.empty()) out += fmt::format(" ({})", use.detail);
  }
  return out;
}

std::optional<std::string> ProfileLayout::read(const std::vector<std::string>& fields,
                                               ProfileRow& row, std::string& notes,
                                               std::vector<Value>& facts) const {
  const auto cell = [&](int column) -> std::string_view {
    if (column < 0 || static_cast<std::size_t>(column) >= fields.size()) return {};
    return trim_space(fields[static_cast<std::size_t>(column)]);
  };
  row = ProfileRow{cell(m_id), cell(m_name), cell(m_owner), m_id >= 0, DealClosed::open};
  if (const std::string_view closed = cell(m_closed); !closed.empty()) {
    const std::string key = header_key(closed);
    if (same_value(m_profile->won, closed, key))
      row.closed = DealClosed::won;
    else if (same_value(m_profile->lost, closed, key))
      row.closed = DealClosed::lost;
  }
  for (const std::size_t column : m_notes) {
    const std::string_view text = cell(static_cast<int>(column));
    if (text.empty()) continue;
    if (!notes.empty()) notes += '\n';
    notes += text;
  }
  for (const Source& source : m_sources) {
    if (source.column >= fields.size() || trim_space(fields[source.column]).empty()) continue;
    if (auto error = read_source(source, fields[source.column], row.closed, facts)) return error;
  }
  return std::nullopt;
}

std::optional<std::string> ProfileLayout::read_source(const Source& source, const std::string& text,
                                                      DealClosed closed,
                                                      std::vector<Value>& facts) const {
  const std::string_view cell = trim_space(text);
  Value& fact = facts[static_cast<std::size_t>(source.slot)];
  const std::string& header = m_headers[source.column];
  if (!source.spec->days_since.empty()) {
    for (const auto& format : source.spec->days_since) {
      const auto date = parse_date(cell, format);
      if (!date) continue;
      const std::int64_t days = days_between(*date, m_today);
      if (days < 0)
        return fmt::format(
            "column {} ('{}'): '{}' is after today ({}), so {} would be negative; give the day the "
            "export was made with --today YYYY-MM-DD",
            source.column + 1, header, cell, to_iso(m_today), m_schema->spec(source.slot).id);
      auto value = m_schema->value_from_json(source.slot, days);
      if (!value.ok())
        return fmt::format("column {} ('{}'): {}", source.column + 1, header,
                           value.error().message);
      fact = *value;
      return std::nullopt;
    }
    return fmt::format("column {} ('{}'): '{}' is not a date in the form {}", source.column + 1,
                       header, cell, fmt::join(source.spec->days_since, " or "));
  }
  if (const Value* mapped = lookup(source, cell)) {
    fact = *mapped;
    return std::nullopt;
  }
  if (source.closed_column && closed != DealClosed::open) return std::nullopt;
  auto value = m_schema->value_from_text(source.slot, cell);
  if (value.ok()) {
    fact = *value;
    return std::nullopt;
  }
  if (source.exact.empty())
    return fmt::format("column {} ('{}'): {}", source.column + 1, header, value.error().message);
  return unknown_value(source, cell);
}

std::string ProfileLayout::unknown_value(const Source& source, std::string_view cell) const {
  const FactSpec& spec = m_schema->spec(source.slot);
  std::vector<std::string_view> known;
  for (const auto& [crm, value] : source.exact) known.push_back(crm);
  std::string closed;
  if (source.closed_column) {
    std::vector<std::string_view> values(m_profile->won.begin(), m_profile->won.end());
    values.insert(values.end(), m_profile->lost.begin(), m_profile->lost.end());
    closed = fmt::format("; closed: {}", fmt::join(values, ", "));
  }
  const std::string where =
      m_profile->builtin
          ? fmt::format("a profile file (start from: closecoach profile show {})", m_profile->name)
          : m_profile->file;
  return fmt::format(
      "column {} ('{}'): '{}' is not a value the {} profile maps to {} (it maps {}{}; {}'s own "
      "values: {}); map it under {} in {}",
      source.column + 1, m_headers[source.column], cell, m_profile->name, spec.id,
      fmt::join(known, ", "), closed, spec.id, own_values(spec),
      readable_path(source.spec->pointer, "values"), where);
}

}  // namespace closecoach
