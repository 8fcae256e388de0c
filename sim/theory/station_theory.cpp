#include "sim/theory/station_theory.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/theory/queueing.hpp"

namespace sdsim::theory {

StationPrediction predict_station(const StationInputs& in) {
  if (in.arrival_rate_per_s < 0 || in.mean_service_s < 0 || in.service_scv < 0 || in.servers == 0)
    throw std::invalid_argument("predict_station: rates, times and scv must be >= 0, servers >= 1");
  constexpr double inf = std::numeric_limits<double>::infinity();
  StationPrediction p;
  const double c = in.servers;
  p.offered_erlangs = in.arrival_rate_per_s * in.mean_service_s;
  p.utilization = p.offered_erlangs / c;
  p.stable = p.utilization < 1;
  if (!p.stable) {
    p.mean_wait_s = p.p99_wait_s = p.mean_response_s = p.mean_in_system = inf;
    return p;
  }
  if (in.mean_service_s <= 0 || in.arrival_rate_per_s <= 0) {
    p.p_wait = 0;
    p.mean_response_s = in.mean_service_s;
    return p;
  }
  p.p_wait = erlang_c(in.servers, p.offered_erlangs);
  // Given it waits, an M/M/c arrival waits Exp(c mu - lambda); Allen-Cunneen scales that by (1 + scv) / 2
  // (Kingman's heavy-traffic factor, with Poisson arrivals' own scv of 1).
  const double variability = (1 + in.service_scv) / 2;
  const double drain_rate = c / in.mean_service_s - in.arrival_rate_per_s;
  const double conditional_mean = variability / drain_rate;
  p.mean_wait_s = p.p_wait * conditional_mean;
  p.p99_wait_s = p.p_wait > 0.01 ? conditional_mean * std::log(p.p_wait / 0.01) : 0;
  p.mean_response_s = p.mean_wait_s + in.mean_service_s;
  p.mean_in_system = in.arrival_rate_per_s * p.mean_response_s;
  return p;
}

std::uint32_t servers_for_utilization(double offered_erlangs, double target_utilization) {
  if (!(target_utilization > 0 && target_utilization <= 1) || offered_erlangs < 0)
    throw std::invalid_argument("servers_for_utilization: target in (0, 1], offered load >= 0");
  const double needed = std::ceil(offered_erlangs / target_utilization - 1e-9);
  return static_cast<std::uint32_t>(std::max(1.0, needed));
}

}  // namespace sdsim::theory
