// The report as JSON: the contract's keys in the contract's order, then what
// the page shows (attention list, owners ranked) by id, for scripts.

#include <nlohmann/json.hpp>

#include "report_internal.hpp"

namespace closecoach::report_detail {

namespace {

using Json = nlohmann::ordered_json;

Json tally_json(const Tally& tally) {
  Json object = Json::object();
  for (const auto& [key, count] : tally) object[key] = count;
  return object;
}

Json concerns_json(const Figures& figures) {
  Json object = Json::object();
  for (std::size_t i = 0; i < k_concern_count; ++i)
    object[std::string(concern_key(static_cast<Concern>(i)))] = figures.concerns[i];
  return object;
}

Json attention_json(const AttentionDeal& deal) {
  Json concerns = Json::array();
  for (std::size_t i = 0; i < k_concern_count; ++i)
    if ((deal.concerns & (1U << i)) != 0)
      concerns.push_back(std::string(concern_key(static_cast<Concern>(i))));
  return Json{{"id", deal.id},
              {"name", deal.name},
              {"owner", deal.owner},
              {"class", deal.klass.empty() ? Json() : Json(deal.klass)},
              {"move", deal.move.empty() ? Json() : Json(deal.move)},
              {"warnings", deal.warnings},
              {"concerns", concerns}};
}

Json owners_ranked_json(const ReportAggregator& report) {
  Json owners = Json::array();
  for (const auto& name : report.owners_ranked()) {
    const Figures& figures = report.by_owner().find(name)->second;
    owners.push_back(Json{{"owner", name},
                          {"deals", figures.deals},
                          {"attention", figures.attention},
                          {"concerns", concerns_json(figures)}});
  }
  return owners;
}

}  // namespace

std::string render_json(const ReportAggregator& report) {
  const Figures& total = report.total();
  Json out{{"deals", total.deals},
           {"errors", total.errors},
           {"closed", total.closed},
           {"by_class", tally_json(total.by_class)},
           {"by_move", tally_json(total.by_move)},
           {"by_warning", tally_json(total.by_warning)},
           {"by_owner", Json::object()}};
  for (const auto& [owner, figures] : report.by_owner())
    out["by_owner"][owner] = Json{{"deals", figures.deals},
                                  {"by_class", tally_json(figures.by_class)},
                                  {"by_move", tally_json(figures.by_move)},
                                  {"by_warning", tally_json(figures.by_warning)}};
  out["bad_lines"] = report.bad_lines();
  out["attention_total"] = report.attention_total();
  out["attention"] = Json::array();
  for (const auto& deal : report.attention()) out["attention"].push_back(attention_json(deal));
  out["owners_ranked"] = owners_ranked_json(report);
  return out.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace closecoach::report_detail
