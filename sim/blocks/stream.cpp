#include "sim/blocks/stream.hpp"

#include <algorithm>
#include <cmath>

#include "sim/core/engine.hpp"

namespace sdsim {

namespace {

// Drops the consumed front of a vector used as a FIFO once it is at least half the vector, so memory stays
// proportional to what is unconsumed and no allocation happens once the vector has grown to its peak.
template <typename T>
void compact(std::vector<T>& items, std::size_t& head) {
  if (head == items.size()) {
    items.clear();
    head = 0;
  } else if (head >= 1024 && 2 * head >= items.size()) {
    items.erase(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(head));
    head = 0;
  }
}

}  // namespace

// Every bucket holds one second of its rate: AWS states the shard limits per second, not a burst size
// (modelling choice), and at least one record, so a record larger than a second's rate can still pass.
Stream::Stream(std::string name, StreamDef def, Rng latency_rng)
    : Block(std::move(name)), def_(std::move(def)), latency_rng_(latency_rng), kb_per_mb_(1024) {
  shards_.resize(std::max<std::uint32_t>(1, def_.shards));
  double write_kb = def_.write_mb_per_s * kb_per_mb_;
  double read_kb = def_.read_mb_per_s * kb_per_mb_;
  for (Shard& shard : shards_) {
    shard.write_records = TokenBucket(def_.write_records_per_s, std::max(1.0, def_.write_records_per_s));
    shard.write_kb = TokenBucket(write_kb, std::max(def_.record_kb, write_kb));
    shard.read_kb = TokenBucket(read_kb, std::max(def_.record_kb, read_kb));
  }
}

std::uint32_t Stream::shard_of_key(std::uint64_t key) const {
  return shard_of(key, shards_.size());
}

std::size_t Stream::shard_depth(std::uint32_t shard) const {
  return shards_[shard].size();
}

SimTime Stream::head_put(std::uint32_t shard) const {
  const Shard& s = shards_[shard];
  return s.size() > 0 ? s.log[s.head].put : time_never;
}

// A put is stored (given its sequence number) when it arrives, so records of a key keep the order their puts
// arrived in; the producer's acknowledgement follows after the put latency.
void Stream::accept(Engine& engine, TaskId id) {
  ++arrivals_;
  SimTime now = engine.now();
  std::uint64_t key = engine.key(id);
  std::uint32_t s = shard_of_key(key);
  Shard& shard = shards_[s];
  shard.write_records.refill(now);
  shard.write_kb.refill(now);
  if (!shard.write_records.holds(1) || !shard.write_kb.holds(def_.record_kb)) {
    ++counts_.throttled;  // ProvisionedThroughputExceededException
    engine.refuse(id, Outcome::throttled);
    return;
  }
  shard.write_records.take(1);
  shard.write_kb.take(def_.record_kb);
  age_.advance(now, oldest());
  by_age_.push_back(AgeEntry{s, shard.removed + shard.size()});
  shard.log.push_back(Record{now, key});
  depth_.change(now, +1);
  ++counts_.put;
  engine.schedule_in(def_.put_latency.sample(latency_rng_), this->id(), event_put, id);
  run_worker(engine, s);
  watch_expiry(engine, s);
}

BlockId Stream::release(Engine& engine, TaskId id) {
  engine.report_departure(id);
  return no_block;
}

void Stream::on_event(Engine& engine, const Event& e) {
  switch (e.kind) {
    case event_put:
      engine.served(e.arg);
      return;
    case event_wake:
      shards_[e.arg].worker = Worker::idle;
      run_worker(engine, e.arg);
      return;
    default: {
      Shard& shard = shards_[e.arg];
      shard.expiry_pending = false;
      // A record being processed stays (it was read in time); the ones behind it are dropped, and the timer
      // set again, once it is done.
      if (shard.worker == Worker::busy) return;
      drop_expired(engine.now(), e.arg);
      run_worker(engine, e.arg);
      watch_expiry(engine, e.arg);
      return;
    }
  }
}

// Starts the shard's next records while its worker is idle. A consumer request may finish inside
// start_request (a refusal at once): the flag keeps that from recursing, and this loop carries on.
void Stream::run_worker(Engine& engine, std::uint32_t s) {
  Shard& shard = shards_[s];
  if (shard.starting || def_.consumer_entry == no_block) return;
  shard.starting = true;
  while (shard.worker == Worker::idle && start_next(engine, s)) {
  }
  shard.starting = false;
}

// Starts processing the shard's head record if it can be read now; otherwise sleeps until it can.
bool Stream::start_next(Engine& engine, std::uint32_t s) {
  SimTime now = engine.now();
  drop_expired(now, s);
  Shard& shard = shards_[s];
  if (shard.size() == 0) return false;
  const Record& record = shard.log[shard.head];
  SimTime readable = record.put + def_.propagation;
  if (readable > now) {
    sleep_until(engine, s, readable);
    return false;
  }
  // Each attempt reads the record again (a retried batch is fetched again).
  shard.read_kb.refill(now);
  if (!shard.read_kb.holds(def_.record_kb)) {
    double missing_kb = def_.record_kb - shard.read_kb.tokens();
    double kb_per_ns = def_.read_mb_per_s * kb_per_mb_ * 1e-9;
    sleep_until(engine, s, now + to_sim_time(std::ceil(missing_kb / kb_per_ns)) + 1);
    return false;
  }
  shard.read_kb.take(def_.record_kb);
  if (shard.attempts > 0) ++counts_.retried;
  shard.worker = Worker::busy;
  busy_.change(now, +1);
  engine.start_request(id(), def_.consumer_flow, s, def_.consumer_entry, record.key);
  return true;
}

void Stream::sleep_until(Engine& engine, std::uint32_t s, SimTime at) {
  shards_[s].worker = Worker::sleeping;
  engine.schedule(at, id(), event_wake, s);
}

void Stream::on_request_finished(Engine& engine, RequestId id, Outcome outcome) {
  SimTime now = engine.now();
  std::uint32_t s = engine.request(id).user;
  Shard& shard = shards_[s];
  shard.worker = Worker::idle;
  busy_.change(now, -1);
  if (outcome == Outcome::completed) {
    ++counts_.processed;
    remove_head(now, s);
  } else {
    ++counts_.failed;
    if (def_.max_retries && shard.attempts >= *def_.max_retries) {
      ++counts_.skipped;
      remove_head(now, s);
    } else {
      // The shard is blocked: its later records wait until this one succeeds, is skipped or expires.
      ++shard.attempts;
      sleep_until(engine, s, now + def_.retry_delay);
    }
  }
  run_worker(engine, s);
  watch_expiry(engine, s);
}

// Drops the shard's head records older than the retention period, unless one is being processed.
void Stream::drop_expired(SimTime now, std::uint32_t s) {
  Shard& shard = shards_[s];
  while (shard.size() > 0 && shard.worker != Worker::busy &&
         shard.log[shard.head].put + def_.retention <= now) {
    ++counts_.lost;
    remove_head(now, s);
  }
}

// Keeps a retention timer pending for the shard's oldest record not being processed, while it has one.
void Stream::watch_expiry(Engine& engine, std::uint32_t s) {
  Shard& shard = shards_[s];
  std::size_t first = shard.head + (shard.worker == Worker::busy ? 1 : 0);
  if (shard.expiry_pending || first >= shard.log.size()) return;
  shard.expiry_pending = true;
  engine.schedule(std::max(engine.now(), shard.log[first].put + def_.retention), id(), event_expiry, s);
}

void Stream::remove_head(SimTime now, std::uint32_t s) {
  age_.advance(now, oldest());
  Shard& shard = shards_[s];
  ++shard.head;
  ++shard.removed;
  shard.attempts = 0;
  compact(shard.log, shard.head);
  depth_.change(now, -1);
  // Keep the age front on a live record, so stats() can read it without changing anything.
  oldest();
}

SimTime Stream::oldest() {
  while (age_head_ < by_age_.size()) {
    const AgeEntry& entry = by_age_[age_head_];
    const Shard& shard = shards_[entry.shard];
    if (entry.sequence >= shard.removed) return shard.log[shard.head + (entry.sequence - shard.removed)].put;
    ++age_head_;
    compact(by_age_, age_head_);
  }
  return time_never;
}

void Stream::reset_statistics(SimTime now) {
  SimTime born = oldest();
  age_.advance(now, born);
  age_.restart(now, born);
  depth_.restart(now);
  busy_.restart(now);
  counts_ = StreamStats{};
  arrivals_ = 0;
}

StreamStats Stream::stats(SimTime now) const {
  StreamStats s = counts_;
  s.mean_depth = depth_.average(now);
  s.depth = depth_.level();
  SimTime born = time_never;
  if (age_head_ < by_age_.size()) {
    const AgeEntry& entry = by_age_[age_head_];
    const Shard& shard = shards_[entry.shard];
    born = shard.log[shard.head + (entry.sequence - shard.removed)].put;
  }
  OldestAge::Reading age = age_.read(now, born);
  s.iterator_age_s = age.now_s;
  s.max_iterator_age_s = age.max_s;
  s.mean_iterator_age_s = age.mean_s;
  return s;
}

BlockCounters Stream::counters(SimTime now) const {
  BlockCounters c = serving_counters(name(), "stream", arrivals_, counts_.processed, counts_.throttled,
                                     static_cast<std::uint32_t>(shards_.size()), depth_, now);
  c.mean_busy = busy_.average(now);
  c.usage.units = static_cast<double>(shards_.size());
  return c;
}

}  // namespace sdsim
