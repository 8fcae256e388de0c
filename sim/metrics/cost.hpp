#pragma once
// What a run costs: each block's billable usage (BlockCounters::usage) at its prices, and the bytes moved per
// hop class at the transfer prices, as US dollars per month at the simulated rate.
#include <span>

#include "sim/core/counters.hpp"
#include "sim/core/network.hpp"

namespace sdsim {

// AWS prices a month as 730 hours.
inline constexpr double hours_per_month = 730;

// A block's prices in USD, for the usage it reports.
struct PriceModel {
  double per_unit_hour = 0;         // per billed unit (instance, node, shard...) per hour
  double per_million_requests = 0;  // per million billed requests
  double per_million_reads = 0;     // per million read request units
  double per_million_writes = 0;    // per million write request units
  double per_rcu_hour = 0;          // per provisioned read unit per hour
  double per_wcu_hour = 0;          // per provisioned write unit per hour
};

// USD per GB moved, per counted hop class (HopClass order).
using TransferPrices = std::array<double, hop_class_count>;

// USD per month if the block ran all month as it did over `measured_s` seconds: its running units all month,
// its counts scaled from the measured period. 0 when nothing was measured.
double monthly_usd(const BillableUsage& usage, const PriceModel& price, double measured_s);

// USD per month for `gb` GB per hop class moved over `measured_s` seconds (gb may be empty: no payloads).
double monthly_transfer_usd(std::span<const double> gb, const TransferPrices& prices, double measured_s);

}  // namespace sdsim
