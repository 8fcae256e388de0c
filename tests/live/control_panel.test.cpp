// Model commands applied to a running model at set simulated times (through a replayed command log): their
// effect against queueing theory, and their refusals.
#include "live/control_panel.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "live/replay_steering.hpp"
#include "live_test_support.hpp"
#include "sim/experiment/experiment.hpp"

using namespace sdsim;
using namespace sdsim::live;

namespace {

struct Replayed {
  RunSummary summary;
  std::vector<std::string> problems;
};

Replayed replay(const live_test::Model& m, std::vector<LoggedCommand> commands) {
  ReplaySteering steering(m.design, m.scenario, CommandLog{"", "", 0, std::move(commands)});
  RunSummary summary =
      run_once(m.design, m.scenario, replication_seed(m.scenario.seed, 0), {}, nullptr, nullptr, &steering);
  return {std::move(summary), steering.problems()};
}

bool mentions(const std::vector<std::string>& problems, const std::string& part) {
  return problems.size() == 1 && problems[0].find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("A load command changes an open load's Poisson rate from its time on") {
  // M/M/1 at 80/s for 100 s, set to 40/s at 0: the completions are Poisson(40 x 100), sd 63.
  const auto m = live_test::load_model("mm1.json", "mm1-rho-0.8.json", 100);
  const Replayed r = replay(m, {{0, "load requests 40"}});
  CHECK(r.problems.empty());
  CHECK(std::abs(r.summary.flows[0].throughput_per_s - 40) < 4 * std::sqrt(4000.0) / 100);
  // Half way: 40/s then 80/s, 6000 expected.
  const Replayed half = replay(m, {{0, "load requests 40"}, {from_s(50), "set load/requests/rate_per_s=80"}});
  CHECK(half.problems.empty());
  CHECK(std::abs(half.summary.flows[0].throughput_per_s - 60) < 4 * std::sqrt(6000.0) / 100);
}

TEST_CASE("An injected fault acts from its time, and clear ends it") {
  // A brownout refusing every call for the second half of the run: half the requests fail (binomial sd
  // 0.008 on 4000 requests per half).
  const auto m = live_test::load_model("mm1.json", "mm1-rho-0.8.json", 100);
  const Replayed r = replay(m, {{from_s(50), "brownout server 1 1"}});
  CHECK(r.problems.empty());
  const auto& f = r.summary.flows[0];
  CHECK(std::abs(f.success_fraction - 0.5) < 0.04);
  // The same fault from 0, cleared at 50.
  const Replayed cleared = replay(m, {{0, "brownout server 1 1"}, {from_s(50), "clear 0"}});
  CHECK(cleared.problems.empty());
  CHECK(std::abs(cleared.summary.flows[0].success_fraction - 0.5) < 0.04);
}

TEST_CASE("Model commands are checked against the design with the scenario files' validation") {
  const auto m = live_test::load_model("url-shortener.json", "url-shortener-steady.json", 2);
  CHECK(mentions(replay(m, {{0, "fail zone use1-az9"}}).problems, "use1-az1, use1-az2, use1-az3"));
  CHECK(mentions(replay(m, {{0, "load redirec 10"}}).problems, "did you mean 'redirect'"));
  CHECK(mentions(replay(m, {{0, "brownout nothing 2"}}).problems, "nothing"));
  CHECK(mentions(replay(m, {{0, "brownout api 0.5"}}).problems, "slowdown"));
  CHECK(mentions(replay(m, {{0, "failover api"}}).problems, "api"));
  CHECK(
      mentions(replay(m, {{0, "set blocks/api/instances=3"}}).problems, "cannot change in a running model"));
  CHECK(mentions(replay(m, {{0, "clear 0"}}).problems, "no fault 0"));
  CHECK(mentions(replay(m, {{0, "fail zone use1-az1"}, {1, "fail zone use1-az1 1"}}).problems,
                 "already in force; clear it first (clear 0)"));
  CHECK(mentions(replay(m, {{0, "terminate api 1"}, {1, "clear 0"}}).problems, "not in force"));
  CHECK(mentions(replay(m, {{0, "pause"}}).problems, "does not change the model"));
}
