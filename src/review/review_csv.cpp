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

}  // namespace

Result<CsvLayout> Reviewer::layout_csv(const std::vector<std::string>& header) const {
  const FactSchema& schema = m_state->engine->schema();
  CsvLayout layout;
  std::map<int, std::size_t> first_column;
  for (std::size_t column = 0; column < header.size(); ++column) {
    const std::string target = column_target(m_state->options, header[column]);
    int slot = -1;
    if (target == "id" && layout.id_column < 0)
      layout.id_column = static_cast<int>(column);
    else if (target == "notes")
      layout.note_columns.push_back(column);
    else if ((slot = schema.slot_of(target)) >= 0 && !schema.spec(slot).derived) {
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
  for (const auto& [column, target] : m_state->options.column_map) {
    const std::string key = header_key(column);
    if (std::none_of(header.begin(), header.end(),
                     [&](const std::string& name) { return header_key(name) == key; }))
      layout.unmatched_map.push_back(column);
  }
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

}  // namespace

std::optional<std::string> Reviewer::review_csv_row(const CsvLayout& layout,
                                                    const std::vector<std::string>& fields,
                                                    std::size_t line_number, Scratch& scratch,
                                                    std::string& out, ReviewTally& tally) const {
  const FactSchema& schema = m_state->engine->schema();
  scratch.start_record(schema.size());
  if (layout.id_column >= 0 && static_cast<std::size_t>(layout.id_column) < fields.size()) {
    scratch.id_json.clear();
    append_json_string(scratch.id_json,
                       trim_space(fields[static_cast<std::size_t>(layout.id_column)]));
  }
  if (auto error = extra_fields(layout, fields)) {
    write_failure(scratch.id_json, line_number, *error, out, tally);
    return error;
  }
  for (std::size_t column = 0; column < fields.size() && column < layout.slot_of_column.size();
       ++column) {
    const int slot = layout.slot_of_column[column];
    if (slot < 0) continue;
    const std::string_view cell =
        trim_space(fields[column]);  // a view into the row, which outlives the advice
    if (cell.empty()) continue;
    auto value = schema.value_from_text(slot, cell);
    if (!value.ok()) {
      const std::string error = fmt::format("column {}: {}", column + 1, value.error().message);
      write_failure(scratch.id_json, line_number, error, out, tally);
      return error;
    }
    scratch.facts[static_cast<std::size_t>(slot)] = *value;
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
