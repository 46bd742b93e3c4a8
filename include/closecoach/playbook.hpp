#pragma once
// A playbook: the facts a coach asks about, the techniques it can recommend,
// the rules that choose between them, the warnings and the phrases that read
// facts out of CRM notes. The format is documented in docs/playbook.md and
// described by data/playbook.schema.json.

#include <closecoach/diagnostic.hpp>
#include <closecoach/facts.hpp>
#include <closecoach/signals.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace closecoach {

// The keys each part of a playbook may have, in the documented order: that of
// the properties in data/playbook.schema.json. The loader warns about others.
inline constexpr auto k_playbook_keys = std::to_array<std::string_view>(
    {"$schema", "name", "version", "languages", "description", "facts", "techniques", "warnings",
     "rules", "signals", "cues", "seeds"});
inline constexpr auto k_fact_keys = std::to_array<std::string_view>(
    {"id", "type", "values", "minimum", "maximum", "derived", "assume", "frequency", "question",
     "help", "labels", "description"});
inline constexpr auto k_technique_keys =
    std::to_array<std::string_view>({"id", "name", "summary", "use_when", "avoid_when", "say",
                                     "risks", "seed", "warn", "description"});
inline constexpr auto k_warning_keys =
    std::to_array<std::string_view>({"id", "name", "text", "seed", "description"});
inline constexpr auto k_rule_keys =
    std::to_array<std::string_view>({"id", "principle", "seed", "when", "set", "recommend",
                                     "priority", "avoid", "warn", "because", "description"});
inline constexpr auto k_signal_keys = std::to_array<std::string_view>(
    {"id", "fact", "value", "when_negated", "patterns", "description"});
inline constexpr auto k_cue_keys = std::to_array<std::string_view>(
    {"id", "kind", "covers", "reach", "window", "patterns", "description"});

// A user-facing text in each of the playbook's languages.
using Text = std::map<std::string, std::string, std::less<>>;
using TextList = std::map<std::string, std::vector<std::string>, std::less<>>;

// The text in `language`, else English, else any language; empty when none.
const std::string& text_in(const Text& text, std::string_view language);
const std::vector<std::string>& text_in(const TextList& text, std::string_view language);

struct Fact {
  FactSpec spec;
  Text question;
  Text help;
  std::map<std::string, Text, std::less<>> labels;  // value ("true"/"false" for bools) → label
  // The value advice assumes while the fact is unanswered, as written (the
  // linter and Engine::create check that the fact can take it).
  std::optional<nlohmann::json> assume;
  // How often each answer comes up, relative to the others (a bool's or an
  // enum's values → weight); only orders the consultation's questions, and
  // Engine::create checks it. Empty: every answer as likely.
  std::map<std::string, double, std::less<>> frequency;
  std::string pointer;  // where it is defined, e.g. "/facts/3"
};

struct Technique {
  std::string id;
  Text name, summary, use_when, avoid_when, risks;
  TextList say;
  std::string seed;
  std::vector<std::string> warn;  // warning ids shown whenever it is recommended
  std::string pointer;
};

struct Warning {
  std::string id;
  Text name;  // a few words, where warnings are listed; the id when absent
  Text text;
  std::string seed;
  std::string pointer;
};

enum class RuleEffect { set, recommend, avoid, warn };

struct Rule {
  std::string id;
  std::string principle;
  std::string seed;
  nlohmann::json when;   // as written: an expression string or JsonLogic
  nlohmann::json logic;  // `when` as JsonLogic
  RuleEffect effect = RuleEffect::recommend;
  int priority = 0;                  // recommend: higher is tried first
  std::vector<std::string> targets;  // technique ids (recommend, avoid) or warning ids (warn)
  std::vector<std::pair<std::string, nlohmann::json>> set;  // derived fact → value
  Text because;
  std::string pointer;
};

struct Signal {
  std::string id;
  std::string fact;
  nlohmann::json value;
  std::optional<nlohmann::json> when_negated;  // the value a negated mention asserts
  TextList patterns;                           // per language; "re:" starts an RE2 pattern
  std::string pointer;
};

// A group of cue phrases (docs/notes.md, "Cues"): what words such as "not",
// "if" or "?" do to the mentions of facts around them.
struct Cue {
  std::string id;
  CueKind kind = CueKind::negation;
  bool covers_before = false;
  bool reaches_sentence = false;
  std::size_t window = 0;  // 0: no limit
  TextList patterns;
  std::string pointer;
};

// The signals and cues as SignalMatcher takes them, every language's
// patterns together.
std::vector<SignalSpec> signal_specs(const std::vector<Signal>& signals);
std::vector<CueSpec> cue_specs(const std::vector<Cue>& cues);

struct Playbook {
  std::string name;
  std::vector<std::string> languages;
  std::vector<Fact> facts;
  std::vector<Technique> techniques;
  std::vector<Warning> warnings;
  std::vector<Rule> rules;
  std::vector<Signal> signals;
  std::vector<Cue> cues;
  // The title of each source article, by the id items give as "seed".
  std::map<std::string, Text, std::less<>> seeds;

  const Fact* find_fact(std::string_view id) const;
  // The facts as slots, in the playbook's order.
  FactSchema fact_schema() const;
  const Technique* find_technique(std::string_view id) const;
  const Warning* find_warning(std::string_view id) const;
  const Rule* find_rule(std::string_view id) const;
};

// What loading found: the playbook when it has no error, and every problem
// (errors and warnings) located by file, line, column and JSON pointer.
struct PlaybookLoad {
  std::optional<Playbook> playbook;
  // When there are errors: the playbook as far as it could be read, items in
  // error included, so that a checker can still look at the rest. Never to
  // advise with.
  std::optional<Playbook> partial;
  std::vector<Diagnostic> diagnostics;
  bool has_errors() const;
};

// Reads a playbook from JSON text named `file_name` in diagnostics. Checks the
// syntax, the structure (keys, types), duplicated ids, references between
// facts, techniques, warnings and rules, and expression syntax (the column
// then points inside the string). Conditions are compiled by Engine::create.
PlaybookLoad load_playbook(std::string_view text, std::string_view file_name);

// The built-in default playbook (data/playbook.json as compiled in).
std::string_view default_playbook_text();

// A loaded playbook in a compact binary form, which decode_playbook reads
// back equal, field for field, with no JSON parsing or checks: for a playbook
// checked once at build time. decode_playbook fails on bytes that
// encode_playbook did not write (damaged, truncated, another version), never
// reading past `bytes`. Given a `language`, it keeps of each user-facing text
// (questions, help, labels, the techniques', warnings' and rules' texts, the
// seeds' titles) only what text_in(text, language) returns, so that a run in
// one language reads the same and decodes a third as much; signals and cues
// keep every language's phrases, for notes in any of them.
std::string encode_playbook(const Playbook& playbook);
Result<Playbook> decode_playbook(std::string_view bytes, std::string_view language = {});

}  // namespace closecoach
