// CSV rows as CRMs export them: columns named like facts are facts, "id" and
// "notes" as in JSON Lines, --map names any other column.

#include <closecoach/csv.hpp>
#include <closecoach/json_writer.hpp>
#include <closecoach/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "review_internal.hpp"

namespace closecoach {

namespace {

// What a column header names once --map is applied: a fact id, "id", "notes" or anything else.
std::string column_target(const ReviewOptions& options, const std::string& header) {
  const std::string key = header_key(header);
  for (const auto& [column, target] : options.column_map)
    if (header_key(column) == key) return target;
  if (key == "note" || key == "notes") return "notes";
  return key;
}

// Whether some --map pair names column `header`.
bool mapped(const ReviewOptions& options, const std::string& header) {
  const std::string key = header_key(header);
  return std::any_of(options.column_map.begin(), options.column_map.end(),
                     [&](const auto& pair) { return header_key(pair.first) == key; });
}

// The first column headed `name` (by header_key), or -1.
int column_named(const std::vector<std::string>& header, const std::string& name) {
  const std::string key = header_key(name);
  for (std::size_t column = 0; column < header.size(); ++column)
    if (header_key(header[column]) == key) return static_cast<int>(column);
  return -1;
}

// The profile named by --profile, else the first built-in the header detects.
const CrmProfile* pick_profile(const Reviewer::State& state,
                               const std::vector<std::string>& header) {
  if (state.options.profile) return &*state.options.profile;
  for (const CrmProfile& profile : state.detectable)
    if (profile_detects(profile, header)) return &profile;
  return nullptr;
}

}  // namespace

Result<CsvLayout> Reviewer::layout_csv(const std::vector<std::string>& header) const {
  const FactSchema& schema = m_state->engine->schema();
  const ReviewOptions& options = m_state->options;
  CsvLayout layout;
  if (const CrmProfile* profile = pick_profile(*m_state, header)) {
    std::vector<bool> claimed;
    for (const auto& name : header) claimed.push_back(mapped(options, name));
    layout.profile.emplace(*profile, schema, header, claimed, options.today);
    layout.profile_detected = !options.profile;
  }
  std::map<int, std::size_t> first_column;
  for (std::size_t column = 0; column < header.size(); ++column) {
    const std::string target = column_target(options, header[column]);
    int slot = -1;
    if (layout.profile && layout.profile->uses_column(column)) {
      // read as the profile says
    } else if (target == "id" && layout.id_column < 0) {
      layout.id_column = static_cast<int>(column);
    } else if (target == "notes") {
      layout.note_columns.push_back(column);
    } else if ((slot = schema.slot_of(target)) >= 0 && !schema.spec(slot).derived) {
      if (const auto [it, inserted] = first_column.emplace(slot, column); !inserted)
        return make_error(fmt::format("columns {} ({}) and {} ({}) both name '{}'", it->second + 1,
                                      quote(header[it->second]), column + 1, quote(header[column]),
                                      target));
    } else {
      slot = -1;
      layout.ignored.push_back(header[column]);
    }
    layout.slot_of_column.push_back(slot);
  }
  for (const auto& [column, target] : options.column_map)
    if (column_named(header, column) < 0) layout.unmatched_map.push_back(column);
  for (const auto& name : options.keep) {
    layout.keep_columns.push_back(column_named(header, name));
    if (layout.keep_columns.back() < 0) layout.unmatched_keep.push_back(name);
  }
  std::erase_if(layout.ignored, [&](const std::string& name) {
    return std::any_of(options.keep.begin(), options.keep.end(), [&](const std::string& kept) {
      return header_key(kept) == header_key(name);
    });
  });
  return layout;
}

namespace {

// Why a row with more fields than the header cannot be read, or nullopt.
std::optional<std::string> extra_fields(const CsvLayout& layout,
                                        const std::vector<std::string>& fields) {
  const std::size_t columns = layout.slot_of_column.size();
  if (fields.size() <= columns ||
      std::all_of(fields.begin() + static_cast<std::ptrdiff_t>(columns), fields.end(),
                  [](const std::string& field) { return trim_space(field).empty(); }))
    return std::nullopt;
  return fmt::format(
      "the row has {} fields but the header has {} (a field holding the delimiter must be "
      "quoted)",
      fields.size(), columns);
}

// Columns named like facts (and --map's): each cell read as its fact reads text.
std::optional<std::string> read_fact_columns(const FactSchema& schema, const CsvLayout& layout,
                                             const std::vector<std::string>& fields,
                                             Reviewer::Scratch& scratch) {
  for (std::size_t column = 0; column < fields.size() && column < layout.slot_of_column.size();
       ++column) {
    const int slot = layout.slot_of_column[column];
    if (slot < 0) continue;
    const std::string_view cell =
        trim_space(fields[column]);  // a view into the row, which outlives the advice
    if (cell.empty()) continue;
    auto value = schema.value_from_text(slot, cell);
    if (!value.ok()) return fmt::format("column {}: {}", column + 1, value.error().message);
    scratch.facts[static_cast<std::size_t>(slot)] = *value;
  }
  return std::nullopt;
}

// The cell at `column`, trimmed, or nothing when the row is short of it.
std::string_view cell_at(const std::vector<std::string>& fields, int column) {
  if (column < 0 || static_cast<std::size_t>(column) >= fields.size()) return {};
  return trim_space(fields[static_cast<std::size_t>(column)]);
}

// --keep: {"Amount": "USD 10,000.00", ...}, null for a column the row lacks.
void keep_fields(const ReviewOptions& options, const CsvLayout& layout,
                 const std::vector<std::string>& fields, std::string& out) {
  out.clear();
  out += '{';
  for (std::size_t i = 0; i < options.keep.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, options.keep[i]);
    out += ':';
    const int column = layout.keep_columns[i];
    out += column >= 0 && static_cast<std::size_t>(column) < fields.size()
               ? json_text_or_null(cell_at(fields, column))
               : std::string("null");
  }
  out += '}';
}

// The profile's part of a row: id (unless --map or an "id" column gives it),
// name, owner, closed, notes and facts.
std::optional<std::string> read_profile_columns(const ProfileLayout& profile, bool read_id,
                                                const std::vector<std::string>& fields,
                                                Reviewer::Scratch& scratch) {
  ProfileRow row;
  auto error = profile.read(fields, row, scratch.notes, scratch.facts);
  if (read_id && row.has_id) scratch.head.id = json_text_or_null(row.id);
  scratch.head.name = json_text_or_null(row.name);
  scratch.head.owner = json_text_or_null(row.owner);
  scratch.head.closed = row.closed;
  return error;
}

}  // namespace

std::optional<std::string> Reviewer::review_csv_row(const CsvLayout& layout,
                                                    const std::vector<std::string>& fields,
                                                    std::size_t line_number, Scratch& scratch,
                                                    std::string& out, ReviewTally& tally) const {
  const FactSchema& schema = m_state->engine->schema();
  const ReviewOptions& options = m_state->options;
  scratch.start_record(schema.size(), !options.keep.empty());
  if (!options.keep.empty()) keep_fields(options, layout, fields, scratch.head.fields);
  if (layout.id_column >= 0 && static_cast<std::size_t>(layout.id_column) < fields.size()) {
    scratch.head.id.clear();
    append_json_string(scratch.head.id, cell_at(fields, layout.id_column));
  }
  std::optional<std::string> error = extra_fields(layout, fields);
  if (!error && layout.profile)
    error = read_profile_columns(*layout.profile, layout.id_column < 0, fields, scratch);
  if (!error) error = read_fact_columns(schema, layout, fields, scratch);
  if (error) {
    write_failure(scratch.head, line_number, *error, out, tally);
    return error;
  }
  for (const std::size_t column : layout.note_columns) {
    if (column >= fields.size() || fields[column].empty()) continue;
    if (!scratch.notes.empty()) scratch.notes += '\n';
    scratch.notes += fields[column];
  }
  finish_record(*m_state, scratch, line_number, out, tally);
  return std::nullopt;
}

}  // namespace closecoach
