// SQS queues driven through design files: consumers as an M/M/c against Erlang C, the FIFO send limit, and
// the loader's checks of "consume".
#include "sim/blocks/queue.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sim/experiment/model_builder.hpp"
#include "sim/theory/queueing.hpp"
#include "tests/validation/validation_support.hpp"

using namespace sdsim;
using namespace sdsim::testing;

namespace {

std::string scenario(const std::string& flow, double rate_per_s, double duration_s, double warmup_s,
                     int replications, std::uint64_t seed) {
  return R"({"duration_s": )" + std::to_string(duration_s) + R"(, "warmup_s": )" + std::to_string(warmup_s) +
         R"(, "seed": )" + std::to_string(seed) + R"(, "replications": )" + std::to_string(replications) +
         R"(, "load": {")" + flow + R"(": {"type": "open", "rate_per_s": )" + std::to_string(rate_per_s) +
         "}}}";
}

// An API sends every request's message asynchronously to queue q; `consumers` pollers run "process", a
// visit to a worker with more servers than pollers, so the pollers are the only servers that queue.
std::string producer_consumer(int consumers, double service_mean_ms) {
  return R"({"blocks": {
      "api": {"kind": "station", "servers": 1000, "service_time": {"dist": "constant", "value_ms": 0.01}},
      "q": {"kind": "queue", "consumers": )" +
         std::to_string(consumers) + R"(, "visibility_timeout_s": 1,
            "send_latency": {"dist": "constant", "value_ms": 0}},
      "worker": {"kind": "station", "servers": 1000,
                 "service_time": {"dist": "exponential", "mean_ms": )" +
         std::to_string(service_mean_ms) + R"(}}},
    "flows": {
      "produce": {"entry": "api", "calls": [{"to": "q", "op": "send", "async": true}]},
      "process": {"consume": "q", "entry": "worker"}}})";
}

struct QueueRun {
  std::vector<double> mean_wait_s;
  std::vector<double> duplicates;
};

// Runs the replications by hand, as run_experiment does, to read the queue's own statistics.
QueueRun run_queue(const std::string& design_json, const std::string& scenario_json) {
  auto design = load_design_text("design.json", design_json);
  INFO(design.diagnostics.format());
  REQUIRE(design.value);
  auto loaded = load_scenario_text("scenario.json", scenario_json);
  INFO(loaded.diagnostics.format());
  REQUIRE(loaded.value);
  const Scenario& s = *loaded.value;
  REQUIRE(check_scenario_fits(s, *design.value).empty());
  QueueRun out;
  for (std::uint32_t r = 0; r < s.replications; ++r) {
    BuiltModel model = build_model(*design.value, s, replication_seed(s.seed, r));
    Engine& engine = *model.engine;
    engine.start();
    engine.run_until(from_s(s.warmup_s));
    engine.reset_statistics();
    engine.run_until(from_s(s.warmup_s + s.duration_s));
    const Queue* queue = nullptr;
    for (BlockId b = 0; b < engine.block_count(); ++b) {
      if (engine.block(b).name() == "q") queue = dynamic_cast<const Queue*>(&engine.block(b));
    }
    REQUIRE(queue);
    QueueStats stats = queue->stats(engine.now());
    out.mean_wait_s.push_back(stats.mean_wait_s);
    out.duplicates.push_back(static_cast<double>(stats.duplicates));
  }
  return out;
}

}  // namespace

TEST_CASE("queue consumers with exponential processing wait as an M/M/c (Erlang C)", "[validation]") {
  CheckFamily checks(4);
  const double lambda = 3200, mu = 1000;  // c = 4, rho = 0.8
  const std::uint32_t c = 4;
  theory::MmcPrediction p = theory::mmc(lambda, mu, c);
  QueueRun run = run_queue(producer_consumer(c, 1), scenario("produce", lambda, 15, 1.5, 10, 41));
  checks.agrees("mean message wait, send to receive (s)", estimate_mean(run.mean_wait_s, 0.95), p.mean_wait_s,
                0, 0.1);
  for (double d : run.duplicates)
    REQUIRE(d == 0);  // processing of ms against a 1 s visibility timeout

  // The same through the reported results: messages waiting (depth minus those being processed) obey
  // Little's law against Erlang C's wait, and the consumer flow's latency is the processing time alone.
  ExperimentResult r = run_text(producer_consumer(c, 1), scenario("produce", lambda, 15, 1.5, 10, 42));
  const auto& queue = r.summary.blocks[2];
  REQUIRE(queue.kind == "queue");
  std::vector<double> waiting;
  for (const RunSummary& one : r.replications) {
    const auto& b = one.blocks[2];
    waiting.push_back(b.mean_in_system - b.utilization * c);
  }
  checks.agrees("messages waiting (Lq)", estimate_mean(waiting, 0.95), lambda * p.mean_wait_s, 0, 0.1);
  checks.agrees("consumer utilization", queue.utilization, lambda / (c * mu));
  checks.agrees("processing latency (ms)", r.summary.flows[1].latency.mean_ms, 1e3 / mu);
}

TEST_CASE("a FIFO queue throttles sends above 300 per second", "[validation]") {
  // A family of 4 checks at 95% (validation_support.hpp): two checks at each of two rates.
  CheckFamily checks(4);
  const std::string design = R"({"blocks": {"q": {"kind": "queue", "type": "fifo"}},
      "flows": {"produce": {"entry": "q", "op": "send"}}})";
  for (double rate : {600.0, 1200.0}) {
    // The warm-up empties the bucket's initial second of sends.
    ExperimentResult r = run_text(design, scenario("produce", rate, 10, 2, 10, 43));
    const auto& queue = r.summary.blocks[1];
    checks.agrees("throttled fraction", queue.rejected_fraction, 1 - 300 / rate);
    checks.agrees("producer success fraction", r.summary.flows[0].success_fraction, 300 / rate);
  }
}

TEST_CASE("the loader rejects a bad \"consume\"", "[validation]") {
  auto load = [](const std::string& flows) {
    return load_design_text("design.json", R"({"blocks": {
        "orders": {"kind": "queue"},
        "worker": {"kind": "station", "servers": 1, "service_time": {"dist": "constant", "value_ms": 1}}},
      "flows": )" + flows + "}");
  };
  auto has = [](const Diagnostics& d, const std::string& pointer, const std::string& part) {
    for (const Diagnostic& item : d.items()) {
      if (item.pointer == pointer && (item.message + " " + item.hint).find(part) != std::string::npos)
        return true;
    }
    return false;
  };
  SECTION("a misspelt queue gets a suggestion") {
    auto d = load(R"({"p": {"entry": "orders"}, "c": {"consume": "order", "entry": "worker"}})");
    INFO(d.diagnostics.format());
    CHECK_FALSE(d.value);
    CHECK(has(d.diagnostics, "/flows/c/consume", "did you mean \"orders\""));
  }
  SECTION("a block that is not a queue") {
    auto d = load(R"({"p": {"entry": "orders"}, "c": {"consume": "worker", "entry": "worker"}})");
    INFO(d.diagnostics.format());
    CHECK_FALSE(d.value);
    CHECK(has(d.diagnostics, "/flows/c/consume", "not a queue"));
  }
  SECTION("two consumer flows for one queue") {
    auto d = load(R"({"p": {"entry": "orders"}, "c": {"consume": "orders", "entry": "worker"},
                      "d": {"consume": "orders", "entry": "worker"}})");
    INFO(d.diagnostics.format());
    CHECK_FALSE(d.value);
    CHECK(has(d.diagnostics, "/flows/d/consume", "already has the consumer flow \"c\""));
  }
  SECTION("a consumer flow entering at its own queue") {
    auto d = load(R"({"p": {"entry": "orders"}, "c": {"consume": "orders", "entry": "orders"}})");
    INFO(d.diagnostics.format());
    CHECK_FALSE(d.value);
    CHECK(has(d.diagnostics, "/flows/c/entry", "enters at its own queue"));
  }
  SECTION("a load on a consumer flow") {
    auto d = load(R"({"p": {"entry": "orders"}, "c": {"consume": "orders", "entry": "worker"}})");
    INFO(d.diagnostics.format());
    REQUIRE(d.value);
    auto s = load_scenario_text("scenario.json", scenario("c", 10, 1, 0, 1, 1));
    REQUIRE(s.value);
    Diagnostics fits = check_scenario_fits(*s.value, *d.value);
    CHECK(has(fits, "/load/c", "takes no load"));
  }
}
