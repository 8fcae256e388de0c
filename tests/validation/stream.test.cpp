// Kinesis-like streams driven through design files: shard consumers serve min(arrival, service rate), the
// iterator age grows at (arrival - service) / arrival when they cannot keep up, a hot key throttles its shard
// at 1,000 records/s, and a backlog older than the retention period is lost.
#include "sim/blocks/stream.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sim/core/key_sampler.hpp"
#include "sim/core/rng.hpp"
#include "sim/experiment/model_builder.hpp"
#include "tests/validation/validation_support.hpp"

using namespace sdsim;
using namespace sdsim::testing;

namespace {

std::string scenario(double rate_per_s, double duration_s, double warmup_s, int replications,
                     std::uint64_t seed, const std::string& keys = "") {
  return R"({"duration_s": )" + std::to_string(duration_s) + R"(, "warmup_s": )" + std::to_string(warmup_s) +
         R"(, "seed": )" + std::to_string(seed) + R"(, "replications": )" + std::to_string(replications) +
         (keys.empty() ? "" : R"(, "keys": )" + keys) +
         R"(, "load": {"produce": {"type": "open", "rate_per_s": )" + std::to_string(rate_per_s) + "}}}";
}

// Producers put into stream s; "process" runs each record at a worker with servers to spare, so each
// shard's single worker is the only server that queues.
std::string producer_consumer(int shards, const std::string& service, const std::string& extra = "") {
  return R"({"blocks": {
      "s": {"kind": "stream", "preset": "aws.kinesis.provisioned", "shards": )" +
         std::to_string(shards) + extra + R"(},
      "worker": {"kind": "station", "servers": 100000, "service_time": )" +
         service + R"(}},
    "flows": {
      "produce": {"entry": "s", "op": "send"},
      "process": {"consume": "s", "entry": "worker"}}})";
}

const std::string exponential_5ms = R"({"dist": "exponential", "mean_ms": 5})";

struct StreamSamples {
  std::vector<StreamStats> at_first;  // per replication, at the first reading time
  std::vector<StreamStats> at_end;
};

// Runs the replications by hand, as run_experiment does, reading the stream's own statistics at `first_s`
// and at the end (times after the warm-up).
StreamSamples run_stream(const std::string& design_json, const std::string& scenario_json, double first_s) {
  auto design = load_design_text("design.json", design_json);
  INFO(design.diagnostics.format());
  REQUIRE(design.value);
  auto loaded = load_scenario_text("scenario.json", scenario_json);
  INFO(loaded.diagnostics.format());
  REQUIRE(loaded.value);
  const Scenario& s = *loaded.value;
  REQUIRE(check_scenario_fits(s, *design.value).empty());
  StreamSamples out;
  for (std::uint32_t r = 0; r < s.replications; ++r) {
    BuiltModel model = build_model(*design.value, s, replication_seed(s.seed, r));
    Engine& engine = *model.engine;
    engine.start();
    engine.run_until(from_s(s.warmup_s));
    engine.reset_statistics();
    const Stream* stream = nullptr;
    for (BlockId b = 0; b < engine.block_count(); ++b) {
      if (engine.block(b).name() == "s") stream = dynamic_cast<const Stream*>(&engine.block(b));
    }
    REQUIRE(stream);
    engine.run_until(from_s(s.warmup_s + first_s));
    out.at_first.push_back(stream->stats(engine.now()));
    engine.run_until(from_s(s.warmup_s + s.duration_s));
    out.at_end.push_back(stream->stats(engine.now()));
  }
  return out;
}

}  // namespace

TEST_CASE("stream consumers process min(arrival rate, 1 / processing time) per shard", "[validation]") {
  // A family of 3 checks at 95% (validation_support.hpp): two checks in the first section, one in the second.
  CheckFamily checks(3);
  const double mu = 200;  // records/s per shard worker: 5 ms mean processing
  const int shards = 4;
  SECTION("workers faster than the arrivals keep up") {
    const double lambda = 400;  // 100 per shard
    ExperimentResult r =
        run_text(producer_consumer(shards, exponential_5ms), scenario(lambda, 10, 2, 10, 61));
    const auto& stream = r.summary.blocks[1];
    REQUIRE(stream.kind == "stream");
    // Every record put is processed: per replication, processed over put is 1 (up to the records in flight
    // at the window's edges), free of the Poisson noise in how many arrived.
    std::vector<double> processed_per_put;
    for (const RunSummary& one : r.replications)
      processed_per_put.push_back(one.blocks[1].completions / one.blocks[1].arrivals);
    checks.agrees("records processed per record put", estimate_mean(processed_per_put, 0.95), 1);
    checks.agrees("worker utilization", stream.utilization, lambda / (shards * mu));
    CHECK(stream.rejections.mean == 0);
  }
  SECTION("workers slower than the arrivals process at their own rate") {
    const double lambda = 1200;  // 300 per shard, against 200
    ExperimentResult r =
        run_text(producer_consumer(shards, exponential_5ms), scenario(lambda, 10, 2, 10, 62));
    const auto& stream = r.summary.blocks[1];
    checks.agrees("records processed per second", stream.throughput_per_s, shards * mu);
    CHECK(stream.utilization.mean == Approx(1).margin(1e-3));
    CHECK(stream.rejections.mean == 0);
  }
}

TEST_CASE("a stream's iterator age grows at (arrival - service) / arrival when its consumer is too slow",
          "[validation]") {
  CheckFamily checks(2);
  // One shard, 300 records/s against 200 processed per second: the record in processing at t was put at
  // (200 / 300) t, so the iterator age grows by 1 - 200/300 per second.
  const double lambda = 300, mu = 200;
  StreamSamples run = run_stream(producer_consumer(1, exponential_5ms), scenario(lambda, 30, 0, 20, 63), 10);
  std::vector<double> slope, rate;
  for (std::size_t i = 0; i < run.at_end.size(); ++i) {
    slope.push_back((run.at_end[i].iterator_age_s - run.at_first[i].iterator_age_s) / 20);
    rate.push_back(static_cast<double>(run.at_end[i].processed - run.at_first[i].processed) / 20);
  }
  checks.agrees("iterator age growth (s per s)", estimate_mean(slope, 0.95), 1 - mu / lambda);
  checks.agrees("records processed per second", estimate_mean(rate, 0.95), mu);
}

TEST_CASE("a hot key throttles its shard at 1,000 records per second while the stream has room",
          "[validation]") {
  CheckFamily checks(2);
  // Zipf keys: key 0 alone takes about 39% of the puts (940/s). Each shard's arrival rate follows from the
  // key probabilities and the key-to-shard hash; a shard above 1,000 records/s accepts 1,000.
  const double lambda = 2400;
  const int shards = 4;
  KeySampler keys = KeySampler::zipf(1000, 1.5);
  std::vector<double> shard_rate(shards, 0);
  for (std::uint64_t k = 0; k < keys.count(); ++k)
    shard_rate[shard_of(k, shards)] += lambda * keys.probability(k);
  std::uint32_t hot = shard_of(0, shards);
  double throttled = 0;
  for (int s = 0; s < shards; ++s) {
    INFO("shard " << s << ": " << shard_rate[s] << " records/s");
    if (static_cast<std::uint32_t>(s) == hot) {
      REQUIRE(shard_rate[s] > 1100);
    } else {
      REQUIRE(shard_rate[s] < 850);  // so far below its limit that it never throttles
    }
    throttled += std::max(0.0, shard_rate[s] - 1000);
  }
  REQUIRE(lambda < shards * 1000);  // the stream as a whole is under its write limit
  // The warm-up drains the hot shard's initial second of records: 1,000 at about 130/s over the limit takes
  // under 8 s, and once empty the bucket stays near empty (its level drifts down at 130/s).
  ExperimentResult r = run_text(producer_consumer(shards, exponential_5ms),
                                scenario(lambda, 30, 15, 10, 64, R"({"count": 1000, "popularity": "zipf",
                                                                    "skew": 1.5})"));
  const auto& stream = r.summary.blocks[1];
  checks.agrees("throttled fraction", stream.rejected_fraction, throttled / lambda);
  checks.agrees("producer success fraction", r.summary.flows[0].success_fraction, 1 - throttled / lambda);
}

TEST_CASE("a stream loses the backlog that ages past its 24 h retention", "[validation]") {
  // 0.5 records/s against one worker taking 10 s each. By 40 h every record put before 40 - 24 = 16 h has
  // been processed or dropped, and the worker, never idle, has processed 0.1 per second throughout: lost =
  // 0.5 x 16 h - 0.1 x 40 h (to within the record in processing and the first record's wait).
  const double lambda = 0.5, mu = 0.1, hours = 40, retention_h = 24;
  StreamSamples run = run_stream(producer_consumer(1, R"({"dist": "constant", "value_ms": 10000})"),
                                 scenario(lambda, hours * 3600, 0, 10, 65), retention_h * 3600);
  std::vector<double> lost, lost_by_retention, max_age;
  for (std::size_t i = 0; i < run.at_end.size(); ++i) {
    lost.push_back(static_cast<double>(run.at_end[i].lost));
    lost_by_retention.push_back(static_cast<double>(run.at_first[i].lost));
    max_age.push_back(run.at_end[i].max_iterator_age_s);
  }
  check_agrees("records lost", estimate_mean(lost, 0.95),
               lambda * (hours - retention_h) * 3600 - mu * hours * 3600);
  for (std::size_t i = 0; i < lost.size(); ++i) {
    CHECK(lost_by_retention[i] == 0);  // the backlog is at most 24 h x (1 - 0.1 / 0.5) = 19.2 h old by then
    CHECK(max_age[i] <= retention_h * 3600 + 10);
    CHECK(max_age[i] >= retention_h * 3600 - 10);
  }
}

TEST_CASE("a stream's consumer flow is checked like a queue's", "[validation]") {
  auto load = [](const std::string& flows) {
    return load_design_text("design.json", R"({"blocks": {
        "clicks": {"kind": "stream", "shards": 2},
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
  SECTION("a stream is a valid \"consume\"") {
    auto d = load(R"({"p": {"entry": "clicks"}, "c": {"consume": "clicks", "entry": "worker"}})");
    INFO(d.diagnostics.format());
    CHECK(d.value);
  }
  SECTION("a misspelt stream gets a suggestion") {
    auto d = load(R"({"p": {"entry": "clicks"}, "c": {"consume": "click", "entry": "worker"}})");
    CHECK_FALSE(d.value);
    CHECK(has(d.diagnostics, "/flows/c/consume", "did you mean \"clicks\""));
  }
  SECTION("a block that is neither a queue nor a stream") {
    auto d = load(R"({"p": {"entry": "clicks"}, "c": {"consume": "worker", "entry": "worker"}})");
    CHECK_FALSE(d.value);
    CHECK(has(d.diagnostics, "/flows/c/consume", "not a queue or stream"));
  }
  SECTION("two consumer flows for one stream") {
    auto d = load(R"({"p": {"entry": "clicks"}, "c": {"consume": "clicks", "entry": "worker"},
                      "d": {"consume": "clicks", "entry": "worker"}})");
    CHECK_FALSE(d.value);
    CHECK(has(d.diagnostics, "/flows/d/consume", "stream \"clicks\" already has the consumer flow \"c\""));
  }
}
