// Profiles: the loader with located errors, the built-ins and auto-detection.

#include <closecoach/crm_profile.hpp>
#include <closecoach/csv.hpp>
#include <closecoach/json_text.hpp>
#include <closecoach/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <span>
#include <tuple>

extern const char closecoach_embedded_profile_salesforce[];
extern const unsigned long closecoach_embedded_profile_salesforce_size;
extern const char closecoach_embedded_profile_hubspot[];
extern const unsigned long closecoach_embedded_profile_hubspot_size;
extern const char closecoach_embedded_profile_pipedrive[];
extern const unsigned long closecoach_embedded_profile_pipedrive_size;

namespace closecoach {

using nlohmann::json;

namespace {

// Walks the profile's JSON, collecting every problem with its JSON pointer.
class Checker {
 public:
  Checker(std::vector<Diagnostic>& diagnostics, const FactSchema& schema,
          const JsonLocator& locator)
      : m_diagnostics(diagnostics), m_schema(schema), m_locator(locator) {}

  const FactSchema& schema() const { return m_schema; }

  void error(const std::string& pointer, std::string message) {
    m_diagnostics.push_back(make_error(std::move(message), pointer));
  }

  // An object's member when it is there; nullptr otherwise.
  static const json* find(const json& object, const char* key) {
    const auto found = object.find(key);
    return found == object.end() ? nullptr : &*found;
  }

  const json* object(const json& parent, const std::string& pointer, const char* key) {
    const json* value = find(parent, key);
    if (value != nullptr && !value->is_object()) {
      error(pointer + "/" + key,
            fmt::format("'{}' must be an object, not {}", key, json_type_name(*value)));
      return nullptr;
    }
    return value;
  }

  std::string string(const json& parent, const std::string& pointer, const char* key) {
    const json* value = find(parent, key);
    if (value == nullptr) return {};
    if (!value->is_string()) {
      error(pointer + "/" + key,
            fmt::format("'{}' must be a string, not {}", key, json_type_name(*value)));
      return {};
    }
    return value->get<std::string>();
  }

  // A string or an array of strings, none of them empty.
  std::vector<std::string> names(const json& value, const std::string& pointer, const char* what) {
    std::vector<std::string> out;
    if (value.is_string()) {
      add_name(out, value, pointer, what);
    } else if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i)
        add_name(out, value[i], fmt::format("{}/{}", pointer, i), what);
    } else {
      error(pointer, fmt::format("{} must be a string or an array of strings, not {}", what,
                                 json_type_name(value)));
    }
    return out;
  }

  // An object's members in the order the file has them (nlohmann::json keeps
  // them sorted by key), so that values and messages follow the file.
  std::vector<std::pair<std::string, const json*>> members(const json& object,
                                                           const std::string& pointer) const {
    std::vector<std::pair<std::string, const json*>> out;
    for (const auto& item : object.items()) out.emplace_back(item.key(), &item.value());
    const auto position = [&](const std::string& key) {
      const TextPosition at = m_locator.locate(pointer + "/" + json_pointer_token(key));
      return std::make_tuple(at.line, at.column);
    };
    std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) {
      return position(a.first) < position(b.first);
    });
    return out;
  }

  void only_keys(const json& object, const std::string& pointer,
                 std::span<const std::string_view> known, const char* what) {
    for (const auto& [key, value] : members(object, pointer)) {
      if (std::find(known.begin(), known.end(), key) == known.end())
        error(pointer + "/" + json_pointer_token(key),
              fmt::format("unknown key '{}' in {} (known: {})", key, what, fmt::join(known, ", ")));
    }
  }

 private:
  void add_name(std::vector<std::string>& out, const json& value, const std::string& pointer,
                const char* what) {
    if (!value.is_string())
      error(pointer, fmt::format("{} must be strings, not {}", what, json_type_name(value)));
    else if (trim_space(value.get_ref<const std::string&>()).empty())
      error(pointer, fmt::format("{} cannot be empty", what));
    else
      out.push_back(value.get<std::string>());
  }

  std::vector<Diagnostic>& m_diagnostics;
  const FactSchema& m_schema;
  const JsonLocator& m_locator;
};

void read_columns(Checker& checker, const json& root, CrmProfile& profile) {
  const json* columns = checker.object(root, "", "columns");
  if (columns == nullptr) return;
  checker.only_keys(*columns, "/columns", k_profile_column_keys, "'columns'");
  const std::pair<const char*, std::vector<std::string>*> parts[] = {{"id", &profile.id},
                                                                     {"name", &profile.deal_name},
                                                                     {"owner", &profile.owner},
                                                                     {"notes", &profile.notes}};
  for (const auto& [key, out] : parts)
    if (const json* value = Checker::find(*columns, key))
      *out = checker.names(*value, std::string("/columns/") + key, "column names");
}

void read_closed(Checker& checker, const json& root, CrmProfile& profile) {
  const json* closed = checker.object(root, "", "closed");
  if (closed == nullptr) return;
  checker.only_keys(*closed, "/closed", k_profile_closed_keys, "'closed'");
  if (const json* column = Checker::find(*closed, "column"))
    profile.closed_columns = checker.names(*column, "/closed/column", "column names");
  else
    checker.error("/closed", "'closed' needs a 'column' whose values say a deal is closed");
  if (const json* won = Checker::find(*closed, "won"))
    profile.won = checker.names(*won, "/closed/won", "values");
  if (const json* lost = Checker::find(*closed, "lost"))
    profile.lost = checker.names(*lost, "/closed/lost", "values");
  if (profile.won.empty() && profile.lost.empty())
    checker.error("/closed", "'closed' needs the values that mean 'won' or 'lost'");
}

// The value map of a source: each CRM value the fact's value (or null).
void read_values(Checker& checker, const json& values, const std::string& pointer, int slot,
                 ProfileSource& source) {
  if (!values.is_object()) {
    checker.error(pointer,
                  fmt::format("'values' must be an object of CRM value to {}'s value, not {}",
                              checker.schema().spec(slot).id, json_type_name(values)));
    return;
  }
  std::map<std::string, std::string> seen;  // header_key → the value as written
  for (const auto& [crm, entry] : checker.members(values, pointer)) {
    const json& value = *entry;
    const std::string at = pointer + "/" + json_pointer_token(crm);
    if (header_key(crm).empty()) {
      checker.error(at, "a CRM value cannot be empty");
      continue;
    }
    if (!value.is_null())
      if (auto checked = checker.schema().check_value(slot, value); !checked.ok()) {
        checker.error(at, checked.error().message);
        continue;
      }
    if (const auto [it, inserted] = seen.emplace(header_key(crm), crm); !inserted) {
      checker.error(at, fmt::format("'{}' and '{}' are the same CRM value (values match ignoring "
                                    "case, spaces, '-', '_' and '.')",
                                    it->second, crm));
      continue;
    }
    source.values.emplace_back(crm, value);
  }
}

void read_days_since(Checker& checker, const json& formats, const std::string& pointer, int slot,
                     ProfileSource& source) {
  const FactSpec& spec = checker.schema().spec(slot);
  if (spec.type != FactType::integer && spec.type != FactType::number) {
    checker.error(
        pointer, fmt::format("'days_since' counts days, but fact '{}' is {}, not a number", spec.id,
                             fact_type_name(spec.type)));
    return;
  }
  source.days_since = checker.names(formats, pointer, "date formats");
  for (std::size_t i = 0; i < source.days_since.size(); ++i)
    if (auto error = check_date_format(source.days_since[i]))
      checker.error(fmt::format("{}/{}", pointer, i), *error);
  if (source.days_since.empty() && formats.is_array())
    checker.error(pointer, "'days_since' needs at least one date format");
}

ProfileSource read_source(Checker& checker, const json& item, const std::string& pointer,
                          int slot) {
  ProfileSource source;
  source.pointer = pointer;
  if (!item.is_object()) {
    checker.error(
        pointer, fmt::format("how a fact is read must be an object, not {}", json_type_name(item)));
    return source;
  }
  checker.only_keys(item, pointer, k_profile_source_keys, "a fact's source");
  if (const json* column = Checker::find(item, "column"))
    source.columns = checker.names(*column, pointer + "/column", "column names");
  else
    checker.error(pointer, "missing required key 'column'");
  const json* values = Checker::find(item, "values");
  const json* days = Checker::find(item, "days_since");
  if (values != nullptr && days != nullptr)
    checker.error(pointer, "a fact's source has 'values' or 'days_since', not both");
  else if (values != nullptr)
    read_values(checker, *values, pointer + "/values", slot, source);
  else if (days != nullptr)
    read_days_since(checker, *days, pointer + "/days_since", slot, source);
  return source;
}

void read_facts(Checker& checker, const json& root, CrmProfile& profile) {
  const json* facts = checker.object(root, "", "facts");
  if (facts == nullptr) return;
  for (const auto& [fact, item] : checker.members(*facts, "/facts")) {
    const json& entry = *item;
    const std::string pointer = "/facts/" + json_pointer_token(fact);
    const int slot = checker.schema().slot_of(fact);
    if (slot < 0 || checker.schema().spec(slot).derived) {
      checker.error(pointer, checker.schema().describe_unknown(fact));
      continue;
    }
    ProfileFact read{fact, {}};
    if (entry.is_array()) {
      for (std::size_t i = 0; i < entry.size(); ++i)
        read.sources.push_back(
            read_source(checker, entry[i], fmt::format("{}/{}", pointer, i), slot));
      if (entry.empty()) checker.error(pointer, "an empty list reads nothing");
    } else {
      read.sources.push_back(read_source(checker, entry, pointer, slot));
    }
    profile.facts.push_back(std::move(read));
  }
}

CrmProfile read_profile(Checker& checker, const json& root) {
  CrmProfile profile;
  checker.only_keys(root, "", k_profile_keys, "a profile");
  profile.name = checker.string(root, "", "name");
  profile.description = checker.string(root, "", "description");
  if (const json* detect = Checker::find(root, "detect"))
    profile.detect = checker.names(*detect, "/detect", "column names");
  read_columns(checker, root, profile);
  read_closed(checker, root, profile);
  read_facts(checker, root, profile);
  return profile;
}

std::string default_name(std::string_view file_name) {
  std::string name(file_name.substr(file_name.find_last_of('/') + 1));
  if (const auto dot = name.rfind('.'); dot != std::string::npos && dot > 0) name.resize(dot);
  return name;
}

}  // namespace

ProfileLoad load_profile(std::string_view text, std::string_view file_name,
                         const FactSchema& schema) {
  ProfileLoad load;
  auto parsed = parse_json(text, file_name);
  if (!parsed.ok()) {
    load.diagnostics.push_back(parsed.error());
    return load;
  }
  const JsonLocator locator(text);
  if (!parsed->is_object()) {
    load.diagnostics.push_back(make_error("a profile must be a JSON object"));
  } else {
    Checker checker(load.diagnostics, schema, locator);
    CrmProfile profile = read_profile(checker, *parsed);
    if (load.diagnostics.empty()) {
      profile.file = std::string(file_name);
      if (profile.name.empty()) profile.name = default_name(file_name);
      load.profile = std::move(profile);
    }
  }
  for (auto& diagnostic : load.diagnostics) {
    diagnostic.file = std::string(file_name);
    locator.locate(diagnostic);
  }
  return load;
}

const std::vector<std::string>& builtin_profile_names() {
  static const std::vector<std::string> names{"salesforce", "hubspot", "pipedrive"};
  return names;
}

std::optional<std::string_view> builtin_profile_text(std::string_view name) {
  if (name == "salesforce")
    return std::string_view(closecoach_embedded_profile_salesforce,
                            closecoach_embedded_profile_salesforce_size);
  if (name == "hubspot")
    return std::string_view(closecoach_embedded_profile_hubspot,
                            closecoach_embedded_profile_hubspot_size);
  if (name == "pipedrive")
    return std::string_view(closecoach_embedded_profile_pipedrive,
                            closecoach_embedded_profile_pipedrive_size);
  return std::nullopt;
}

ProfileLoad find_profile(const std::string& name_or_file, const FactSchema& schema) {
  if (const auto builtin = builtin_profile_text(name_or_file)) {
    ProfileLoad load =
        load_profile(*builtin, fmt::format("<built-in {} profile>", name_or_file), schema);
    if (load.profile) load.profile->builtin = true;
    return load;
  }
  auto text = read_text_file(name_or_file);
  if (!text.ok()) {
    ProfileLoad load;
    load.diagnostics.push_back(
        make_error(fmt::format("{} (built-in profiles: {})", text.error().message,
                               fmt::join(builtin_profile_names(), ", "))));
    return load;
  }
  return load_profile(*text, name_or_file, schema);
}

bool profile_detects(const CrmProfile& profile, const std::vector<std::string>& header) {
  if (profile.detect.empty()) return false;
  std::vector<std::string> keys;
  keys.reserve(header.size());
  for (const auto& name : header) keys.push_back(header_key(name));
  return std::all_of(profile.detect.begin(), profile.detect.end(), [&](const std::string& name) {
    return std::find(keys.begin(), keys.end(), header_key(name)) != keys.end();
  });
}

}  // namespace closecoach
