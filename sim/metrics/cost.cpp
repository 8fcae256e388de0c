#include "sim/metrics/cost.hpp"

namespace sdsim {

namespace {

constexpr double seconds_per_month = hours_per_month * 3600;

}  // namespace

double monthly_usd(const BillableUsage& usage, const PriceModel& price, double measured_s) {
  if (measured_s <= 0) return 0;
  const double per_measured_period = usage.requests / 1e6 * price.per_million_requests +
                                     usage.read_units / 1e6 * price.per_million_reads +
                                     usage.write_units / 1e6 * price.per_million_writes;
  const double per_hour = usage.units * price.per_unit_hour + usage.read_capacity * price.per_rcu_hour +
                          usage.write_capacity * price.per_wcu_hour;
  return per_hour * hours_per_month + per_measured_period * seconds_per_month / measured_s;
}

double monthly_transfer_usd(std::span<const double> gb, const TransferPrices& prices, double measured_s) {
  if (measured_s <= 0) return 0;
  double usd = 0;
  for (std::size_t c = 0; c < gb.size() && c < prices.size(); ++c)
    usd += gb[c] * prices[c];
  return usd * seconds_per_month / measured_s;
}

}  // namespace sdsim
