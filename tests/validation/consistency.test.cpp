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
//
// A quorum database (N replicas, reads of R, writes of W; last writer wins) with exponential local write
// times of mean L, no queueing and no network delay: a write commits when its W-th replica has applied it,
// and by memorylessness each of the other N - W applies it an independent Exp(L) time later. A read's first R
// answers come from R replicas drawn uniformly (i.i.d. read times far shorter than L), and it is stale only
// if none of them holds the newest write; earlier writes do not matter, since a replica keeps the newest it
// got:
//   P(stale | t) = C(N - W, R) / C(N, R) * e^(-R t / L)   (0 when R + W > N),
// the PBS t-visibility of exponential write latency with instant acknowledgements and reads.
//
// A relational database whose reads all go to its read replicas follows the table's curve with share 1: each
// replica applies the writes in order, each an Exp(L) lag after its commit at the writer.
//
// A DynamoDB global table in two regions, each taking Poisson writes of rate a per key, with a constant
// cross-region lag D: a write in one region overwrites unseen the other region's writes committed since
// both its own previous write and D before it. The time back to its own previous write is Exp(a), so each
// write loses a (1 - e^(-a D)) / a versions on average, and each region loses a (1 - e^(-a D)) per key per
// second.
//
// A cache-aside cache with a TTL holds the version its miss read from the table. That version was the newest
// at the read (strongly consistent), so the first version it misses committed after the read; the item is
// gone a TTL after the fill, so a hit's staleness age is below the TTL plus the fill's own delay after the
// read (plus the copies' lag when the read was eventually consistent).
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

ExperimentResult run_quorum(std::uint32_t n, std::uint32_t r, std::uint32_t w, const std::string& extra = "",
                            double key_count = keys, double write_rate = writes_per_s) {
  std::string db = R"({"kind": "quorum_database", "connections": 100000, "replicas": )" + std::to_string(n) +
                   R"(, "read_quorum": )" + std::to_string(r) + R"(, "write_quorum": )" + std::to_string(w) +
                   R"(, "write_time": {"dist": "exponential", "mean_ms": 20},
                     "read_time": {"dist": "exponential", "mean_ms": 0.001})" +
                   extra + "}";
  std::string design = R"({"blocks": {
      "api": {"kind": "station", "servers": 100000, "service_time": {"dist": "constant", "value_ms": 0}},
      "db": )" + db + R"(},
    "flows": {"put": {"entry": "api", "calls": [{"to": "db", "op": "write"}]},
              "get": {"entry": "api", "calls": [{"to": "db", "op": "read"}]}}})";
  std::string scenario = R"({"duration_s": 20, "warmup_s": 5, "seed": 31, "replications": 1,
      "keys": {"count": )" +
                         std::to_string(static_cast<int>(key_count)) +
                         R"(}, "load": {"put": {"type": "open", "rate_per_s": )" +
                         std::to_string(write_rate) + R"(}, "get": {"type": "open", "rate_per_s": )" +
                         std::to_string(reads_per_s) + "}}}";
  return run_text(design, scenario);
}

double choose(std::uint32_t n, std::uint32_t k) {
  if (k > n) return 0;
  double c = 1;
  for (std::uint32_t i = 1; i <= k; ++i)
    c = c * (n - k + i) / i;
  return c;
}

ExperimentResult run_cached(double ttl_s, const std::string& consistency, const std::string& lag) {
  std::string design = R"({"blocks": {
      "api": {"kind": "station", "servers": 100000, "service_time": {"dist": "constant", "value_ms": 0}},
      "cache": {"kind": "cache", "servers": 100000, "ttl_s": )" +
                       std::to_string(ttl_s) + R"(,
                "service_time": {"dist": "constant", "value_ms": 0.001}},
      "db": {"kind": "kv_database", "partitions": 100, "consistency": ")" +
                       consistency + R"(", "replication_lag": )" + lag + R"(,
             "latency": {"dist": "constant", "value_ms": 0.001}}},
    "flows": {"put": {"entry": "api", "calls": [{"to": "db", "op": "write"}]},
              "get": {"entry": "api", "calls": [
                {"to": "cache", "op": "get"},
                {"to": "db", "op": "read", "if": "miss"},
                {"to": "cache", "op": "set", "if": "miss"}]}}})";
  std::string scenario = R"({"duration_s": 30, "warmup_s": 10, "seed": 41, "replications": 1,
      "keys": {"count": 1000}, "load": {"put": {"type": "open", "rate_per_s": 100},
                                       "get": {"type": "open", "rate_per_s": 10000}}})";
  return run_text(design, scenario);
}

const ConsistencyFigures<double>& block_reads_of(const ExperimentResult& r, const std::string& block) {
  for (const ConsistencyFigures<double>& c : r.replications.at(0).read_blocks) {
    if (c.name == block) return c;
  }
  FAIL("no block " << block);
  throw;
}

const ConsistencyFigures<double>& reads_of(const ExperimentResult& r, const std::string& flow) {
  for (const ConsistencyFigures<double>& c : r.replications.at(0).read_flows) {
    if (c.name == flow) return c;
  }
  FAIL("no flow " << flow);
  throw;
}

// `share`: the reads that ask a copy that lags (2/3 for the table, 1 for reads routed to a read replica).
double stale_given(double t_ms, double lag_ms, double share = 2.0 / 3.0) {
  const double decay = std::exp(-t_ms / lag_ms);
  return share * (1 - (1 - decay) * std::exp(-lambda_per_ms * lag_ms * decay));
}

// The mean of P(stale | t) over t in [a, b) ms, t exponential of rate lambda (Simpson's rule).
template <class StaleGiven>
double bin_mean(double a, double b, StaleGiven stale_given_t) {
  constexpr int steps = 2000;
  const double h = (b - a) / steps;
  double num = 0, den = 0;
  for (int i = 0; i <= steps; ++i) {
    const double t = a + i * h;
    const double w = (i == 0 || i == steps) ? 1 : (i % 2 ? 4 : 2);
    const double density = std::exp(-lambda_per_ms * t);
    num += w * stale_given_t(t) * density;
    den += w * density;
  }
  return num / den;
}

double bin_expectation(double a, double b, double lag_ms, double share = 2.0 / 3.0) {
  return bin_mean(a, b, [&](double t) { return stale_given(t, lag_ms, share); });
}

ExperimentResult run_relational(const std::string& routing) {
  std::string design = R"({"blocks": {
      "api": {"kind": "station", "servers": 100000, "service_time": {"dist": "constant", "value_ms": 0}},
      "db": {"kind": "relational_database", "read_replicas": 2, "connections": 10000,
             "read_routing": ")" +
                       routing + R"(", "replication_lag": {"dist": "exponential", "mean_ms": 20}}},
    "flows": {"put": {"entry": "api", "calls": [{"to": "db", "op": "write"}]},
              "get": {"entry": "api", "calls": [{"to": "db", "op": "read"}]}}})";
  std::string scenario = R"({"duration_s": 20, "warmup_s": 5, "seed": 37, "replications": 1,
      "keys": {"count": )" +
                         std::to_string(static_cast<int>(keys)) +
                         R"(}, "load": {"put": {"type": "open", "rate_per_s": )" +
                         std::to_string(writes_per_s) + R"(}, "get": {"type": "open", "rate_per_s": )" +
                         std::to_string(reads_per_s) + "}}}";
  return run_text(design, scenario);
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

TEST_CASE("Quorum reads with R + W <= N are stale as the PBS model predicts", "[validation][consistency]") {
  constexpr double write_ms = 20;
  struct Setup {
    std::uint32_t n, r, w;
  };
  const Setup setups[] = {{3, 1, 1}, {3, 2, 1}, {3, 1, 2}};
  struct Check {
    std::string what;
    double reads, stale, p;
  };
  std::vector<Check> checks;
  for (const Setup& s : setups) {
    auto result = run_quorum(s.n, s.r, s.w);
    const ConsistencyFigures<double>& get = reads_of(result, "get");
    REQUIRE(get.reads > 0.9 * reads_per_s * 20);
    const double missed = choose(s.n - s.w, s.r) / choose(s.n, s.r);
    auto stale_at = [&](double t) { return missed * std::exp(-static_cast<double>(s.r) * t / write_ms); };
    for (const VisibilityBin<double>& bin : get.visibility) {
      if (!std::isfinite(bin.to_ms)) continue;
      const double p = bin_mean(bin.from_ms, bin.to_ms, stale_at);
      if (bin.reads * p < 10 || bin.reads * (1 - p) < 10) continue;
      checks.push_back(Check{"N " + std::to_string(s.n) + " R " + std::to_string(s.r) + " W " +
                                 std::to_string(s.w) + ", " + std::to_string(bin.from_ms) + "-" +
                                 std::to_string(bin.to_ms) + " ms",
                             bin.reads, 1 - bin.fresh_fraction, p});
    }
  }
  REQUIRE(checks.size() >= 12);  // every setup's fall, 0 to 20 ms at least
  const double z = inverse_normal_cdf(1 - 0.05 / (2.0 * static_cast<double>(checks.size())));
  for (const Check& c : checks) {
    const double half_width = z * std::sqrt(c.p * (1 - c.p) / c.reads);
    INFO(c.what << ": " << c.reads << " reads, stale " << c.stale << ", theory " << c.p << " ± "
                << half_width);
    CHECK(std::abs(c.stale - c.p) <= half_width);
  }
}

TEST_CASE("Quorum reads with R + W > N never return a stale committed value", "[validation][consistency]") {
  // 100 keys written 100 times a second each, while writes take 20 ms on average to apply: most reads overlap
  // a write in flight, and replicas disagree most of the time.
  auto stale_of = [](std::uint32_t n, std::uint32_t r, std::uint32_t w) {
    auto result = run_quorum(n, r, w, "", 100, 10'000);
    const ConsistencyFigures<double>& get = reads_of(result, "get");
    REQUIRE(get.reads > 0.9 * reads_per_s * 20);
    return get.stale;
  };
  SECTION("R + W > N") {
    CHECK(stale_of(3, 2, 2) == 0);
    CHECK(stale_of(3, 1, 3) == 0);
    CHECK(stale_of(5, 2, 4) == 0);
  }
  SECTION("while the same load with R + W = N is often stale") {
    CHECK(stale_of(3, 1, 2) > 1000);
    CHECK(stale_of(5, 2, 3) > 1000);
  }
}

TEST_CASE("Read repair brings the replicas a read found behind up to date", "[validation][consistency]") {
  // 10 hot keys read 1000 times a second each: a replica behind is soon asked again, and repaired.
  auto stale_fraction = [](const std::string& repair) {
    auto result = run_quorum(3, 2, 1, repair, 10, 100);
    return reads_of(result, "get").stale_fraction;
  };
  const double without = stale_fraction("");
  const double with = stale_fraction(R"(, "read_repair": true)");
  INFO("stale without repair " << without << ", with " << with);
  CHECK(without > 0.01);
  CHECK(with < 0.5 * without);
}

TEST_CASE("Reads at a relational read replica follow its replication lag; reads at the writer are fresh",
          "[validation][consistency]") {
  constexpr double lag_ms = 20;
  SECTION("routed to the replicas") {
    auto r = run_relational("replicas");
    const ConsistencyFigures<double>& get = reads_of(r, "get");
    REQUIRE(get.reads > 0.9 * reads_per_s * 20);
    std::vector<std::size_t> checked;
    for (std::size_t b = 0; b < get.visibility.size(); ++b) {
      const VisibilityBin<double>& bin = get.visibility[b];
      if (!std::isfinite(bin.to_ms)) continue;
      const double p = bin_expectation(bin.from_ms, bin.to_ms, lag_ms, 1);
      if (bin.reads * p >= 10 && bin.reads * (1 - p) >= 10) checked.push_back(b);
    }
    REQUIRE(checked.size() >= 6);
    const double z = inverse_normal_cdf(1 - 0.05 / (2.0 * static_cast<double>(checked.size())));
    for (std::size_t b : checked) {
      const VisibilityBin<double>& bin = get.visibility[b];
      const double p = bin_expectation(bin.from_ms, bin.to_ms, lag_ms, 1);
      const double half_width = z * std::sqrt(p * (1 - p) / bin.reads);
      INFO("bin " << bin.from_ms << "-" << bin.to_ms << " ms: " << bin.reads << " reads, stale "
                  << 1 - bin.fresh_fraction << ", theory " << p << " ± " << half_width);
      CHECK(std::abs((1 - bin.fresh_fraction) - p) <= half_width);
    }
  }
  SECTION("routed to the writer") {
    auto r = run_relational("writer");
    const ConsistencyFigures<double>& get = reads_of(r, "get");
    REQUIRE(get.reads > 0.9 * reads_per_s * 20);
    REQUIRE(get.visibility[0].reads > 50);
    CHECK(get.stale == 0);
  }
}

TEST_CASE("A TTL cache's staleness never exceeds its TTL, and grows with it", "[validation][consistency]") {
  // The fill (a cache set of 0.001 ms) follows the table's read at once: its delay bounds the excess.
  constexpr double fill_ms = 0.001;
  SECTION("filled from strongly consistent reads") {
    double previous = 0;
    for (double ttl_s : {0.1, 1.0, 5.0}) {
      auto r = run_cached(ttl_s, "strong", R"({"dist": "constant", "value_ms": 20})");
      const ConsistencyFigures<double>& hits = block_reads_of(r, "cache");
      INFO("TTL " << ttl_s << " s: " << hits.reads << " hits judged, stale " << hits.stale_fraction
                  << ", oldest " << hits.age.max_ms << " ms");
      REQUIRE(hits.reads > 10'000);
      REQUIRE(hits.stale > 100);
      CHECK(hits.age.max_ms <= ttl_s * 1000 + fill_ms + 1e-9);
      // Strong reads at the table are never stale: every stale read of the flow was a cache hit.
      CHECK(block_reads_of(r, "db").stale == 0);
      CHECK(reads_of(r, "get").stale == hits.stale);
      CHECK(hits.stale_fraction > previous);
      previous = hits.stale_fraction;
    }
  }
  SECTION("filled from eventually consistent reads, the copies' lag adds to the bound") {
    auto r = run_cached(0.1, "eventual", R"({"dist": "constant", "value_ms": 20})");
    const ConsistencyFigures<double>& hits = block_reads_of(r, "cache");
    REQUIRE(hits.stale > 100);
    CHECK(hits.age.max_ms <= 100 + 20 + fill_ms + 1e-9);
  }
}

TEST_CASE("Closed-loop users see their own writes only where the reads guarantee it",
          "[validation][consistency]") {
  // 50 users over 20 keys, each request a read or a write (half each) 5 ms after the last: a user often
  // reads a key it wrote a few ms before, while the copies lag 20 ms behind the leader.
  auto run = [](const std::string& consistency, const std::string& load_type) {
    std::string design = R"({"blocks": {
        "api": {"kind": "station", "servers": 100000, "service_time": {"dist": "constant", "value_ms": 0}},
        "db": {"kind": "kv_database", "partitions": 100, "consistency": ")" +
                         consistency + R"(", "replication_lag": {"dist": "constant", "value_ms": 20}}},
      "flows": {"put": {"entry": "api", "calls": [{"to": "db", "op": "write"}]},
                "get": {"entry": "api", "calls": [{"to": "db", "op": "read"}]}}})";
    std::string load =
        load_type == "closed"
            ? R"({"type": "closed", "users": 50, "think_time": {"dist": "constant", "value_ms": 5},
                                "mix": {"put": 0.5, "get": 0.5}})"
            : R"({"type": "open", "rate_per_s": 10000, "mix": {"put": 0.5, "get": 0.5}})";
    std::string scenario = R"({"duration_s": 10, "warmup_s": 1, "seed": 43, "replications": 1,
        "keys": {"count": 20}, "load": {"users": )" +
                           load + "}}";
    return run_text(design, scenario);
  };
  auto total = [](const ExperimentResult& r, double ConsistencyFigures<double>::*figure) {
    double sum = 0;
    for (const ConsistencyFigures<double>& c : r.replications.at(0).read_flows)
      sum += c.*figure;
    return sum;
  };
  using F = ConsistencyFigures<double>;
  SECTION("eventually consistent reads break both guarantees") {
    auto r = run("eventual", "closed");
    REQUIRE(total(r, &F::session_reads) > 10'000);
    CHECK(total(r, &F::read_your_writes_violations) > 100);
    CHECK(total(r, &F::monotonic_read_violations) > 20);
    CHECK(total(r, &F::read_your_writes_violations) <= total(r, &F::stale));
  }
  SECTION("strongly consistent reads keep both") {
    auto r = run("strong", "closed");
    REQUIRE(total(r, &F::session_reads) > 10'000);
    CHECK(total(r, &F::read_your_writes_violations) == 0);
    CHECK(total(r, &F::monotonic_read_violations) == 0);
  }
  SECTION("open-loop requests belong to no session") {
    auto r = run("eventual", "open");
    REQUIRE(total(r, &F::stale) > 100);
    CHECK(total(r, &F::session_reads) == 0);
  }
}

TEST_CASE("Concurrent writes to a global table in two regions lose updates as last writer wins predicts",
          "[validation][consistency]") {
  constexpr double key_count = 1000, rate_per_region = 1000, lag_s = 0.2, measured_s = 10;
  std::string table = R"("kind": "kv_database", "partitions": 100, "global_table": "profiles",
                         "cross_region_lag": {"dist": "constant", "value_ms": 200})";
  std::string design = R"({"blocks": {
      "api": {"kind": "station", "servers": 100000, "service_time": {"dist": "constant", "value_ms": 0}},
      "east": {)" + table +
                       R"(}, "west": {)" + table + R"(}},
    "flows": {"put_east": {"entry": "api", "calls": [{"to": "east", "op": "write"}]},
              "put_west": {"entry": "api", "calls": [{"to": "west", "op": "write"}]},
              "get_west": {"entry": "api", "calls": [{"to": "west", "op": "read"}]}}})";
  const std::string rate = std::to_string(rate_per_region);
  std::string scenario = R"({"duration_s": 10, "warmup_s": 2, "seed": 47, "replications": 5,
      "keys": {"count": 1000}, "load": {"put_east": {"type": "open", "rate_per_s": )" +
                         rate + R"(}, "put_west": {"type": "open", "rate_per_s": )" + rate +
                         R"(}, "get_west": {"type": "open", "rate_per_s": 1000}}})";
  auto r = run_text(design, scenario);
  const double a = rate_per_region / key_count;
  const double per_region = key_count * a * (1 - std::exp(-a * lag_s)) * measured_s;
  CheckFamily family(2);
  for (const ConsistencyFigures<Estimate>& c : r.summary.read_flows) {
    if (c.name == "put_east" || c.name == "put_west")
      family.agrees(c.name.c_str(), c.lost_updates, per_region);
    if (c.name == "get_west") {
      // Reads in the west see the east's writes only 200 ms late: a read within 200 ms of an east write
      // (and of no later west write) is stale, even at the west's leader.
      CHECK(c.stale.mean > 0);
      CHECK(c.lost_updates.mean == 0);
    }
  }
}

TEST_CASE("Sticky sessions at a relational database keep read-your-writes and monotonic reads",
          "[validation][consistency]") {
  // 50 users over 5 rows, a read (80%) or a write (20%) an exponential 20 ms after the last answer; three
  // replicas lag an exponential 20 ms. Round robin reads break both guarantees; sticky ones never do, even
  // when the writer fails over to a replica (a session pinned to it moves to the writer) and a zone with a
  // replica loses power (Aurora's shared volume loses no write).
  auto run = [](const std::string& session, const std::string& faults = "") {
    std::string design = R"({"regions": {"us-east-1": ["use1-az1", "use1-az2", "use1-az3"]}, "blocks": {
        "api": {"kind": "station", "servers": 100000, "service_time": {"dist": "constant", "value_ms": 0}},
        "db": {"kind": "relational_database", "read_replicas": 3, "failover_s": 1, "session": ")" +
                         session + R"(", "replication_lag": {"dist": "exponential", "mean_ms": 20}}},
      "flows": {"put": {"entry": "api", "calls": [{"to": "db", "op": "write"}]},
                "get": {"entry": "api", "calls": [{"to": "db", "op": "read"}]}}})";
    std::string scenario = R"({"duration_s": 10, "warmup_s": 1, "seed": 47, "replications": 1,
        "keys": {"count": 5}, "load": {"users": {"type": "closed", "users": 50,
          "think_time": {"dist": "exponential", "mean_ms": 20}, "mix": {"put": 0.2, "get": 0.8}}})" +
                           faults + "}";
    return run_text(design, scenario);
  };
  SECTION("round robin") {
    const ExperimentResult r = run("any");
    const ConsistencyFigures<double>& get = reads_of(r, "get");
    REQUIRE(get.session_reads > 10'000);
    CHECK(get.read_your_writes_violations > 100);
    CHECK(get.monotonic_read_violations > 100);
  }
  SECTION("sticky") {
    const ExperimentResult r = run("sticky");
    const ConsistencyFigures<double>& get = reads_of(r, "get");
    REQUIRE(get.session_reads > 10'000);
    CHECK(get.read_your_writes_violations == 0);
    CHECK(get.monotonic_read_violations == 0);
  }
  SECTION("sticky through a failover and a zone outage") {
    const ExperimentResult r =
        run("sticky", R"(, "faults": [{"type": "writer_failover", "block": "db", "start_s": 3},
            {"type": "az_power_interruption", "zone": "use1-az3", "start_s": 6, "duration_s": 2}])");
    const ConsistencyFigures<double>& get = reads_of(r, "get");
    REQUIRE(get.session_reads > 10'000);
    REQUIRE(get.stale > 0);
    CHECK(get.read_your_writes_violations == 0);
    CHECK(get.monotonic_read_violations == 0);
  }
}
