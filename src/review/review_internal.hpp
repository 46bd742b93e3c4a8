#pragma once
// What the review's files share: the reviewer's state and per-thread scratch.

#include <closecoach/review.hpp>
#include <closecoach/signals.hpp>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <cstdint>
#include <string>
#include <vector>

namespace closecoach {

// What a signal sets, resolved against the schema once.
struct SignalTarget {
  int slot = -1;
  Value value;
  std::string value_json;
};

struct AppliedSignal {
  std::size_t signal = 0;
  std::string_view evidence;  // into Scratch::normalized
  bool applied = false;       // false when the fact was given explicitly
};

struct Reviewer::State {
  const Engine* engine = nullptr;
  ReviewOptions options;
  SignalMatcher matcher;
  std::vector<SignalTarget> targets;
  int class_slot = -1;
  // Ids as JSON string literals, escaped once instead of per record.
  std::vector<std::string> technique_json, rule_json, warning_json;
};

class Reviewer::Scratch {
 public:
  simdjson::dom::parser parser;
  std::string padded;
  std::vector<Value> facts;
  std::string notes;       // every note of the record, one per line
  std::string normalized;  // notes as signals match them
  std::vector<SignalHit> hits;
  std::vector<AppliedSignal> signals;
  std::string id_json;  // the record's id as JSON, "null" when it has none
  std::vector<std::pair<std::string, int>> key_slots;  // see read_facts
  std::vector<std::uint8_t> seen;  // per slot: given in this record's facts (duplicate keys)
  nlohmann::json slow_record;      // a record simdjson refuses, as nlohmann read it

  // Gives back the memory of a record far larger than most, so that a
  // worker does not keep it for the rest of the run.
  // Returns whether it gave any back.
  bool release_large_buffers() {
    constexpr std::size_t k_kept = std::size_t{1} << 20;
    bool released = false;
    for (std::string* buffer : {&padded, &notes, &normalized}) {
      if (buffer->capacity() <= k_kept) continue;
      std::string().swap(*buffer);
      released = true;
    }
    if (parser.capacity() > k_kept) {
      parser = simdjson::dom::parser();
      released = true;
    }
    return released;
  }

  // Forgets the previous record, keeping the buffers' memory.
  void start_record(std::size_t slots) {
    facts.assign(slots, Value::unknown_value());
    notes.clear();
    id_json = "null";
  }
};

// Signals, advice, tally and the result line for a record whose facts, notes
// and id are in `scratch`.
void finish_record(const Reviewer::State& state, Reviewer::Scratch& scratch,
                   std::size_t line_number, std::string& out, ReviewTally& tally);

// The result line of a record that failed: `message` says why.
void write_failure(std::string_view id_json, std::size_t line_number, std::string_view message,
                   std::string& out, ReviewTally& tally);

void write_result(const Reviewer::State& state, const Reviewer::Scratch& scratch,
                  const Advice& advice, std::size_t line_number, std::string& out);

// The first line(s) of csv or table output, before any result.
std::string results_header(ReviewFormat format, bool color);

// Result lines (JSON, as write_result makes them) turned into CSV rows or
// table lines; `format` is csv or table.
std::string format_results(const std::string& jsonl, ReviewFormat format, bool color);

}  // namespace closecoach
