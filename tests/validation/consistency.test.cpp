// Consistency of a DynamoDB-like table, judged read by read. Each item has 3 copies; a write commits at the
// leader and reaches each of the 2 followers after an independent replication lag of mean L; an eventually
// consistent read asks one of the 3 copies at random. The leader is always fresh, so a read t after the key's
// newest write is stale when it asks a follower (2/3) that has not yet applied that write. With exponential
// lags and writes to a key a Poisson stream of rate lambda (replication is in order, so an earlier write
// still in flight holds the newest one back too):
//   P(stale | t) = 2/3 * (1 - (1 - e^(-t/L)) * exp(-lambda L e^(-t/L))),
// which is (2/3) e^(-t/L) as lambda L -> 0. Reads and writes arrive as independent Poisson streams over
// uniform keys, so the time since a read's key was last written is exponential of rate lambda; each bin of
// the t-visibility curve is compared with the mean of P(stale | t) over that distribution within the bin,
// inside a binomial confidence interval, Bonferroni-corrected over the bins checked.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "sim/core/distribution.hpp"
#include "tests/validation/validation_support.hpp"

using namespace sdsim;
using namespace sdsim::testing;

namespace {

constexpr double keys = 10'000;
constexpr double writes_per_s = 10'000;
constexpr double reads_per_s = 10'000;
constexpr double lambda_per_ms = writes_per_s / keys / 1000;  // writes per key per ms

ExperimentResult run_table(const std::string& lag, const std::string& consistency) {
  // 100 partitions keep every partition far below its 1000 WCU/s: nothing is throttled.
  std::string design = R"({"blocks": {
      "api": {"kind": "station", "servers": 100000, "service_time": {"dist": "constant", "value_ms": 0}},
      "db": {"kind": "kv_database", "partitions": 100, "consistency": ")" +
                       consistency + R"(", "replication_lag": )" + lag + R"(}},
    "flows": {"put": {"entry": "api", "calls": [{"to": "db", "op": "write"}]},
              "get": {"entry": "api", "calls": [{"to": "db", "op": "read"}]}}})";
  std::string scenario = R"({"duration_s": 20, "warmup_s": 5, "seed": 29, "replications": 1,
      "keys": {"count": )" +
                         std::to_string(static_cast<int>(keys)) +
                         R"(}, "load": {"put": {"type": "open", "rate_per_s": )" +
                         std::to_string(writes_per_s) + R"(}, "get": {"type": "open", "rate_per_s": )" +
                         std::to_string(reads_per_s) + "}}}";
  return run_text(design, scenario);
}

const ConsistencyFigures<double>& reads_of(const ExperimentResult& r, const std::string& flow) {
  for (const ConsistencyFigures<double>& c : r.replications.at(0).read_flows) {
    if (c.name == flow) return c;
  }
  FAIL("no flow " << flow);
  throw;
}

double stale_given(double t_ms, double lag_ms) {
  const double decay = std::exp(-t_ms / lag_ms);
  return 2.0 / 3.0 * (1 - (1 - decay) * std::exp(-lambda_per_ms * lag_ms * decay));
}

// The mean of P(stale | t) over t in [a, b) ms, t exponential of rate lambda (Simpson's rule).
double bin_expectation(double a, double b, double lag_ms) {
  constexpr int steps = 2000;
  const double h = (b - a) / steps;
  double num = 0, den = 0;
  for (int i = 0; i <= steps; ++i) {
    const double t = a + i * h;
    const double w = (i == 0 || i == steps) ? 1 : (i % 2 ? 4 : 2);
    const double density = std::exp(-lambda_per_ms * t);
    num += w * stale_given(t, lag_ms) * density;
    den += w * density;
  }
  return num / den;
}

}  // namespace

TEST_CASE("Eventually consistent reads follow the t-visibility curve of exponential replication lag",
          "[validation][consistency]") {
  constexpr double lag_ms = 20;
  auto r = run_table(R"({"dist": "exponential", "mean_ms": 20})", "eventual");
  const ConsistencyFigures<double>& get = reads_of(r, "get");
  REQUIRE(get.reads > 0.9 * reads_per_s * 20);
  // Which bins hold enough reads for a normal approximation of their binomial count (decided before any
  // comparison): both the stale and the fresh count expected at least 10.
  std::vector<std::size_t> checked;
  for (std::size_t b = 0; b < get.visibility.size(); ++b) {
    const VisibilityBin<double>& bin = get.visibility[b];
    if (!std::isfinite(bin.to_ms)) continue;
    const double p = bin_expectation(bin.from_ms, bin.to_ms, lag_ms);
    if (bin.reads * p >= 10 && bin.reads * (1 - p) >= 10) checked.push_back(b);
  }
  REQUIRE(checked.size() >= 6);  // 0 to 50 ms at least: the curve's whole fall
  // Bonferroni: each bin at 1 - 0.05 / m, so that all m hold together with probability >= 95%. Reads of one
  // key after one write share its lags, which correlates them a little; at 1 read per key per s against a
  // 20 ms lag, few reads share one.
  const double z = inverse_normal_cdf(1 - 0.05 / (2.0 * static_cast<double>(checked.size())));
  for (std::size_t b : checked) {
    const VisibilityBin<double>& bin = get.visibility[b];
    const double p = bin_expectation(bin.from_ms, bin.to_ms, lag_ms);
    const double stale = 1 - bin.fresh_fraction;
    const double half_width = z * std::sqrt(p * (1 - p) / bin.reads);
    INFO("bin " << bin.from_ms << "-" << bin.to_ms << " ms: " << bin.reads << " reads, stale " << stale
                << ", theory " << p << " ± " << half_width
                << " (first-order (2/3) e^(-t/L) at the bin's start "
                << 2.0 / 3.0 * std::exp(-bin.from_ms / lag_ms) << ")");
    CHECK(std::abs(stale - p) <= half_width);
  }
  // Whole-run figures hang together: stale reads miss at least one version, and the age is below the time
  // since the write only when a later write was missed.
  CHECK(get.stale > 0);
  CHECK(get.versions_behind_mean >= 1);
  CHECK(get.age.count == get.stale);
}

TEST_CASE("Strongly consistent reads go to the leader and are never stale", "[validation][consistency]") {
  auto r = run_table(R"({"dist": "exponential", "mean_ms": 20})", "strong");
  const ConsistencyFigures<double>& get = reads_of(r, "get");
  REQUIRE(get.reads > 0.9 * reads_per_s * 20);
  REQUIRE(get.visibility[0].reads > 50);  // reads right after a write were made
  CHECK(get.stale == 0);
  CHECK(get.stale_fraction == 0);
  for (const VisibilityBin<double>& bin : get.visibility) {
    if (bin.reads > 0) CHECK(bin.fresh_fraction == 1);
  }
}

TEST_CASE("With a constant lag, staleness never exceeds the lag and ends exactly when it has passed",
          "[validation][consistency]") {
  // Every follower applies a write exactly 20 ms after its commit: a read within 20 ms of the write is stale
  // exactly when it asks a follower (probability 2/3, independently per read), and fresh after.
  auto r = run_table(R"({"dist": "constant", "value_ms": 20})", "eventual");
  const ConsistencyFigures<double>& get = reads_of(r, "get");
  REQUIRE(get.stale > 0);
  CHECK(get.age.max_ms <= 20);
  CHECK(get.versions_behind_max >= 1);  // more than 1 when a key was written twice within 20 ms
  std::size_t early = 0;
  double z = inverse_normal_cdf(1 - 0.05 / (2.0 * 5));  // the 5 bins below 20 ms
  for (const VisibilityBin<double>& bin : get.visibility) {
    if (bin.to_ms <= 20) {
      ++early;
      REQUIRE(bin.reads > 50);
      const double half_width = z * std::sqrt(2.0 / 9.0 / bin.reads);
      INFO("bin " << bin.from_ms << "-" << bin.to_ms << " ms: " << bin.reads << " reads");
      CHECK(std::abs((1 - bin.fresh_fraction) - 2.0 / 3.0) <= half_width);
    } else if (bin.reads > 0) {
      CHECK(bin.fresh_fraction == 1);
    }
  }
  CHECK(early == 5);
}
