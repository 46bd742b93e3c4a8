#pragma once
// Mapping profiles: how one CRM's CSV export reads as deals. A profile names
// the columns that hold a deal's id, name, owner and notes, maps columns (and
// the CRM's values in them) to a playbook's facts, derives facts from dates,
// and says which values mean a deal is closed won or lost. The built-in
// profiles (data/profiles/*.json, compiled in) are written in the same format
// as a profile file; docs/profiles.md documents it and
// data/profile.schema.json describes it.

#include <closecoach/crm_dates.hpp>
#include <closecoach/diagnostic.hpp>
#include <closecoach/facts.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace closecoach {

// The keys a profile and its parts may have, in the documented order.
inline constexpr auto k_profile_keys = std::to_array<std::string_view>(
    {"$schema", "name", "description", "detect", "columns", "closed", "facts"});
inline constexpr auto k_profile_column_keys =
    std::to_array<std::string_view>({"id", "name", "owner", "notes"});
inline constexpr auto k_profile_closed_keys =
    std::to_array<std::string_view>({"column", "won", "lost"});
inline constexpr auto k_profile_source_keys =
    std::to_array<std::string_view>({"column", "values", "days_since"});

// One way of reading a fact out of a row.
struct ProfileSource {
  // Header names; the first of them the export has is read. Headers match as
  // header_key (csv.hpp) makes them: case, spaces, '-', '_' and '.' aside.
  std::vector<std::string> columns;
  // The CRM's values (matched as headers are) → the fact's value; null means
  // no answer. A value not listed is read as the fact reads text.
  std::vector<std::pair<std::string, nlohmann::json>> values;
  // Date formats (crm_dates.hpp): the fact is the number of days from the
  // date in the column to today. Empty for a column read as a value.
  std::vector<std::string> days_since;
  std::string pointer;  // where it is written, e.g. "/facts/stage"
};

struct ProfileFact {
  std::string fact;
  std::vector<ProfileSource> sources;  // the first whose column the export has is used
};

struct CrmProfile {
  std::string name;         // "salesforce", or the file's "name"
  std::string description;  // for `profile show` and docs
  std::string file;         // where it was read from, as diagnostics name it
  bool builtin = false;
  // Headers that all appear in the export this profile reads (auto-detection).
  std::vector<std::string> detect;
  // Header alternatives for the deal's id, name and owner (the first present is
  // read), and every header whose text is added to the notes.
  std::vector<std::string> id, deal_name, owner, notes;
  std::vector<ProfileFact> facts;
  // The column whose values say a deal is closed, and which values do.
  std::vector<std::string> closed_columns;
  std::vector<std::string> won, lost;
};

// What loading found: the profile when there is no error, and every problem
// located by file, line, column and JSON pointer.
struct ProfileLoad {
  std::optional<CrmProfile> profile;
  std::vector<Diagnostic> diagnostics;
};

// Reads a profile from JSON text named `file_name` in diagnostics, checking
// its structure and that its facts exist in `schema`, are not derived and can
// take the values it maps to (days_since only for integer and number facts),
// and its date formats.
ProfileLoad load_profile(std::string_view text, std::string_view file_name,
                         const FactSchema& schema);

// The names of the built-in profiles, in the order auto-detection tries them.
const std::vector<std::string>& builtin_profile_names();

// The text of built-in profile `name` (data/profiles/NAME.json), or nullopt.
std::optional<std::string_view> builtin_profile_text(std::string_view name);

// The built-in profile `name_or_file` names (diagnostics name it "<built-in
// NAME profile>"), else the profile file at that path. A file that cannot be
// read fails with "cannot read FILE: REASON (built-in profiles: salesforce,
// hubspot, pipedrive)".
ProfileLoad find_profile(const std::string& name_or_file, const FactSchema& schema);

// Whether `header` has every column of the profile's `detect` (never, when it
// has none).
bool profile_detects(const CrmProfile& profile, const std::vector<std::string>& header);

// Whether a deal is closed, as the profile's closed column says.
enum class DealClosed { open, won, lost };

// What ProfileLayout::read found in a row besides facts and notes: views into
// the row's fields, empty when the export has no such column or the cell is blank.
struct ProfileRow {
  std::string_view id, name, owner;
  bool has_id = false;  // the export has an id column (even when this cell is blank)
  DealClosed closed = DealClosed::open;
};

// A profile applied to one export's header row. It refers to the profile and
// the schema, which must outlive it.
class ProfileLayout {
 public:
  // `claimed[i]` is true for columns that something else reads (--map); the
  // profile leaves them alone. `today` is what days_since counts to.
  ProfileLayout(const CrmProfile& profile, const FactSchema& schema,
                const std::vector<std::string>& header, const std::vector<bool>& claimed,
                CivilDate today);
  ProfileLayout(const ProfileLayout&);
  ProfileLayout(ProfileLayout&&) noexcept;
  ProfileLayout& operator=(const ProfileLayout&);
  ProfileLayout& operator=(ProfileLayout&&) noexcept;
  ~ProfileLayout();

  // What the profile reads each column as, for the note at the start of a run.
  struct Use {
    std::string what;  // "id", "name", "owner", "notes", "closed", or a fact id
    std::size_t column = 0;
    std::string detail;  // "days to 2026-11-03" for a date read as days, else empty
  };
  const std::vector<Use>& uses() const { return m_uses; }
  const CrmProfile& profile() const { return *m_profile; }
  bool uses_column(std::size_t column) const;
  // "id 'Opportunity ID', name 'Opportunity Name', ..., days_in_cycle 'Created
  // Date' (days to 2026-11-03)", in column order within each role.
  std::string describe(const std::vector<std::string>& header) const;

  // Reads one data row: fills `row`, appends the note columns' text to
  // `notes` (one line each), and sets the facts the profile maps in `facts`
  // (indexed by slot; a string value points into `fields`). Returns why the
  // row cannot be read when a cell holds a value the profile does not know
  // (the message names the column, the value, what it could be and how to
  // add it), a date in none of its formats, or one after today.
  std::optional<std::string> read(const std::vector<std::string>& fields, ProfileRow& row,
                                  std::string& notes, std::vector<Value>& facts) const;

  // How one fact is read, resolved against the header; opaque outside src/.
  struct Source;

 private:
  std::optional<std::string> read_source(const Source& source, const std::string& cell,
                                         DealClosed closed, std::vector<Value>& facts) const;
  std::string unknown_value(const Source& source, std::string_view cell) const;

  const CrmProfile* m_profile = nullptr;
  const FactSchema* m_schema = nullptr;
  CivilDate m_today;
  std::vector<std::string> m_headers;  // of the columns in use
  int m_id = -1, m_name = -1, m_owner = -1, m_closed = -1;
  std::vector<std::size_t> m_notes;
  std::vector<Source> m_sources;
  std::vector<Use> m_uses;
};

}  // namespace closecoach
