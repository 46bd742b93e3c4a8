#pragma once
// The compiled form of a Condition, private to src/condition*.cpp.
//
// A condition is held twice over the same nodes:
// - a tree of Nodes in one vector, evaluated with JsonLogic's value semantics
//   and Kleene's three-valued logic (the general path, and the reference);
// - a flat list of Steps: each test the condition makes, with the step to go
//   to when it is true and when it is false. For a record with every fact
//   known this walk is the whole evaluation: and/or/!/if cost nothing but a
//   jump, and tests of one fact (a bool, an enum, a number against constants)
//   are specialized so they compare no text and take no branch. After an
//   unknown outcome the walk goes on twice, taking unknown tests the bad way
//   and then the good way: with each test read once, that is exactly Kleene's
//   answer. An unknown test of mixed polarity (an if's condition) hands over
//   to the tree.
// A condition of a few specialized steps also has a TruthTable: every step
// read at once, with no branch, and the walks' ends looked up, since on
// varied records the walk's jumps mispredict.
//
// Everything refers to everything else by index or offset, so copying a
// Program is a plain copy.

#include <closecoach/condition.hpp>
#include <closecoach/facts.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

namespace closecoach::condition_detail {

enum class Op : std::uint8_t {
  constant,
  fact,           // slot
  equal,          // ==
  strict_equal,   // ===
  less,           // <   (a > b compiles to b < a)
  less_equal,     // <=
  between,        // a < b < c
  between_equal,  // a <= b <= c
  negate,         // !   (argument read for its truth)
  truthy,         // !!
  all,            // and
  any,            // or
  choose,         // if / ?: over condition, branch, condition, branch, ..., [else]
  in_list,        // argument strictly equal to one of members
  in_text,        // haystack (argument 1) contains String(argument 0)
  add,
  multiply,
  subtract,
  negative,
  divide,
  remainder,
  minimum,
  maximum,
  fallback,  // fallbacks[extra], run by json_logic::apply; read for its truth only
};

// A scalar constant; its text lives in Program::text.
struct Constant {
  Value::Kind kind = Value::Kind::null;
  bool boolean = false;
  double number = 0;
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
};

struct Node {
  Op op = Op::constant;
  std::int32_t slot = -1;
  std::uint32_t first = 0;  // arguments: Program::args[first, first + count)
  std::uint32_t count = 0;
  std::uint32_t extra =
      0;  // in_list: Program::members[extra, extra + extra_count); fallback: index
  std::uint32_t extra_count = 0;
  Constant constant;
};

// What a fallback reads: the facts go into the JSON data it is applied to.
struct FallbackRead {
  std::int32_t slot = -1;
  std::string name;
};

struct Fallback {
  nlohmann::json logic;
  std::vector<FallbackRead> reads;
};

inline constexpr std::int32_t k_no = -1;   // step "index" for a final false
inline constexpr std::int32_t k_yes = -2;  // and for a final true

inline constexpr std::uint8_t k_ask_tree = 3;

// No Value has this kind: a general step never takes the specialized test.
inline constexpr auto k_no_kind = static_cast<Value::Kind>(0xFF);

// One test. Specialized tests take one of two forms, computed without a
// branch: a number fact within [low, high] (strict bounds moved to the next
// double), or a fact with few values (a bool, an enum) whose value's index
// has its bit set in `members`. The index of a bool is the bool; an enum's is
// the one FactSchema gave its Value (Value::enum_index). A value that is not
// what the test expects (unknown, NaN, text without an index) goes to the
// tree instead.
struct Step {
  Value::Kind expected = k_no_kind;
  bool is_range = false;
  bool by_index = false;  // an enum: read Value::enum_index, not Value::boolean
  // 1 when a true outcome can only help the condition be true, -1 when it can
  // only hurt, 0 when it may do either (an if's condition).
  std::int8_t polarity = 1;
  // The outcome when the fact is unknown (a specialized test reads no other);
  // for a general step, "ask the tree".
  std::uint8_t when_unknown = k_ask_tree;
  std::int32_t slot = 0;   // the fact a specialized test reads (any valid slot for general)
  std::int32_t node = -1;  // what the test means, for the tree
  std::array<std::int32_t, 2> next{k_no, k_no};  // indexed by the outcome: false, true
  double low = 0;
  double high = 0;
  std::uint32_t limit = ~std::uint32_t{0};  // indexes at or past this go to the tree
  std::uint64_t members = 0;                // bit i: the value with index i passes
};

// The most steps a TruthTable covers: 2^8 outcomes, 256 bits.
inline constexpr std::size_t k_table_steps = 8;

// A number fact's range test, as the table reads it (the kind is a number's).
struct RangeLane {
  double low = 0;
  double high = 0;
  std::uint32_t slot = 0;
};

// A bool's or an enum's test, as the table reads it: from a Value's first
// four bytes (kind, boolean, enum_index: value_header), `mask` keeps the kind
// and the index, rotating right by `rotation` brings the index to bit 0 and
// the kind above it, and xor `expected` clears the expected kind. What is left
// is the index, below `limit`, if and only if the step could read the value.
struct SetLane {
  std::uint64_t members = 0;  // as Step::members
  std::uint32_t mask = 0;
  std::uint32_t expected = 0;
  std::uint32_t limit = 0;
  std::uint32_t slot = 0;
  int rotation = 0;
};

// The first four bytes of a Value, as one number: kind | boolean << 8 |
// enum_index << 16.
inline std::uint32_t value_header(const Value& value) {
  static_assert(offsetof(Value, kind) == 0 && offsetof(Value, boolean) == 1 &&
                offsetof(Value, enum_index) == 2 && std::endian::native == std::endian::little);
  std::uint32_t header = 0;
  std::memcpy(&header, &value, sizeof header);
  return header;
}

// A walk's jumps depend on the data, and on varied records they mispredict.
// When every step is specialized and there are few of them, the fast path
// instead reads every step without a branch and looks the walk's end up here.
// Each step is a lane, the range tests first: of n lanes, lane i's outcome
// is bit n - 1 - i of the table's index, and its bit in the masks below.
struct TruthTable {
  bool usable = false;
  std::uint32_t range_count = 0;
  std::uint32_t set_count = 0;
  std::array<RangeLane, k_table_steps> ranges{};
  std::array<SetLane, k_table_steps> sets{};
  // Where an unknown value's outcome is true, or unknown (Step::when_unknown).
  std::uint32_t unknown_true = 0;
  std::uint32_t unknown_open = 0;
  // Where a true outcome helps the condition (polarity 1), hurts it (-1), or
  // may do either (0).
  std::uint32_t helps = 0;
  std::uint32_t hurts = 0;
  std::uint32_t mixed = 0;
  // Bit m: the walk from the entry ends true when the lanes come out as m.
  std::array<std::uint64_t, (std::size_t{1} << k_table_steps) / 64> bits{};

  bool ends_true(std::uint32_t outcomes) const {
    return ((bits[outcomes / 64] >> (outcomes % 64)) & 1U) != 0;
  }
};

struct Program {
  std::vector<Node> nodes;
  std::vector<std::int32_t> args;
  std::vector<Constant> members;
  std::string text;
  std::vector<Fallback> fallbacks;
  std::vector<Step> steps;
  std::vector<int> slots;  // read, in first-use order
  std::int32_t root = -1;
  std::int32_t entry = k_no;
  std::size_t fact_count = 0;  // highest slot read + 1: the fast path needs that many values
  TruthTable table;
};

// Compiles JsonLogic over `schema` (see Condition::compile).
Result<Program> compile_program(const nlohmann::json& logic, const FactSchema& schema);

// Builds program.steps from the tree, and program.table when they allow one;
// returns the first step (or k_yes/k_no).
std::int32_t link_steps(Program& program, const FactSchema& schema);

// The fast path's two ways, both Kleene's answer (Condition::evaluate takes
// the first that can tell). Precondition: facts.size() >= program.fact_count.
// The table: nullopt when there is none, a value is not what its step
// expects, or an unknown test may help or hurt (polarity 0).
std::optional<Truth> look_up(const Program& program, FactValues facts);
// The walk over the steps, handing over to the tree where they cannot tell.
Truth walk_steps(const Program& program, FactValues facts);

// The general path: the tree under Kleene logic. Reads beyond facts.size()
// see unknown facts.
class Evaluator {
 public:
  Evaluator(const Program& program, FactValues facts) : m_program(program), m_facts(facts) {}

  Value value(std::int32_t node) const;
  Truth truth(std::int32_t node) const;
  // Precondition: truth(node) is unknown. Appends the unknown slots that
  // could change it, each once.
  void dependencies(std::int32_t node, std::vector<int>& out) const;

 private:
  const Node& at(std::int32_t node) const {
    return m_program.nodes[static_cast<std::size_t>(node)];
  }
  std::int32_t arg(const Node& node, std::uint32_t i) const {
    return m_program.args[node.first + i];
  }
  Value constant(const Constant& constant) const;
  Value fact(const Node& node) const;
  Value compare(const Node& node) const;
  Truth between(const Node& node) const;
  Value arithmetic(const Node& node) const;
  Value logical(const Node& node) const;
  Value choose_value(const Node& node) const;
  Truth choose_truth(const Node& node, std::uint32_t from) const;
  Value membership(const Node& node) const;
  Truth run_fallback(const Node& node) const;
  void choose_dependencies(const Node& node, std::uint32_t from, std::vector<int>& out) const;
  void unknown_slots(std::int32_t node, std::vector<int>& out) const;

  const Program& m_program;
  FactValues m_facts;
};

}  // namespace closecoach::condition_detail
