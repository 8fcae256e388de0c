#include "sim/blocks/queue.hpp"

#include <catch2/catch.hpp>
#include <utility>
#include <vector>

#include "sim/blocks/station.hpp"
#include "sim/core/engine.hpp"

using namespace sdsim;

namespace {

// Sends one message (a request of flow 0 into the queue) at each scripted time, with the given keys.
class Producer final : public Block {
 public:
  Producer(std::vector<SimTime> times, std::vector<std::uint64_t> keys, BlockId queue)
      : Block("producer"), times_(std::move(times)), keys_(std::move(keys)), queue_(queue) {}
  void start(Engine& engine) override {
    for (std::size_t i = 0; i < times_.size(); ++i)
      engine.schedule(times_[i], id(), 0, static_cast<std::uint32_t>(i));
  }
  void on_event(Engine& engine, const Event& e) override {
    engine.start_request(id(), 0, 0, queue_, keys_[e.arg]);
  }
  BlockCounters counters(SimTime) const override { return {}; }

 private:
  std::vector<SimTime> times_;
  std::vector<std::uint64_t> keys_;
  BlockId queue_;
};

// A consumer whose processing always fails at once.
class Failing final : public Block {
 public:
  Failing() : Block("failing") {}
  void accept(Engine& engine, TaskId id) override { engine.refuse(id); }
  BlockCounters counters(SimTime) const override { return {}; }
};

// Block 0 the producer, 1 the queue, 2 the consumer flow's entry (flow 1, a single visit).
struct Rig {
  Engine engine{31};
  Queue* queue = nullptr;
  Station* worker = nullptr;
};

std::unique_ptr<Rig> make_rig(QueueDef def, std::vector<SimTime> times, std::vector<std::uint64_t> keys,
                              std::unique_ptr<Block> consumer) {
  auto rig = std::make_unique<Rig>();
  Engine& engine = rig->engine;
  engine.add_block(std::make_unique<Producer>(std::move(times), std::move(keys), 1));
  def.send_latency = Distribution::constant(0);
  def.consumer_flow = 1;
  def.consumer_entry = 2;
  auto queue = std::make_unique<Queue>("q", def, engine.stream("q/latency"));
  rig->queue = queue.get();
  engine.add_block(std::move(queue));
  rig->worker = dynamic_cast<Station*>(consumer.get());
  engine.add_block(std::move(consumer));
  engine.start();
  return rig;
}

std::unique_ptr<Block> worker(std::uint32_t servers, Distribution service) {
  StationDef def;
  def.servers = servers;
  def.service = std::move(service);
  return std::make_unique<Station>("worker", def, Rng(5), Rng(6));
}

std::vector<SimTime> every(SimTime gap, std::size_t n) {
  std::vector<SimTime> times;
  for (std::size_t i = 0; i < n; ++i)
    times.push_back(gap * static_cast<SimTime>(i));
  return times;
}

}  // namespace

TEST_CASE("a queue processing well within the visibility timeout delivers each message once", "[queue]") {
  QueueDef def;
  def.consumers = 2;
  def.visibility_timeout = from_s(30);
  auto rig = make_rig(def, every(from_ms(3), 2000), std::vector<std::uint64_t>(2000, 7),
                      worker(2, Distribution::exponential(4e6)));
  rig->engine.run_until(from_s(60));
  QueueStats s = rig->queue->stats(rig->engine.now());
  CHECK(s.sent == 2000);
  CHECK(s.received == 2000);
  CHECK(s.deleted == 2000);
  CHECK(s.redelivered == 0);
  CHECK(s.duplicates == 0);
  CHECK(s.depth == 0);
  BlockCounters c = rig->queue->counters(rig->engine.now());
  CHECK(c.arrivals == 2000);
  CHECK(c.completions == 2000);
  CHECK(c.rejections == 0);
}

TEST_CASE("processing that outlasts the visibility timeout is delivered again and duplicated", "[queue]") {
  // One message every 20 s; each is processed for 5 s against a 2 s timeout, with consumers to spare. A
  // message is received at 0, 2 and 4 s after its send; the first processing deletes it at 5 s, and the two
  // later ones (ending at 7 and 9 s) process a message already gone: 2 duplicates per message.
  QueueDef def;
  def.consumers = 10;
  def.visibility_timeout = from_s(2);
  auto rig = make_rig(def, every(from_s(20), 3), {1, 2, 3}, worker(10, Distribution::constant(5e9)));
  rig->engine.run_until(from_s(60));
  QueueStats s = rig->queue->stats(rig->engine.now());
  CHECK(s.sent == 3);
  CHECK(s.received == 9);
  CHECK(s.redelivered == 6);
  CHECK(s.deleted == 3);
  CHECK(s.duplicates == 6);
  CHECK(s.dead_lettered == 0);
  CHECK(s.depth == 0);
  // Each message is present for 5 s of the 60: depth averages 0.25, and the oldest age grows to 5 s each
  // time, averaging 3 x 12.5 s^2 / 60 s.
  CHECK(s.mean_depth == Approx(0.25));
  CHECK(s.max_age_s == Approx(5));
  CHECK(s.mean_age_s == Approx(37.5 / 60));
}

TEST_CASE("a message that always fails moves to the dead-letter queue after max_receives", "[queue]") {
  QueueDef def;
  def.consumers = 3;
  def.visibility_timeout = from_s(2);
  def.max_receives = 4;
  auto rig = make_rig(def, {0}, {9}, std::make_unique<Failing>());
  rig->engine.run_until(from_s(7.5));
  CHECK(rig->queue->stats(rig->engine.now()).received == 4);  // at 0, 2, 4 and 6 s
  CHECK(rig->queue->stats(rig->engine.now()).dead_lettered == 0);
  rig->engine.run_until(from_s(60));
  QueueStats s = rig->queue->stats(rig->engine.now());
  CHECK(s.received == 4);
  CHECK(s.redelivered == 3);
  CHECK(s.dead_lettered == 1);
  CHECK(s.deleted == 0);
  CHECK(s.depth == 0);
  CHECK(s.max_age_s == Approx(8));  // moved at its fifth receive, 8 s after the send
}

TEST_CASE("a FIFO queue delivers a message group in order, one message at a time", "[queue]") {
  QueueDef def;
  def.fifo = true;
  def.consumers = 4;
  // Three messages of group 1 and one of group 2, all at time 0; processing takes 1 s each.
  auto rig = make_rig(def, {0, 0, 0, 0}, {1, 1, 1, 2}, worker(4, Distribution::constant(1e9)));
  rig->engine.run_until(from_s(1.5));
  CHECK(rig->queue->stats(rig->engine.now()).deleted == 2);  // the head of each group
  rig->engine.run_until(from_s(2.5));
  CHECK(rig->queue->stats(rig->engine.now()).deleted == 3);
  rig->engine.run_until(from_s(10));
  QueueStats s = rig->queue->stats(rig->engine.now());
  CHECK(s.deleted == 4);
  CHECK(s.received == 4);
  CHECK(rig->queue->counters(rig->engine.now()).mean_busy == Approx(4.0 / 10));
}

TEST_CASE("a FIFO queue throttles sends beyond its rate", "[queue]") {
  QueueDef def;
  def.fifo = true;
  def.fifo_send_rate_per_s = 10;  // bucket of 10: the first 10 sends at once pass, the rest are throttled
  auto rig = make_rig(def, std::vector<SimTime>(25, 0), std::vector<std::uint64_t>(25, 1),
                      worker(1, Distribution::constant(1e6)));
  rig->engine.run_until(from_s(1));
  QueueStats s = rig->queue->stats(rig->engine.now());
  CHECK(s.sent == 10);
  CHECK(s.throttled == 15);
  CHECK(rig->queue->counters(rig->engine.now()).rejections == 15);
}
