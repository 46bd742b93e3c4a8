#pragma once
// Batch review: deals from CRM exports (JSON Lines or CSV rows) turned into
// one result line each, with facts read out of call notes by the playbook's
// signals. Reviewer is const and thread-safe except Scratch, which each
// worker thread owns; review_streams runs whole inputs through it.

#include <closecoach/crm_dates.hpp>
#include <closecoach/crm_profile.hpp>
#include <closecoach/csv.hpp>
#include <closecoach/diagnostic.hpp>
#include <closecoach/engine.hpp>

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace closecoach {

struct ReviewOptions {
  // Extra CSV header → fact (or "id" / "notes") pairs, from --map.
  std::vector<std::pair<std::string, std::string>> column_map;
  // Add names, lines to say, reasons and warning texts in `language`.
  bool explain = false;
  std::string language = "en";
  // The profile every CSV input is read through (--profile). Without one,
  // each CSV input whose header has a built-in profile's `detect` columns is
  // read with that profile, unless detect_profile is false (--profile none).
  std::optional<CrmProfile> profile = std::nullopt;
  bool detect_profile = true;
  CivilDate today = {};  // what a profile's days_since counts to (--today)
  // Columns carried through to each result under "fields" (--keep), as named.
  std::vector<std::string> keep = {};
};

// Counts for --summary.
struct ReviewTally {
  std::size_t records = 0;
  std::size_t errors = 0;
  std::size_t closed = 0;                       // closed won or lost: counted in neither map below
  std::map<std::string, std::size_t> by_class;  // "A".."D", "none"
  std::map<std::string, std::size_t> by_move;   // moves[0], "none"
  void merge(const ReviewTally& other);
};

// Which CSV column holds what.
struct CsvLayout {
  std::vector<int> slot_of_column;  // fact slot, or -1
  int id_column = -1;
  std::vector<std::size_t> note_columns;
  std::vector<std::string> ignored;        // headers that name nothing (kept and ignored)
  std::vector<std::string> unmatched_map;  // --map columns no header names (an error to report)
  // The profile the export is read through, applied to its header, and
  // whether it was picked by the header rather than named by --profile.
  std::optional<ProfileLayout> profile;
  bool profile_detected = false;
  std::vector<int> keep_columns;            // per --keep name: its column, or -1
  std::vector<std::string> unmatched_keep;  // --keep names no header has (an error to report)
};

class Reviewer {
 public:
  // Fails when a signal pattern does not compile or names a value its fact
  // cannot take, or a --map target is not a fact, "id" or "notes".
  static Result<Reviewer> create(const Engine& engine, ReviewOptions options);
  Reviewer(Reviewer&&) noexcept;
  Reviewer& operator=(Reviewer&&) noexcept;
  ~Reviewer();

  const ReviewOptions& options() const;

  // Per-thread working memory (the JSON parser and buffers).
  class Scratch;
  std::shared_ptr<Scratch> make_scratch() const;

  // Reviews one JSON Lines record and appends its result line (with "\n")
  // to `out`. Returns the error message when the record could not be read
  // (the line written then has "error" set), nullopt otherwise.
  std::optional<std::string> review_json_line(std::string_view line, std::size_t line_number,
                                              Scratch& scratch, std::string& out,
                                              ReviewTally& tally) const;

  // Maps a CSV header row to facts, id and notes, through the profile when
  // there is one (ReviewOptions::profile, or the built-in the header
  // detects): --map columns first, then the profile's columns, then the
  // remaining columns as below. A header names what its
  // --map pair says (the pair's column matched by header_key, csv.hpp), else
  // the fact whose id is its header_key ("Soft Closes Tried" names
  // soft_closes_tried); "note" and "notes" name notes, and every such column
  // is read; the first column naming "id" is the id. Columns naming nothing,
  // a derived fact or a second id are kept in `ignored`, and --map columns
  // that no header matches in `unmatched_map` (--keep names in
  // `unmatched_keep`). Fails when two columns name the same fact: "columns 1
  // ('Stage') and 3 ('stage') both name 'stage'".
  Result<CsvLayout> layout_csv(const std::vector<std::string>& header) const;

  // Reviews one CSV data row, as review_json_line does. A row with more
  // fields than the header, the extra ones not all blank, is an error (a
  // field holding the delimiter that was not quoted), and so is a cell the
  // profile cannot read (ProfileLayout::read says why).
  std::optional<std::string> review_csv_row(const CsvLayout& layout,
                                            const std::vector<std::string>& fields,
                                            std::size_t line_number, Scratch& scratch,
                                            std::string& out, ReviewTally& tally) const;

  // Appends the result line of a record that could not be read at all.
  void write_error(std::size_t line_number, std::string_view message, std::string& out,
                   ReviewTally& tally) const;

  // The compiled review state; opaque outside src/.
  struct State;

 private:
  explicit Reviewer(std::unique_ptr<State> state);
  std::unique_ptr<State> m_state;
};

// Whether an input whose name does not say its format is CSV, by `start`, its
// first bytes: a UTF-16 or UTF-32 byte-order mark or NUL bytes (Excel's
// "Unicode Text"), or a first line that holds a ',', ';' or tab and does not
// start with '{'. Anything else is read as JSON Lines.
bool looks_like_csv(std::string_view start);

// What review_streams writes for each deal.
enum class ReviewFormat {
  jsonl,  // the result line itself (the contract's shape)
  csv,    // a header row, then one row of flat columns per deal
  table,  // a header line, then one aligned line per deal, for reading
};

// One input of review_streams.
struct ReviewInput {
  std::istream* stream = nullptr;  // read to its end
  std::string name;                // as messages name it: a path, or "<stdin>"
  bool csv = false;                // CSV with a header row, else JSON Lines
  // A regular file: reading it never waits for more input, so the calling
  // thread reads it too (faster); a pipe or terminal is read by one worker.
  bool never_waits = false;
};

struct ReviewStreamOptions {
  ReviewFormat format = ReviewFormat::jsonl;
  bool color = false;       // table: the header bold, classes, warnings and errors coloured (ANSI)
  std::size_t threads = 1;  // workers; the output is the same, byte for byte, whatever the count
  // Records longer than this are errors (their result and message say so).
  std::size_t max_record_bytes = k_default_max_record_bytes;
  // The number given to each input's first line (for a chunk of a split file).
  std::size_t first_line = 1;
};

// Something review_streams has to say about a record or an input.
struct ReviewMessage {
  enum class Kind {
    error,    // the record's result has "error" set; text says why
    note,     // a CSV row that is no deal was skipped: "skipped a blank row"
    info,     // for the log: "columns kept and ignored: Owner, Region" (line: the header's)
    warning,  // something the user should know: "skipped the report footer 'Grand
              // Totals (3 records)'", no column of a CSV header matched, the input
              // is read as Windows-1252
  };
  Kind kind = Kind::error;
  std::string file;      // the input's name
  std::size_t line = 0;  // 0 when it is about the whole input
  std::string text;
};

// A message as a terminal shows it after "closecoach: ", on one line with
// control characters escaped: "error: FILE:LINE: TEXT", "warning: FILE: TEXT".
std::string format_review_message(const ReviewMessage& message);

// Where review_streams is: at the start and end of each input, and after
// each batch of results has been written.
struct ReviewProgress {
  enum class Stage { start, batch, end };
  Stage stage = Stage::start;
  std::size_t input = 0;    // index into the inputs
  std::size_t records = 0;  // records read so far, all inputs together
  std::size_t bytes = 0;    // bytes of this input read so far
};

// Either may be empty. Both are called on the calling thread only.
struct ReviewCallbacks {
  // Messages come in input order, each batch's after its results have been
  // written to `out`, so that the two read in order when they share a file.
  std::function<void(const ReviewMessage&)> message;
  std::function<void(const ReviewProgress&)> progress;
  // Asked before each batch's results are written. Once it returns true,
  // that batch and every later one are dropped, reading stops at the next
  // batch and review_streams returns (the tally then also counts records
  // whose results were dropped). For a caller that must stop: a signal, a
  // failed write.
  std::function<bool()> stop;
};

// Reviews every record of `inputs`, one input after the other, writing one
// result per record to `out` in input order (after a header for csv and
// table). A record that cannot be read (bad JSON or CSV, a value its fact
// cannot take, longer than max_record_bytes) gets a result with "error" set
// and an error message, and the run goes on; blank JSON lines are no
// record; blank rows of CSV are skipped with a note, and the rows of a
// report's trailer at its end (CsvTrailer, csv.hpp) with a warning each. A
// CSV input whose header matches no fact, id or notes gets a warning, and an
// empty one too. Batches are bounded in records and in bytes, so memory
// stays flat whatever the input holds. Returns the
// tally of all records (tally.errors counts the failed ones). Fails, having
// written the results of the inputs before it, when a CSV input's header
// row cannot be read (the diagnostic is located in the input), two of its
// columns name the same fact (the message reads "NAME:LINE: columns ..."),
// or a --map or --keep names a column it does not have ("--map: no column
// 'Nope' in NAME (columns: Account, stage)"). A CSV input read through a
// profile gets a note at its header naming the profile, what each column is
// read as and which are ignored.
Result<ReviewTally> review_streams(const Reviewer& reviewer, const std::vector<ReviewInput>& inputs,
                                   const ReviewStreamOptions& options, std::ostream& out,
                                   const ReviewCallbacks& callbacks = {});

}  // namespace closecoach
