#pragma once
// The coaching engine: a playbook compiled once, then asked for advice on
// deals. Knows what every answer means, derives facts such as the customer
// class, ranks the moves, and says why, why not, and what to ask next.

#include <closecoach/condition.hpp>
#include <closecoach/diagnostic.hpp>
#include <closecoach/facts.hpp>
#include <closecoach/playbook.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace closecoach {

// The derived fact that the advice reports as the customer's class ("class"
// in the contract's JSON), when the playbook has it.
inline constexpr std::string_view k_customer_class_fact = "customer_class";

// One recommended move; `rules` are the indices of the rules (into
// Playbook::rules) that recommend it, strongest first.
struct Move {
  int technique = -1;  // index into Playbook::techniques
  std::vector<int> rules;
};

struct Avoidance {
  int technique = -1;
  int rule = -1;  // the first avoid rule that fired for it
};

struct RaisedWarning {
  int warning = -1;  // index into Playbook::warnings
  int rule = -1;     // the warn rule that raised it, or -1 when a recommended technique did
  int technique = -1;
};

// What moves[0] would be if a fact had `value`.
struct Branch {
  Value value;
  int top = -1;  // technique, or -1 for no move
};

struct Advice {
  // Every slot as the advice read it: the answers, the playbook's assumption
  // for each unanswered fact that has one, and the derived facts.
  std::vector<Value> facts;
  std::vector<int> assumed;  // input slots whose value is an assumption the advice read
  std::vector<Move> moves;   // ranked, best first; none is avoided
  std::vector<Avoidance> avoid;
  std::vector<RaisedWarning> warnings;
  // No missing answer could change moves[0]. Assumptions stand in for answers
  // in moves, avoid and warnings only: they never settle advice.
  bool settled = false;
  int next_question = -1;        // slot of the fact to ask next, when not settled
  std::vector<Branch> branches;  // for next_question: moves[0] after each of its answers
};

// Why a technique is not the recommended move.
struct WhyNot {
  struct FailedCondition {
    std::string condition;                     // rendered as an expression
    std::vector<std::pair<int, Value>> facts;  // slots it reads and their values
    Truth truth = Truth::no;
  };
  struct RuleReport {
    int rule = -1;
    Truth truth = Truth::no;
    std::vector<FailedCondition> failed;  // conditions that are false or unknown
  };
  int technique = -1;
  std::vector<RuleReport> rules;  // every rule that could recommend it
  std::vector<int> avoided_by;    // avoid rules that fired for it
  std::vector<int> outranked_by;  // rules whose moves rank above it
};

class Engine {
 public:
  // Compiles every condition. Fails on the first condition that names an
  // unknown fact or cannot be compiled; the Diagnostic's pointer is that of
  // the rule's "when" (plus the path inside JsonLogic).
  static Result<Engine> create(Playbook playbook);

  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;
  ~Engine();

  const Playbook& playbook() const;
  const FactSchema& schema() const;

  // A blank fact table: every slot unknown.
  std::vector<Value> blank_facts() const;

  // Reads answers from a JSON object of fact id → value into `facts`. A JSON
  // string is read as FactSchema::value_from_text reads typed text: an
  // enum's value in any case, "yes"/"no" for a bool. Empty text and null are
  // no answer. Fails on an unknown or derived fact, or a value it cannot take; the
  // pointer is "/FACT". String values point into `answers`, which must
  // outlive `facts`.
  Result<bool> read_answers(const nlohmann::json& answers, std::vector<Value>& facts) const;
  // Reads one "FACT=VALUE" as given on the command line.
  Result<bool> read_assignment(std::string_view assignment, std::vector<Value>& facts) const;

  // `answers` with every derived fact (the customer's class, ...) computed
  // from them; derived slots given in `answers` are ignored. No assumption
  // stands in for a missing answer.
  std::vector<Value> derive(std::vector<Value> answers) const;

  // The advice for `facts` (unknown slots are unanswered). Consulting
  // (settled, next_question) searches the unanswered facts; pass
  // consult=false when every answer is in or the question does not matter.
  Advice advise(std::vector<Value> facts, bool consult = true) const;

  // What advise(facts, false) gives in facts, assumed, moves, avoid and
  // warnings, written into `out` (whatever it held) and reusing its memory,
  // for callers that advise deal after deal (review). `out` is not settled,
  // has no next_question and no branches: nothing is searched, not even
  // whether the answers settle the advice.
  void advise_moves(FactValues facts, Advice& out) const;

  // moves[0] for each answer fact `slot` could have (an enum's values, true
  // and false, a number's values worth trying), the other facts as in
  // `advice`: each equals advise()'s moves[0] with that answer added.
  std::vector<Branch> branches(const Advice& advice, int slot) const;

  // The unanswered input facts whose answers could still change moves[0]
  // under `answers` (no assumptions), the ones ranked first first: those read,
  // directly or through a derived fact, by an undecided rule at or above the
  // first move already certain. next_question is one of them. Answering facts
  // only shrinks the set, so its size bounds the questions left to ask.
  std::vector<int> open_questions(std::vector<Value> answers) const;

  WhyNot why_not(const Advice& advice, int technique) const;

  // The rules whose condition holds for `advice`'s facts (for test coverage).
  std::vector<int> fired_rules(const Advice& advice) const;

  // The contract's JSON for `advice` in `language` (en, zh, ru).
  nlohmann::json to_json(const Advice& advice, std::string_view language) const;
  nlohmann::json to_json(const WhyNot& why_not, const Advice& advice,
                         std::string_view language) const;
  // The question for fact `slot`: {"fact", "text", "help", "choices": [...]}.
  nlohmann::json question_json(int slot, std::string_view language) const;

  // The technique index for `id`, or -1.
  int technique_index(std::string_view id) const;

  // The compiled playbook; opaque outside src/.
  struct Compiled;

 private:
  explicit Engine(std::unique_ptr<Compiled> compiled);
  std::unique_ptr<Compiled> m_compiled;
};

}  // namespace closecoach
