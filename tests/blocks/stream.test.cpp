#include "sim/blocks/stream.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <vector>

#include "sim/core/engine.hpp"

using namespace sdsim;

namespace {

// Puts one record (a request of flow 0 into the stream) at each scripted time, with the given keys.
class Producer final : public Block {
 public:
  Producer(std::vector<SimTime> times, std::vector<std::uint64_t> keys, BlockId stream)
      : Block("producer"), times_(std::move(times)), keys_(std::move(keys)), stream_(stream) {}
  void start(Engine& engine) override {
    for (std::size_t i = 0; i < times_.size(); ++i)
      engine.schedule(times_[i], id(), 0, static_cast<std::uint32_t>(i));
  }
  void on_event(Engine& engine, const Event& e) override {
    engine.start_request(id(), 0, 0, stream_, keys_[e.arg]);
  }
  BlockCounters counters(SimTime) const override { return {}; }

 private:
  std::vector<SimTime> times_;
  std::vector<std::uint64_t> keys_;
  BlockId stream_;
};

// The consumer flow's entry: processes each record for a fixed time, failing the first `failures[key]`
// attempts of a key's records; it notes which record (its put time, read from the stream) it processed when.
class Consumer final : public Block {
 public:
  struct Processing {
    std::uint64_t key;
    SimTime put;
    SimTime start;
    bool failed;
  };
  Consumer(SimTime service, std::map<std::uint64_t, int> failures)
      : Block("consumer"), service_(service), failures_(std::move(failures)) {}
  void accept(Engine& engine, TaskId id) override {
    std::uint64_t key = engine.key(id);
    bool fail = false;
    if (auto it = failures_.find(key); it != failures_.end() && it->second != 0) {
      fail = true;
      if (it->second > 0) --it->second;  // negative: always fails
    }
    log.push_back({key, stream->head_put(stream->shard_of_key(key)), engine.now(), fail});
    engine.schedule_in(service_, this->id(), fail ? 1 : 0, id);
  }
  void on_event(Engine& engine, const Event& e) override {
    if (e.kind == 1) {
      engine.refuse(e.arg);
    } else {
      engine.served(e.arg);
    }
  }
  BlockCounters counters(SimTime) const override { return {}; }

  const Stream* stream = nullptr;
  std::vector<Processing> log;

 private:
  SimTime service_;
  std::map<std::uint64_t, int> failures_;
};

// Block 0 the producer, 1 the stream, 2 the consumer flow's entry (flow 1, a single visit).
struct Rig {
  Engine engine{17};
  Stream* stream = nullptr;
  Consumer* consumer = nullptr;
};

std::unique_ptr<Rig> make_rig(StreamDef def, std::vector<SimTime> times, std::vector<std::uint64_t> keys,
                              SimTime service, std::map<std::uint64_t, int> failures = {},
                              bool consumed = true) {
  auto rig = std::make_unique<Rig>();
  Engine& engine = rig->engine;
  engine.add_block(std::make_unique<Producer>(std::move(times), std::move(keys), 1));
  def.put_latency = Distribution::constant(0);
  def.consumer_flow = 1;
  def.consumer_entry = consumed ? 2 : no_block;
  auto stream = std::make_unique<Stream>("s", def, engine.stream("s/latency"));
  rig->stream = stream.get();
  engine.add_block(std::move(stream));
  auto consumer = std::make_unique<Consumer>(service, std::move(failures));
  consumer->stream = rig->stream;
  rig->consumer = consumer.get();
  engine.add_block(std::move(consumer));
  engine.start();
  return rig;
}

std::vector<SimTime> every(SimTime gap, std::size_t n, SimTime from = 0) {
  std::vector<SimTime> times;
  for (std::size_t i = 0; i < n; ++i)
    times.push_back(from + gap * static_cast<SimTime>(i));
  return times;
}

// Distinct keys, one on each shard asked for (a shard may be asked for more than once).
std::vector<std::uint64_t> keys_on_shards(const Stream& stream, const std::vector<std::uint32_t>& shards) {
  std::vector<std::uint64_t> keys;
  for (std::uint32_t shard : shards) {
    std::uint64_t k = 1;
    while (stream.shard_of_key(k) != shard || std::find(keys.begin(), keys.end(), k) != keys.end())
      ++k;
    keys.push_back(k);
  }
  return keys;
}

}  // namespace

TEST_CASE("records of a key are processed in put order, one at a time per shard", "[stream]") {
  StreamDef def;
  def.shards = 4;
  def.propagation = 0;
  // 400 puts 1 ms apart over 8 keys, processed for 3 ms each: backlogs form on every shard.
  std::vector<std::uint64_t> keys;
  for (std::uint64_t i = 0; i < 400; ++i)
    keys.push_back((i * 5) % 8);
  auto rig = make_rig(def, every(from_ms(1), 400), keys, from_ms(3));
  rig->engine.run_until(from_s(60));
  StreamStats s = rig->stream->stats(rig->engine.now());
  CHECK(s.put == 400);
  CHECK(s.processed == 400);
  CHECK(s.depth == 0);
  REQUIRE(rig->consumer->log.size() == 400);
  std::map<std::uint64_t, std::vector<SimTime>> processed_puts;  // per key, in processing order
  std::map<std::uint32_t, SimTime> last_put;                     // per shard
  std::map<std::uint32_t, SimTime> last_start;
  for (const Consumer::Processing& p : rig->consumer->log) {
    processed_puts[p.key].push_back(p.put);
    std::uint32_t shard = rig->stream->shard_of_key(p.key);
    if (last_put.count(shard)) {
      CHECK(p.put > last_put[shard]);                    // the shard's records in put order
      CHECK(p.start >= last_start[shard] + from_ms(3));  // one at a time
    }
    last_put[shard] = p.put;
    last_start[shard] = p.start;
  }
  for (std::uint64_t key = 0; key < 8; ++key) {
    std::vector<SimTime> expected;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] == key) expected.push_back(from_ms(static_cast<double>(i)));
    }
    CHECK(processed_puts[key] == expected);
  }
}

TEST_CASE("a hot key throttles at 1,000 records per second on its shard", "[stream]") {
  StreamDef def;
  def.shards = 4;
  auto probe = make_rig(def, {}, {}, 0);
  std::vector<std::uint64_t> k = keys_on_shards(*probe->stream, {0, 1});
  // The hot key puts 2,000 records/s for 2 s, a cold key on another shard 100/s: 2,100 records/s in all,
  // under the stream's 4 x 1,000. The hot shard's bucket starts with a second of records (1,000) and refills
  // at 1,000/s: 1,000 + 2,000 accepted of 4,000, give or take the put at the boundary.
  std::vector<SimTime> times = every(from_ms(0.5), 4000);
  std::vector<std::uint64_t> keys(4000, k[0]);
  for (SimTime t : every(from_ms(10), 200)) {
    times.push_back(t);
    keys.push_back(k[1]);
  }
  auto rig = make_rig(def, times, keys, 0);
  rig->engine.run_until(from_s(1));
  std::uint64_t put_at_1s = rig->stream->stats(rig->engine.now()).put;
  rig->engine.run_until(from_s(2) - 1);
  StreamStats s = rig->stream->stats(rig->engine.now());
  CHECK(s.put + s.throttled == 4200);
  CHECK(static_cast<double>(s.put) == Approx(3000 + 200).margin(1));
  CHECK(static_cast<double>(s.throttled) == Approx(1000).margin(1));
  // In the second second only the refill passes: 1,000 hot records (give or take one) and 99 cold.
  CHECK(static_cast<double>(s.put - put_at_1s) == Approx(1099).margin(1.5));
  rig->engine.run_until(from_s(3));  // every stored record processed
  std::uint64_t cold = 0;
  for (const Consumer::Processing& p : rig->consumer->log)
    cold += p.key == k[1];
  CHECK(cold == 200);  // the cold shard never throttles
  CHECK(rig->stream->counters(rig->engine.now()).rejections == s.throttled);
}

TEST_CASE("large records throttle on the shard's MB per second", "[stream]") {
  StreamDef def;
  def.record_kb = 64;  // 1,024 KB/s: 16 records/s, the bucket holding one second of them
  auto rig = make_rig(def, every(from_ms(10), 300), std::vector<std::uint64_t>(300, 3), 0);
  rig->engine.run_until(from_s(3) - 1);
  StreamStats s = rig->stream->stats(rig->engine.now());
  CHECK(static_cast<double>(s.put) == Approx(16 + 16 * 3).margin(1));
  CHECK(s.put + s.throttled == 300);
}

TEST_CASE("a shard's consumer processes min(arrival, 1 / processing time) and its iterator age grows",
          "[stream]") {
  StreamDef def;
  def.propagation = 0;
  SECTION("a consumer faster than the arrivals keeps up") {
    // 100 records/s, 5 ms each: every record processed at once; the oldest is at most 5 ms old.
    auto rig = make_rig(def, every(from_ms(10), 1000), std::vector<std::uint64_t>(1000, 1), from_ms(5));
    rig->engine.run_until(from_s(10));
    StreamStats s = rig->stream->stats(rig->engine.now());
    CHECK(s.processed == 1000);
    CHECK(s.max_iterator_age_s == Approx(0.005));
    CHECK(s.mean_iterator_age_s == Approx(0.5 * 0.0025).epsilon(1e-3));  // busy half the time, 2.5 ms mean
    CHECK(rig->stream->counters(rig->engine.now()).mean_busy == Approx(0.5).epsilon(1e-3));
  }
  SECTION("a consumer slower than the arrivals falls behind linearly") {
    // 100 records/s, 20 ms each: 50 processed per second. The record in processing at t was put at t/2, so
    // the iterator age is t (1 - 50/100), with a sawtooth of at most one processing time over it.
    auto rig = make_rig(def, every(from_ms(10), 1000), std::vector<std::uint64_t>(1000, 1), from_ms(20));
    rig->engine.run_until(from_s(10));
    StreamStats s = rig->stream->stats(rig->engine.now());
    CHECK(s.processed == 500);
    CHECK(s.depth == 500);
    CHECK(s.iterator_age_s == Approx(5).margin(0.02));
    CHECK(s.max_iterator_age_s == Approx(5).margin(0.02));
    CHECK(s.mean_iterator_age_s == Approx(2.5).margin(0.02));
    rig->engine.run_until(from_s(5));  // no effect: already past
    rig->engine.run_until(from_s(20));
    s = rig->stream->stats(rig->engine.now());
    CHECK(s.processed == 1000);
    // The last record (put at 9.99 s) finished at 20 s: the age peaked at 20 - 9.99 s.
    CHECK(s.max_iterator_age_s == Approx(10.01).margin(1e-6));
  }
  SECTION("the propagation delay adds to every record's age") {
    def.propagation = from_ms(200);
    auto rig = make_rig(def, every(from_ms(10), 1000), std::vector<std::uint64_t>(1000, 1), from_ms(5));
    rig->engine.run_until(from_s(11));
    StreamStats s = rig->stream->stats(rig->engine.now());
    CHECK(s.processed == 1000);
    CHECK(s.max_iterator_age_s == Approx(0.205));
  }
}

TEST_CASE("the shard's read limit paces a consumer catching up", "[stream]") {
  StreamDef def;
  def.propagation = 0;
  def.record_kb = 512;       // 2 MB/s reads: 4 records/s, the bucket holding one second (4 records)
  def.write_mb_per_s = 1e6;  // writes unlimited here
  def.write_records_per_s = 1e6;
  auto rig = make_rig(def, std::vector<SimTime>(20, 0), std::vector<std::uint64_t>(20, 2), 0);
  rig->engine.run_until(from_s(2.1));
  // 4 at once, then one every 250 ms: 4 + 8 by 2.1 s.
  CHECK(rig->stream->stats(rig->engine.now()).processed == 12);
}

TEST_CASE("records not processed within the retention period are lost", "[stream]") {
  StreamDef def;
  def.propagation = 0;
  def.retention = from_s(10);
  SECTION("without a consumer every record expires at its retention") {
    auto rig = make_rig(def, every(from_s(1), 5), {1, 2, 3, 4, 5}, 0, {}, false);
    rig->engine.run_until(from_s(12.5));
    StreamStats s = rig->stream->stats(rig->engine.now());
    CHECK(s.lost == 3);
    CHECK(s.depth == 2);
    rig->engine.run_until(from_s(20));
    CHECK(rig->stream->stats(rig->engine.now()).lost == 5);
  }
  SECTION("a consumer too slow for the backlog loses what ages past the retention") {
    // 10 records/s for 60 s, 200 ms each: the record processed at t was put at t/2 until the backlog reaches
    // the retention at t = 20 s; from then on the worker is busy with records 10 s old, and records older are
    // dropped. It works without pause until the last put (59.9 s) is processed, about 10 s later: 70 s of
    // work is 350 records, the other 250 lost.
    auto rig = make_rig(def, every(from_ms(100), 600), std::vector<std::uint64_t>(600, 1), from_ms(200));
    rig->engine.run_until(from_s(19.9));
    CHECK(rig->stream->stats(rig->engine.now()).lost == 0);
    rig->engine.run_until(from_s(120));
    StreamStats s = rig->stream->stats(rig->engine.now());
    CHECK(s.processed + s.lost == 600);
    CHECK(static_cast<double>(s.processed) == Approx(350).margin(2));
    CHECK(s.max_iterator_age_s <= 10.2 + 1e-9);
    CHECK(s.depth == 0);
  }
}

TEST_CASE("a failing record is retried while its shard's later records wait", "[stream]") {
  StreamDef def;
  def.shards = 2;
  def.propagation = 0;
  def.retry_delay = from_s(1);
  auto probe = make_rig(def, {}, {}, 0);
  std::vector<std::uint64_t> k = keys_on_shards(*probe->stream, {0, 0, 1});
  // Shard 0 gets a failing record at 0 then another key's record at 0.1 s; shard 1 a record at 0.1 s.
  SECTION("two failures, then success") {
    auto rig = make_rig(def, {0, from_ms(100), from_ms(100)}, {k[0], k[1], k[2]}, from_ms(10), {{k[0], 2}});
    rig->engine.run_until(from_s(10));
    StreamStats s = rig->stream->stats(rig->engine.now());
    CHECK(s.failed == 2);
    CHECK(s.retried == 2);
    CHECK(s.processed == 3);
    CHECK(s.skipped == 0);
    const auto& log = rig->consumer->log;
    REQUIRE(log.size() == 5);
    // Attempts at 0, 1.01 and 2.02 s; the record behind it waits until 2.03 s; the other shard's is served
    // at once.
    std::vector<SimTime> starts_k0, starts_k1, starts_k2;
    for (const auto& p : log)
      (p.key == k[0] ? starts_k0 : p.key == k[1] ? starts_k1 : starts_k2).push_back(p.start);
    CHECK(starts_k0 == std::vector<SimTime>{0, from_ms(1010), from_ms(2020)});
    CHECK(starts_k1 == std::vector<SimTime>{from_ms(2030)});
    CHECK(starts_k2 == std::vector<SimTime>{from_ms(100)});
    CHECK(s.max_iterator_age_s == Approx(2.03));
  }
  SECTION("a record failing more than max_retries times is skipped") {
    def.max_retries = 1;
    auto rig = make_rig(def, {0, from_ms(100), from_ms(100)}, {k[0], k[1], k[2]}, from_ms(10), {{k[0], -1}});
    rig->engine.run_until(from_s(10));
    StreamStats s = rig->stream->stats(rig->engine.now());
    CHECK(s.failed == 2);  // the first attempt and its one retry
    CHECK(s.skipped == 1);
    CHECK(s.processed == 2);
    CHECK(rig->consumer->log.back().key == k[1]);
    CHECK(rig->consumer->log.back().start == from_ms(1020));
  }
  SECTION("without max_retries a failing record blocks its shard until it expires") {
    // Here the record behind it is put at 5 s, so that it does not expire as well.
    def.retention = from_s(10);
    auto rig = make_rig(def, {0, from_s(5), from_ms(100)}, {k[0], k[1], k[2]}, from_ms(10), {{k[0], -1}});
    rig->engine.run_until(from_s(30));
    StreamStats s = rig->stream->stats(rig->engine.now());
    // Attempts at 0, 1.01, ..., 9.09 s: 10 failures; it expires at 10 s, and the retry due at 10.1 s
    // processes the next record.
    CHECK(s.failed == 10);
    CHECK(s.lost == 1);
    CHECK(s.skipped == 0);
    CHECK(s.processed == 2);
    CHECK(rig->consumer->log.back().key == k[1]);
    CHECK(rig->consumer->log.back().start == from_ms(10100));
  }
}
