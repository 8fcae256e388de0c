// Station predictions against hand-computed M/M/1, M/D/1 and M/M/2 values.
#include "sim/theory/station_theory.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

using namespace sdsim::theory;

TEST_CASE("An M/M/1 station at half load", "[theory]") {
  // lambda 5/s, mu 10/s: rho 0.5, P(wait) = rho, Wq = rho / (mu - lambda) = 0.1 s,
  // P(Wq > t) = 0.5 e^(-5t) = 0.01 at t = ln(50) / 5.
  const StationPrediction p =
      predict_station({.arrival_rate_per_s = 5, .mean_service_s = 0.1, .service_scv = 1, .servers = 1});
  CHECK(p.stable);
  CHECK(p.offered_erlangs == Approx(0.5));
  CHECK(p.utilization == Approx(0.5));
  CHECK(p.p_wait == Approx(0.5));
  CHECK(p.mean_wait_s == Approx(0.1));
  CHECK(p.p99_wait_s == Approx(std::log(50.0) / 5));
  CHECK(p.mean_response_s == Approx(0.2));
  CHECK(p.mean_in_system == Approx(1.0));
}

TEST_CASE("Constant service halves the wait (M/D/1, exact by Pollaczek-Khinchine)", "[theory]") {
  // Wq = rho / (2 mu (1 - rho)) = 0.5 / (2 x 10 x 0.5) = 0.05 s.
  const StationPrediction p =
      predict_station({.arrival_rate_per_s = 5, .mean_service_s = 0.1, .service_scv = 0, .servers = 1});
  CHECK(p.mean_wait_s == Approx(0.05));
}

TEST_CASE("Two servers at three quarters load (Erlang C)", "[theory]") {
  // a = 1.5: C(2, 1.5) = 4.5 / 7; Wq = C / (2 mu - lambda) = C / 5.
  const StationPrediction p =
      predict_station({.arrival_rate_per_s = 15, .mean_service_s = 0.1, .service_scv = 1, .servers = 2});
  CHECK(p.utilization == Approx(0.75));
  CHECK(p.p_wait == Approx(4.5 / 7));
  CHECK(p.mean_wait_s == Approx(4.5 / 7 / 5));
}

TEST_CASE("A saturated station has no steady state", "[theory]") {
  const StationPrediction p =
      predict_station({.arrival_rate_per_s = 20, .mean_service_s = 0.1, .service_scv = 1, .servers = 2});
  CHECK_FALSE(p.stable);
  CHECK(p.utilization == Approx(1.0));
  CHECK(std::isinf(p.mean_wait_s));
  CHECK(std::isinf(p.mean_in_system));
}

TEST_CASE("Bad inputs are refused and idle stations never wait", "[theory]") {
  CHECK_THROWS_AS(
      predict_station({.arrival_rate_per_s = 1, .mean_service_s = 0.1, .service_scv = 1, .servers = 0}),
      std::invalid_argument);
  CHECK_THROWS_AS(predict_station({.arrival_rate_per_s = -1, .mean_service_s = 0.1}), std::invalid_argument);
  const StationPrediction idle = predict_station({.arrival_rate_per_s = 0, .mean_service_s = 0.1});
  CHECK(idle.p_wait == 0);
  CHECK(idle.mean_wait_s == 0);
}

TEST_CASE("Servers for a target utilization round up", "[theory]") {
  CHECK(servers_for_utilization(10, 0.7) == 15);
  CHECK(servers_for_utilization(7, 0.7) == 10);
  CHECK(servers_for_utilization(0, 0.7) == 1);
  CHECK_THROWS_AS(servers_for_utilization(1, 0), std::invalid_argument);
}
