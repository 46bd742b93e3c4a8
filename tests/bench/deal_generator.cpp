#include "deal_generator.hpp"

#include <fmt/format.h>

#include <array>
#include <random>

namespace closecoach::bench {

namespace {

template <std::size_t N>
const char* pick(std::mt19937_64& random, const std::array<const char*, N>& items) {
  return items[random() % N];
}

constexpr std::array<const char*, 4> k_roles{"first_kp", "second_kp", "third_kp", "unknown"};
constexpr std::array<const char*, 3> k_value{"yes", "not_yet", "no"};
constexpr std::array<const char*, 5> k_stages{"discovery", "presentation", "negotiation",
                                              "final_20_min", "follow_up"};
constexpr std::array<const char*, 7> k_responses{
    "none", "interested", "think_about_it", "objection", "late_change", "ready_to_buy", "refused"};
constexpr std::array<const char*, 3> k_relationship{"low", "normal", "high"};
constexpr std::array<const char*, 9> k_notes{
    "Met the CFO, she wants to think it over and come back after the board meeting next week.",
    "Demo went well, procurement asked for a revised quote with fewer seats.",
    "Customer said they are ready to sign once legal approves the paperwork.",
    "客户说需要再考虑一下，下周和老板商量后再回复我们。",
    "對方表示價格偏高，想再考慮一下，月底前給答覆。",
    "采购经理希望我们下周提供修改后的报价方案。",
    "Клиент сказал, что ему нужно подумать, и попросил перезвонить в пятницу.",
    "Директор готов подписать договор, если доставка будет до конца квартала.",
    "Обсудили условия, клиент попросил урезать объём поставки перед подписанием."};

bool coin(std::mt19937_64& random) { return random() % 4 != 0; }

}  // namespace

std::string synthetic_deal(std::size_t index, std::uint64_t seed) {
  std::mt19937_64 random(seed * 1000003 + index);
  return fmt::format(
      R"({{"id":"D-{:07}","facts":{{"contact_role":"{}","has_need":{},"can_pay":{},"sees_value":"{}","on_shortlist":{},)"
      R"("stage":"{}","last_response":"{}","soft_closes_tried":{},"hard_close_tried":{},"win_lose_negotiator":{},)"
      R"("days_in_cycle":{},"relationship_value":"{}","real_urgency":{}}},"notes":"{}"}})",
      index, pick(random, k_roles), coin(random), coin(random), pick(random, k_value),
      random() % 2 == 0, pick(random, k_stages), pick(random, k_responses), random() % 5,
      random() % 5 == 0, random() % 8 == 0, random() % 40, pick(random, k_relationship),
      random() % 3 == 0, pick(random, k_notes));
}

}  // namespace closecoach::bench
