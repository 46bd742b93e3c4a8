#pragma once
// What the review's files share: the reviewer's state and per-thread scratch.

#include <closecoach/note_reader.hpp>
#include <closecoach/review.hpp>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <cstdint>
#include <string>
#include <vector>

namespace closecoach {

// What a result line says about the deal besides the advice, as JSON text.
struct DealHead {
  std::string id = "null", name = "null", owner = "null";
  DealClosed closed = DealClosed::open;
  std::string fields;  // {"Amount": "..."} with --keep, else empty (no key)

  void clear(bool keep) {
    id = name = owner = "null";
    closed = DealClosed::open;
    fields.clear();
    if (keep) fields = "{}";
  }
};

struct Reviewer::State {
  const Engine* engine = nullptr;
  ReviewOptions options;
  NoteReader notes;
  int class_slot = -1;
  // Ids as JSON string literals, escaped once instead of per record.
  std::vector<std::string> technique_json, rule_json, warning_json;
  // Without --profile: the built-ins that load against this playbook, in the
  // order detection tries them.
  std::vector<CrmProfile> detectable;
  DealHead blank_head;  // of a record that could not be read at all
};

class Reviewer::Scratch {
 public:
  simdjson::dom::parser parser;
  std::string padded;
  std::vector<Value> facts;
  std::string notes;  // every note of the record, one per line
  NoteBuffers note_buffers;
  std::vector<AppliedSignal> signals;
  Advice advice;  // the record's advice, its memory reused from record to record
  DealHead head;  // the record's id, name, owner, closed and kept fields
  std::vector<std::pair<std::string, int>> key_slots;  // see read_facts
  std::vector<std::uint8_t> seen;  // per slot: given in this record's facts (duplicate keys)
  nlohmann::json slow_record;      // a record simdjson refuses, as nlohmann read it

  // Gives back the memory of a record far larger than most, so that a
  // worker does not keep it for the rest of the run.
  // Returns whether it gave any back.
  bool release_large_buffers() {
    constexpr std::size_t k_kept = std::size_t{1} << 20;
    bool released = false;
    for (std::string* buffer : {&padded, &notes, &note_buffers.normalized.text}) {
      if (buffer->capacity() <= k_kept) continue;
      std::string().swap(*buffer);
      released = true;
    }
    for (OffsetMap* origins : {&note_buffers.normalized.origins, &note_buffers.html_origins})
      released = origins->release_above(k_kept) || released;
    if (parser.capacity() > k_kept) {
      parser = simdjson::dom::parser();
      released = true;
    }
    return released;
  }

  // Forgets the previous record, keeping the buffers' memory.
  void start_record(std::size_t slots, bool keep) {
    facts.assign(slots, Value::unknown_value());
    notes.clear();
    head.clear(keep);
  }
};

// Signals, advice, tally and the result line for a record whose facts, notes
// and id are in `scratch`.
void finish_record(const Reviewer::State& state, Reviewer::Scratch& scratch,
                   std::size_t line_number, std::string& out, ReviewTally& tally);

// The result line of a record that failed: `message` says why.
void write_failure(const DealHead& head, std::size_t line_number, std::string_view message,
                   std::string& out, ReviewTally& tally);

// `text` as a JSON string, or null when it is empty.
std::string json_text_or_null(std::string_view text);

// ,"name":...,"owner":...,"closed":... (what follows "class" in a result line).
void append_deal(std::string& out, const DealHead& head);

void write_result(const Reviewer::State& state, const Reviewer::Scratch& scratch,
                  const Advice& advice, std::size_t line_number, std::string& out);

// The first line(s) of csv or table output, before any result; csv ends
// with the --keep columns.
std::string results_header(ReviewFormat format, bool color, const std::vector<std::string>& keep);

// Result lines (JSON, as write_result makes them) turned into CSV rows or
// table lines; `format` is csv or table.
std::string format_results(const std::string& jsonl, ReviewFormat format, bool color);

}  // namespace closecoach
