// Open queueing models against their closed forms. Rates are per second, times in ms in the JSON.
#include <catch2/catch.hpp>

#include "sim/theory/queueing.hpp"
#include "tests/validation/validation_support.hpp"

using namespace sdsim;
using namespace sdsim::testing;

namespace {

std::string open_scenario(double rate_per_s, double duration_s, int replications, std::uint64_t seed) {
  return R"({"duration_s": )" + std::to_string(duration_s) + R"(, "warmup_s": )" +
         std::to_string(duration_s / 10) + R"(, "seed": )" + std::to_string(seed) + R"(, "replications": )" +
         std::to_string(replications) + R"(, "load": {"requests": {"type": "open", "rate_per_s": )" +
         std::to_string(rate_per_s) + "}}}";
}

std::string single_station(int servers, const std::string& service, const std::string& extra = "") {
  return R"({"blocks": {"s": {"kind": "station", "servers": )" + std::to_string(servers) + extra +
         R"(, "service_time": )" + service + R"(}}, "flows": {"requests": {"entry": "s"}}})";
}

}  // namespace

TEST_CASE("M/M/1 mean and p99 response time match theory", "[validation]") {
  CheckFamily checks(4);
  const double lambda = 800, mu = 1000;  // rho = 0.8
  auto r = run_text(single_station(1, R"({"dist": "exponential", "mean_ms": 1})"),
                    open_scenario(lambda, 250, 10, 11));
  const auto& flow = r.summary.flows[0];
  theory::MmcPrediction p = theory::mmc(lambda, mu, 1);
  checks.agrees("mean response (ms)", flow.latency.mean_ms, p.mean_response_s * 1e3);
  checks.percentile("p99 response (ms)", flow.latency.p99_ms,
                    theory::mmc_response_quantile(lambda, mu, 1, 0.99) * 1e3);
  checks.percentile("p50 response (ms)", flow.latency.p50_ms,
                    theory::mmc_response_quantile(lambda, mu, 1, 0.5) * 1e3);
  checks.agrees("utilization", r.summary.blocks[1].utilization, p.utilization);
  check_littles_law(r.summary);
}

TEST_CASE("M/M/c at utilization 0.9 matches Erlang C", "[validation]") {
  CheckFamily checks(5);
  const double lambda = 7200, mu = 1000;  // c = 8, rho = 0.9
  auto r = run_text(single_station(8, R"({"dist": "exponential", "mean_ms": 1})"),
                    open_scenario(lambda, 60, 10, 12));
  const auto& station = r.summary.blocks[1];
  theory::MmcPrediction p = theory::mmc(lambda, mu, 8);
  checks.agrees("P(wait) = Erlang C", station.p_wait, p.p_wait);
  checks.agrees("mean wait (ms)", station.wait.mean_ms, p.mean_wait_s * 1e3, 0, 0.1);
  checks.agrees("mean response (ms)", r.summary.flows[0].latency.mean_ms, p.mean_response_s * 1e3);
  checks.percentile("p99 response (ms)", r.summary.flows[0].latency.p99_ms,
                    theory::mmc_response_quantile(lambda, mu, 8, 0.99) * 1e3);
  checks.agrees("mean number in system", station.mean_in_system, p.mean_in_system, 0, 0.1);
  check_littles_law(r.summary);
}

TEST_CASE("M/D/1 waiting time matches Pollaczek-Khinchine", "[validation]") {
  CheckFamily checks(2);
  const double lambda = 800;  // constant 1 ms service, rho = 0.8
  auto r = run_text(single_station(1, R"({"dist": "constant", "value_ms": 1})"),
                    open_scenario(lambda, 250, 10, 13));
  double wait_ms = theory::mg1_mean_wait(lambda, 1e-3, 0) * 1e3;  // 2 ms
  checks.agrees("mean wait (ms)", r.summary.blocks[1].wait.mean_ms, wait_ms);
  checks.agrees("mean response (ms)", r.summary.flows[0].latency.mean_ms, wait_ms + 1);
  check_littles_law(r.summary);
}

TEST_CASE("M/G/1 with lognormal service matches Pollaczek-Khinchine", "[validation]") {
  const double lambda = 150;  // lognormal p50 2 ms, p99 10 ms: mean about 2.5 ms, rho about 0.38
  Distribution service = Distribution::lognormal(2e6, 10e6);
  auto r = run_text(single_station(1, R"({"dist": "lognormal", "p50_ms": 2, "p99_ms": 10})"),
                    open_scenario(lambda, 1000, 10, 14));
  double wait_ms =
      theory::mg1_mean_wait(lambda, service.mean_ns() * 1e-9, service.variance_ns2() * 1e-18) * 1e3;
  check_agrees("mean wait (ms)", r.summary.blocks[1].wait.mean_ms, wait_ms, 0, 0.1);
  check_littles_law(r.summary);
}

TEST_CASE("M/M/c/c loss system rejects Erlang B of arrivals", "[validation]") {
  CheckFamily checks(2);
  const double lambda = 8000;  // 8 erlangs on 10 servers with no waiting room
  auto r =
      run_text(single_station(10, R"({"dist": "exponential", "mean_ms": 1})", R"(, "queue_capacity": 0)"),
               open_scenario(lambda, 30, 10, 15));
  checks.agrees("blocking probability", r.summary.blocks[1].rejected_fraction, theory::erlang_b(10, 8.0));
  checks.agrees("flow failure fraction", r.summary.flows[0].success_fraction, 1 - theory::erlang_b(10, 8.0));
  // Nobody waits in a loss system.
  REQUIRE(r.summary.blocks[1].p_wait.mean == 0.0);
  check_littles_law(r.summary);
}

TEST_CASE("A three-station tandem matches the Jackson network sum", "[validation]") {
  // A family of 4 checks at 95% (validation_support.hpp): end to end and each of the three stations.
  CheckFamily checks(4);
  const double lambda = 1000;
  auto design = R"({"blocks": {
      "a": {"kind": "station", "service_time": {"dist": "exponential", "mean_ms": 0.8}, "next": [{"to": "b"}]},
      "b": {"kind": "station", "service_time": {"dist": "exponential", "mean_ms": 0.6666666666666666},
            "next": [{"to": "c"}]},
      "c": {"kind": "station", "service_time": {"dist": "exponential", "mean_ms": 0.5}}},
    "flows": {"requests": {"entry": "a"}}})";
  auto r = run_text(design, open_scenario(lambda, 200, 10, 16));
  double expected_ms = theory::tandem_mean_response(lambda, {1250, 1500, 2000}) * 1e3;  // 4 + 2 + 1 = 7 ms
  checks.agrees("end-to-end mean (ms)", r.summary.flows[0].latency.mean_ms, expected_ms);
  const double per_station_ms[] = {4, 2, 1};
  for (int i = 0; i < 3; ++i) {
    checks.agrees("station mean sojourn (ms)", r.summary.blocks[1 + i].sojourn.mean_ms, per_station_ms[i]);
  }
  check_littles_law(r.summary);
}

TEST_CASE("Probabilistic routing with feedback matches the Jackson traffic equations", "[validation]") {
  CheckFamily checks(5);
  // api sends 40% of its departures to db, and db always returns them to api (a Jackson network with
  // feedback). Traffic equations: lambda_api = 400 + lambda_db, lambda_db = 0.4 lambda_api, so 666.7/s and
  // 266.7/s.
  const double lambda = 400;
  auto design = R"({"blocks": {
      "api": {"kind": "station", "service_time": {"dist": "exponential", "mean_ms": 1}, "next": [{"to": "db", "p": 0.4}]},
      "db": {"kind": "station", "service_time": {"dist": "exponential", "mean_ms": 2}, "next": [{"to": "api"}]}},
    "flows": {"requests": {"entry": "api"}}})";
  auto r = run_text(design, open_scenario(lambda, 300, 10, 17));
  double lambda_api = lambda / 0.6, lambda_db = 0.4 * lambda_api;
  double sojourn_api = 1 / (1000 - lambda_api), sojourn_db = 1 / (500 - lambda_db);
  // Mean visits per request: api 1/0.6, db 0.4/0.6.
  double expected_ms = (sojourn_api / 0.6 + sojourn_db * 0.4 / 0.6) * 1e3;
  checks.agrees("api throughput (/s)", r.summary.blocks[1].throughput_per_s, lambda_api);
  checks.agrees("db throughput (/s)", r.summary.blocks[2].throughput_per_s, lambda_db);
  checks.agrees("api sojourn (ms)", r.summary.blocks[1].sojourn.mean_ms, sojourn_api * 1e3);
  checks.agrees("db sojourn (ms)", r.summary.blocks[2].sojourn.mean_ms, sojourn_db * 1e3);
  checks.agrees("end-to-end mean (ms)", r.summary.flows[0].latency.mean_ms, expected_ms);
  check_littles_law(r.summary);
}
