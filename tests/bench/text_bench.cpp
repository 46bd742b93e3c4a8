// How long review spends reading one note: normalise a ~300-byte note and
// match it against ~150 playbook patterns (en, zh, ru), per language of note;
// and how fast the CSV reader goes. No framework: run it, read the numbers.
//
//   text_bench [rounds]

#include <closecoach/csv.hpp>
#include <closecoach/signals.hpp>
#include <closecoach/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

namespace {

using closecoach::SignalMatcher;
using closecoach::SignalReading;
using closecoach::SignalSpec;

const std::vector<std::string> k_english = {"think it over",
                                            "let me think",
                                            "send me a proposal",
                                            "too expensive",
                                            "not in the budget",
                                            "talk to my boss",
                                            "need approval",
                                            "call me back",
                                            "ready to sign",
                                            "send the contract",
                                            "we are interested",
                                            "not interested",
                                            "already have a vendor",
                                            "bad timing",
                                            "next quarter",
                                            "decision maker",
                                            "the ceo",
                                            "procurement",
                                            "legal review",
                                            "pilot project",
                                            "competitor",
                                            "discount",
                                            "price is high",
                                            "sounds good",
                                            "let's do it"};
const std::vector<std::string> k_chinese = {
    "考虑一下", "考慮一下", "发个方案",   "太贵了",  "没有预算", "问问老板",   "需要审批",
    "回电话",   "准备签约", "发合同",     "感兴趣",  "不感兴趣", "已有供应商", "时机不对",
    "下个季度", "决策人",   "总经理",     "采购部",  "法务审核", "试点项目",   "竞争对手",
    "折扣",     "价格高",   "听起来不错", "就这么办"};
const std::vector<std::string> k_russian = {"подумать",
                                            "надо подумать",
                                            "пришлите предложение",
                                            "слишком дорого",
                                            "нет бюджета",
                                            "спрошу начальника",
                                            "нужно согласование",
                                            "перезвоните",
                                            "готовы подписать",
                                            "пришлите договор",
                                            "нам интересно",
                                            "не интересно",
                                            "уже есть поставщик",
                                            "не время",
                                            "в следующем квартале",
                                            "лицо принимающее решение",
                                            "генеральный директор",
                                            "закупки",
                                            "юристы смотрят",
                                            "пилотный проект",
                                            "конкурент",
                                            "скидка",
                                            "цена высокая",
                                            "звучит хорошо",
                                            "давайте сделаем"};

// 150 patterns in 50 signals: each phrase and a variant of it.
std::vector<SignalSpec> make_specs() {
  std::vector<SignalSpec> specs;
  for (std::size_t i = 0; i < k_english.size(); ++i) {
    specs.push_back({fmt::format("en_{}", i),
                     "last_response",
                     "interested",
                     {k_english[i], k_english[i] + " now", k_chinese[i]},
                     ""});
    specs.push_back({fmt::format("ru_{}", i),
                     "last_response",
                     "objection",
                     {k_russian[i], k_russian[i] + " сейчас", k_chinese[i] + "吧"},
                     ""});
  }
  specs.push_back({"re_call", "last_response", "interested", {"re:call (me|us) (back|later)"}, ""});
  return specs;
}

struct Note {
  std::string name;
  std::string text;
};

std::vector<Note> make_notes() {
  return {
      {"ascii (no hit)",
       "Met with the operations manager on Tuesday. Walked through the onboarding flow and the "
       "reporting module; she liked the dashboards and asked about SSO and data retention. "
       "Follow-up meeting booked with their IT lead for next Wednesday to go through security "
       "questions and the integration plan. Good rapport overall, sent recap"},
      {"ascii (3 hits)",
       "Met with the operations manager on Tuesday. Walked through the onboarding flow and the "
       "reporting module; she liked it but said the price is high and she needs to talk to my "
       "boss, er, her boss, before anything. Asked us to call me back next week. Wants to think "
       "it over with finance; no decision maker in the room. Sent recap and deck."},
      {"chinese",
       "周二与运营经理会面，演示了上线流程和报表模块。她很喜欢仪表盘，但觉得价格高，"
       "需要问问老板再说。下周约了他们的技术负责人，讨论安全问题和集成方案。"
       "客户说要考虑一下，月底前回复。"},
      {"russian",
       "Встретились с операционным директором во вторник. Показали подключение и отчёты, "
       "панели понравились, но цена высокая, нужно согласование. Клиент обещал подумать "
       "и перезвонить в следующем квартале."},
      {"mixed",
       "Call w/ 王总 (CEO): liked the demo, 觉得价格高, wants a pilot project. "
       "Коллега из закупки сказал: надо подумать. Send the contract draft by Friday? "
       "他说考虑一下 then reply."},
  };
}

// The CPU time of this thread: the figures stay honest on a busy machine.
double thread_nanoseconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e9 + static_cast<double>(now.tv_nsec);
}

template <class Work>
double nanoseconds_per_round(int rounds, Work&& work) {
  const double start = thread_nanoseconds();
  for (int i = 0; i < rounds; ++i) work();
  return (thread_nanoseconds() - start) / rounds;
}

void bench_notes(int rounds) {
  const auto matcher = SignalMatcher::create(make_specs());
  if (!matcher) {
    fmt::print(stderr, "{}\n", matcher.error().message);
    std::exit(1);
  }
  std::size_t patterns = 0;
  for (const SignalSpec& spec : matcher->specs()) patterns += spec.patterns.size();
  fmt::print("{} signals, {} patterns\n", matcher->specs().size(), patterns);
  fmt::print("{:<16} {:>6} {:>5} {:>12} {:>12} {:>12}\n", "note", "bytes", "hits", "normalise",
             "match", "both");
  std::vector<SignalReading> hits;
  for (const Note& note : make_notes()) {
    std::string normalized;
    const double normalise = nanoseconds_per_round(
        rounds, [&] { normalized = closecoach::normalize_for_matching(note.text); });
    const double match = nanoseconds_per_round(rounds, [&] {
      hits.clear();
      matcher->read(normalized, hits);
    });
    std::string reused;  // as review does: one buffer per worker
    const double both = nanoseconds_per_round(rounds, [&] {
      hits.clear();
      closecoach::normalize_for_matching(note.text, reused);
      matcher->read(reused, hits);
    });
    fmt::print("{:<16} {:>6} {:>5} {:>9.0f} ns {:>9.0f} ns {:>9.0f} ns\n", note.name,
               note.text.size(), hits.size(), normalise, match, both);
  }
}

void bench_csv(int rounds) {
  std::string text = "id,contact_role,stage,soft_closes_tried,notes\n";
  const int records = 10000;
  for (int i = 0; i < records; ++i) {
    text += fmt::format(
        "D-{},first_kp,negotiation,{},\"Liked the demo, said \"\"think it "
        "over\"\"; call back Friday after the budget meeting.\"\n",
        i, i % 4);
  }
  closecoach::CsvRecord record;
  const double per_file = nanoseconds_per_round(std::max(1, rounds / 1000), [&] {
    closecoach::CsvReader reader(text);
    while (reader.next(record)) {
    }
  });
  fmt::print("csv: {:.0f} ns per record, {:.0f} MB/s ({} bytes per record)\n", per_file / records,
             static_cast<double>(text.size()) / per_file * 1000.0,
             text.size() / static_cast<std::size_t>(records));
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 100000;
  bench_notes(rounds);
  bench_csv(rounds);
  return 0;
}
