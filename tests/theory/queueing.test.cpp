#include "sim/theory/queueing.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

using namespace sdsim::theory;

namespace {

// Simpson's rule over [0, upper] of the M/M/c response tail: E[T] = integral of P(T > t).
double integrate_response_tail(double lambda, double mu, std::uint32_t servers, double upper, int steps) {
  const double h = upper / steps;
  double sum = mmc_response_tail(lambda, mu, servers, 0.0) + mmc_response_tail(lambda, mu, servers, upper);
  for (int i = 1; i < steps; ++i) {
    sum += (i % 2 == 1 ? 4.0 : 2.0) * mmc_response_tail(lambda, mu, servers, i * h);
  }
  return sum * h / 3.0;
}

}  // namespace

TEST_CASE("Erlang B matches published traffic tables") {
  SECTION("10 servers offered 5 erlangs") {
    CHECK(erlang_b(10, 5.0) == Approx(0.0183845703366).epsilon(1e-10));
  }
  SECTION("100 servers offered 80 erlangs") {
    CHECK(erlang_b(100, 80.0) == Approx(0.00399202860455).epsilon(1e-10));
  }
  SECTION("edge cases") {
    CHECK(erlang_b(0, 3.0) == 1.0);
    CHECK(erlang_b(1, 1.0) == Approx(0.5));
    CHECK(erlang_b(5, 0.0) == 0.0);
  }
}

TEST_CASE("Erlang C matches the direct formula") {
  SECTION("10 servers offered 9 erlangs") {
    CHECK(erlang_c(10, 9.0) == Approx(0.668731524107697).epsilon(1e-12));
  }
  SECTION("2 servers offered 1 erlang") {
    CHECK(erlang_c(2, 1.0) == Approx(1.0 / 3.0).epsilon(1e-14));
  }
  SECTION("5 servers offered 4 erlangs") {
    CHECK(erlang_c(5, 4.0) == Approx(0.554112554112554).epsilon(1e-12));
  }
  SECTION("one server waits with probability rho") {
    CHECK(erlang_c(1, 0.7) == Approx(0.7).epsilon(1e-14));
  }
  SECTION("overload always waits") {
    CHECK(erlang_c(4, 4.0) == 1.0);
    CHECK(erlang_c(4, 9.0) == 1.0);
  }
}

TEST_CASE("M/M/1 predictions follow the textbook identities") {
  const double lambda = 8.0;
  const double mu = 10.0;
  const MmcPrediction m = mmc(lambda, mu, 1);
  const double rho = lambda / mu;
  CHECK(m.utilization == Approx(rho));
  CHECK(m.p_wait == Approx(rho));
  CHECK(m.mean_response_s == Approx(1.0 / (mu - lambda)));
  CHECK(m.mean_wait_s == Approx(rho / (mu - lambda)));
  CHECK(m.mean_in_system == Approx(rho / (1.0 - rho)));
  CHECK(m.throughput_per_s == Approx(lambda));
}

TEST_CASE("M/M/c predictions match an independent calculation") {
  // lambda = 2.4, mu = 1, c = 3: Erlang C = 0.6471910112..., W = 2.0786516853..., computed with mpmath.
  const MmcPrediction m = mmc(2.4, 1.0, 3);
  CHECK(m.utilization == Approx(0.8));
  CHECK(m.p_wait == Approx(0.647191011235955).epsilon(1e-12));
  CHECK(m.mean_wait_s == Approx(1.07865168539326).epsilon(1e-12));
  CHECK(m.mean_response_s == Approx(2.07865168539326).epsilon(1e-12));
  CHECK(m.mean_in_system == Approx(4.98876404494382).epsilon(1e-12));

  SECTION("unstable input reports rho and infinite waits") {
    const MmcPrediction u = mmc(5.0, 1.0, 4);
    CHECK(u.utilization == Approx(1.25));
    CHECK(std::isinf(u.mean_wait_s));
    CHECK(std::isinf(u.mean_response_s));
    CHECK(std::isinf(u.mean_in_system));
    CHECK(u.throughput_per_s == Approx(4.0));
  }
  SECTION("invalid input throws") {
    CHECK_THROWS_AS(mmc(1.0, 0.0, 1), std::invalid_argument);
    CHECK_THROWS_AS(mmc(1.0, 2.0, 0), std::invalid_argument);
    CHECK_THROWS_AS(mmc(-1.0, 2.0, 1), std::invalid_argument);
  }
}

TEST_CASE("M/M/c response quantile") {
  SECTION("one server equals the exponential closed form") {
    const double lambda = 7.0;
    const double mu = 10.0;
    for (const double p : {0.01, 0.5, 0.9, 0.99, 0.999, 0.999999}) {
      CHECK(mmc_response_quantile(lambda, mu, 1, p) ==
            Approx(-std::log(1.0 - p) / (mu - lambda)).epsilon(1e-11));
    }
  }
  SECTION("three servers match an independent root find") {
    // mpmath: root of the convolution-integral tail for lambda = 2.4, mu = 1, c = 3.
    CHECK(mmc_response_quantile(2.4, 1.0, 3, 0.5) == Approx(1.57880719129328).epsilon(1e-11));
    CHECK(mmc_response_quantile(2.4, 1.0, 3, 0.9) == Approx(4.53235344679106).epsilon(1e-11));
    CHECK(mmc_response_quantile(2.4, 1.0, 3, 0.99) == Approx(8.45547736542294).epsilon(1e-11));
  }
  SECTION("the quantile inverts the tail") {
    for (const double p : {0.1, 0.5, 0.95, 0.999}) {
      const double t = mmc_response_quantile(3.0, 2.0, 2, p);
      CHECK(mmc_response_tail(3.0, 2.0, 2, t) == Approx(1.0 - p).epsilon(1e-10));
    }
  }
  SECTION("the tail integrates to the mean response") {
    struct Case {
      double lambda, mu;
      std::uint32_t servers;
    };
    // The last case has theta = c mu - lambda equal to mu, the removable singularity of the hypoexponential.
    for (const Case c : {Case{0.5, 1.0, 1}, Case{2.4, 1.0, 3}, Case{9.0, 1.0, 10}, Case{3.0, 2.0, 2}}) {
      const double mean = mmc(c.lambda, c.mu, c.servers).mean_response_s;
      CHECK(integrate_response_tail(c.lambda, c.mu, c.servers, 60.0 * mean, 20000) ==
            Approx(mean).epsilon(1e-9));
    }
  }
  SECTION("theta close to mu stays smooth") {
    // c mu - lambda = mu (1 + 1e-9): the textbook difference formula would lose about nine digits here.
    const double near = mmc_response_tail(1.0 - 1e-9, 1.0, 2, 2.0);
    const double exact = mmc_response_tail(1.0, 1.0, 2, 2.0);
    CHECK(near == Approx(exact).epsilon(1e-8));
    // C = 1/3, tail = (1 - C) e^{-t} + C (1 + t) e^{-t} at t = 2.
    CHECK(exact == Approx((2.0 / 3.0) * std::exp(-2.0) + (1.0 / 3.0) * 3.0 * std::exp(-2.0)).epsilon(1e-14));
  }
  SECTION("limits") {
    CHECK(mmc_response_quantile(1.0, 2.0, 1, 0.0) == 0.0);
    CHECK(std::isinf(mmc_response_quantile(1.0, 2.0, 1, 1.0)));
    CHECK(std::isinf(mmc_response_quantile(2.0, 2.0, 1, 0.5)));
  }
}

TEST_CASE("M/M/c waiting-time quantile") {
  const double wait = erlang_c(3, 2.4);
  SECTION("zero below the probability of not waiting") {
    CHECK(mmc_wait_quantile(2.4, 1.0, 3, 0.2) == 0.0);
    CHECK(mmc_wait_quantile(2.4, 1.0, 3, 1.0 - wait) == 0.0);
  }
  SECTION("matches the closed form above it") {
    CHECK(mmc_wait_quantile(2.4, 1.0, 3, 0.9) == Approx(3.11245215160625).epsilon(1e-12));
    CHECK(mmc_wait_quantile(2.4, 1.0, 3, 0.99) == Approx(6.95009397326300).epsilon(1e-12));
  }
}

TEST_CASE("Pollaczek-Khinchine mean wait") {
  const double lambda = 0.8;
  const double mean = 1.0;
  SECTION("exponential service reproduces M/M/1") {
    CHECK(mg1_mean_wait(lambda, mean, mean * mean) == Approx(mmc(lambda, 1.0 / mean, 1).mean_wait_s));
  }
  SECTION("deterministic service halves the M/M/1 wait") {
    CHECK(mg1_mean_wait(lambda, mean, 0.0) == Approx(0.5 * mmc(lambda, 1.0 / mean, 1).mean_wait_s));
  }
  SECTION("saturation") {
    CHECK(std::isinf(mg1_mean_wait(1.0, 1.0, 0.0)));
  }
}

TEST_CASE("Mean value analysis") {
  SECTION("one user sees no contention") {
    const std::vector<MvaStation> stations{{0.2}, {0.1}, {0.05, true}};
    const MvaResult r = mva(stations, 1, 1.0);
    CHECK(r.throughput_per_s == Approx(1.0 / (1.0 + 0.35)));
    CHECK(r.response_s == Approx(0.35));
  }
  SECTION("throughput approaches the bottleneck bound") {
    const std::vector<MvaStation> stations{{0.2}, {0.1}, {0.05, true}};
    const MvaResult r = mva(stations, 200, 1.0);
    CHECK(r.throughput_per_s == Approx(1.0 / 0.2).epsilon(1e-6));
    CHECK(r.throughput_per_s <= 1.0 / 0.2);
    // Little's law over the whole closed loop: every user is thinking or at a station.
    double in_stations = 0.0;
    for (const double q : r.queue_length) {
      in_stations += q;
    }
    CHECK(in_stations + r.throughput_per_s * 1.0 == Approx(200.0));
  }
  SECTION("worked example computed independently") {
    // mpmath recursion, N = 5, Z = 1, demands 0.2, 0.1 (queues) and 0.05 (delay).
    const std::vector<MvaStation> stations{{0.2}, {0.1}, {0.05, true}};
    const MvaResult r = mva(stations, 5, 1.0);
    CHECK(r.throughput_per_s == Approx(3.22331413471082).epsilon(1e-12));
    CHECK(r.response_s == Approx(0.551198484242239).epsilon(1e-12));
    REQUIRE(r.residence_s.size() == 3);
    CHECK(r.residence_s[0] == Approx(0.367761432908890).epsilon(1e-12));
    CHECK(r.residence_s[1] == Approx(0.133437051333349).epsilon(1e-12));
    CHECK(r.residence_s[2] == Approx(0.05));
    CHECK(r.queue_length[0] == Approx(1.18541062489673).epsilon(1e-12));
    CHECK(r.queue_length[1] == Approx(0.430109533656917).epsilon(1e-12));
    CHECK(r.queue_length[2] == Approx(0.161165706735541).epsilon(1e-12));
  }
  SECTION("no users") {
    const MvaResult r = mva({{0.2}}, 0, 1.0);
    CHECK(r.throughput_per_s == 0.0);
    CHECK(r.queue_length[0] == 0.0);
  }
}

TEST_CASE("Jackson tandem of M/M/1 stations") {
  CHECK(tandem_mean_response(2.0, {4.0, 3.0, 10.0}) == Approx(0.5 + 1.0 + 0.125));
  CHECK(tandem_mean_response(2.0, {5.0}) == Approx(mmc(2.0, 5.0, 1).mean_response_s));
  CHECK(std::isinf(tandem_mean_response(3.0, {4.0, 3.0})));
}
