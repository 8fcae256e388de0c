#pragma once
// Closed-form queueing results (Erlang B/C, M/M/c, M/G/1, exact MVA, Jackson tandem) used to validate the
// simulator. Times are in seconds and rates per second; invalid arguments throw std::invalid_argument.
#include <cstdint>
#include <vector>

namespace sdsim::theory {

// Blocking probability of M/M/c/c (Erlang B). 1 when servers is 0.
double erlang_b(std::uint32_t servers, double offered_erlangs);

// Probability that an arrival waits in M/M/c (Erlang C). 1 when offered_erlangs >= servers.
double erlang_c(std::uint32_t servers, double offered_erlangs);

struct MmcPrediction {
  double utilization;       // rho = lambda / (c mu); reported as-is (>= 1) when unstable
  double p_wait;            // Erlang C
  double mean_wait_s;       // time in queue
  double mean_response_s;   // queue + service
  double mean_in_system;    // Little: lambda * response
  double throughput_per_s;  // lambda when stable, c mu (saturation) otherwise
};

// M/M/c steady state (M/M/1 is servers = 1). When rho >= 1 the waiting figures are +infinity and p_wait is 1.
MmcPrediction mmc(double arrival_rate, double service_rate, std::uint32_t servers);

// P(T > t) for the FCFS response (sojourn) time T of M/M/c; 1 for every t when unstable.
double mmc_response_tail(double arrival_rate, double service_rate, std::uint32_t servers, double t);

// p-quantile of the M/M/c FCFS response time, exact to ~1e-12 relative. +infinity when unstable or p >= 1.
double mmc_response_quantile(double arrival_rate, double service_rate, std::uint32_t servers, double p);

// p-quantile of the M/M/c FCFS waiting time in queue (0 when p <= 1 - C). +infinity when unstable or p >= 1.
double mmc_wait_quantile(double arrival_rate, double service_rate, std::uint32_t servers, double p);

// M/G/1 mean waiting time in queue (Pollaczek-Khinchine); M/D/1 is variance 0. +infinity when rho >= 1.
double mg1_mean_wait(double arrival_rate, double mean_service_s, double service_variance_s2);

struct MvaStation {
  double demand_s;        // total service demand per visit cycle (visits x service time)
  bool is_delay = false;  // infinite-server (pure delay) station instead of a single-server queue
};

struct MvaResult {
  double throughput_per_s;
  double response_s;  // sum of residence times, think time excluded
  std::vector<double> residence_s;
  std::vector<double> queue_length;  // mean customers at each station (in service included)
};

// Exact Mean Value Analysis of a closed product-form network with `users` customers and think time think_s.
// With 0 users the throughput is 0 and residence times are the bare demands.
MvaResult mva(const std::vector<MvaStation>& stations, std::uint32_t users, double think_s);

// Mean end-to-end response of a Jackson tandem of M/M/1 stations: sum of 1 / (mu_i - lambda); +infinity if
// any station is saturated.
double tandem_mean_response(double arrival_rate, const std::vector<double>& service_rates);

}  // namespace sdsim::theory
