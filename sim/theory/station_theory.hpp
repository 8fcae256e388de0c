#pragma once
// What queueing theory predicts for one station as a run saw it: Poisson arrivals at the measured rate,
// `servers` servers, holding times with the measured mean and variability, an unbounded FCFS line (M/G/c).
// Exact for M/M/c (scv 1) and M/G/1 (Pollaczek-Khinchine); otherwise the Allen-Cunneen approximation.
#include <cstdint>

namespace sdsim::theory {

struct StationInputs {
  double arrival_rate_per_s = 0;  // lambda
  double mean_service_s = 0;      // E[S], s
  double service_scv = 1;         // Var[S] / E[S]^2: 1 exponential, 0 constant
  std::uint32_t servers = 1;      // c >= 1
};

struct StationPrediction {
  double offered_erlangs = 0;  // a = lambda E[S]
  double utilization = 0;      // a / c, as-is when >= 1
  bool stable = false;         // utilization < 1: the other figures are finite
  double p_wait = 1;           // Erlang C: probability an arrival waits
  double mean_wait_s = 0;      // M/M/c wait x (1 + scv) / 2; +inf when unstable
  double p99_wait_s = 0;       // the M/M/c wait quantile with its exponential tail scaled the same way
  double mean_response_s = 0;  // wait + E[S]
  double mean_in_system = 0;   // Little's law: lambda x response
};

// Throws std::invalid_argument for a negative rate, time or scv, or 0 servers.
StationPrediction predict_station(const StationInputs& in);

// Servers needed to keep utilization at or under `target_utilization` (in (0, 1]) for `offered_erlangs`.
std::uint32_t servers_for_utilization(double offered_erlangs, double target_utilization);

}  // namespace sdsim::theory
