#include "sim/blocks/queue.hpp"

#include <algorithm>

#include "sim/core/engine.hpp"

namespace sdsim {

// The FIFO bucket holds one second of sends: AWS states the limit per second, not a burst size (modelling
// choice).
Queue::Queue(std::string name, QueueDef def, Rng latency_rng)
    : Block(std::move(name)),
      def_(std::move(def)),
      latency_rng_(latency_rng),
      fifo_bucket_(def_.fifo_send_rate_per_s, std::max(1.0, def_.fifo_send_rate_per_s)) {}

void Queue::accept(Engine& engine, TaskId id) {
  ++arrivals_;
  if (def_.fifo && !fifo_bucket_.try_take(engine.now())) {
    ++counts_.throttled;
    engine.refuse(id, Outcome::throttled);
    return;
  }
  engine.schedule_in(def_.send_latency.sample(latency_rng_), this->id(), event_sent, id);
}

void Queue::on_event(Engine& engine, const Event& e) {
  if (e.kind == event_sent) {
    store(engine, engine.key(e.arg));
    engine.served(e.arg);
    return;
  }
  // A visibility timer is stale when its message was deleted or received again since it was set.
  Message& msg = messages_[e.arg];
  if (msg.state != State::in_flight || msg.deadline != engine.now()) return;
  make_visible(e.arg);
  deliver_waiting(engine);
}

BlockId Queue::release(Engine& engine, TaskId id) {
  engine.report_departure(id);
  return no_block;
}

void Queue::store(Engine& engine, std::uint64_t key) {
  SimTime now = engine.now();
  age_.advance(now, oldest());
  std::uint32_t m = messages_.acquire();
  Message& msg = messages_[m];
  msg.sent = now;
  msg.deadline = 0;
  msg.key = key;
  msg.serial = next_serial_++;
  msg.receives = 0;
  msg.group = 0;
  msg.next_in_group = no_message;
  msg.state = State::visible;
  msg.in_ring = false;
  AgeEntry entry{m, msg.serial};
  if (has_age_front_) {
    by_age_.push(entry);
  } else {
    age_front_ = entry;
    has_age_front_ = true;
  }
  depth_.change(now, +1);
  ++counts_.sent;
  if (def_.fifo) {
    auto [it, inserted] = group_of_key_.try_emplace(key, static_cast<std::uint32_t>(groups_.size()));
    if (inserted) groups_.emplace_back();
    std::uint32_t g = it->second;
    messages_[m].group = g;
    Group& group = groups_[g];
    if (group.tail == no_message) {
      group.head = m;
    } else {
      messages_[group.tail].next_in_group = m;
    }
    group.tail = m;
    if (!group.busy && !group.ready) {
      group.ready = true;
      ready_groups_.push(g);
    }
  } else {
    messages_[m].in_ring = true;
    visible_.push(m);
  }
  deliver_waiting(engine);
}

// An in-flight message whose visibility timeout expired: another consumer may receive it.
void Queue::make_visible(std::uint32_t m) {
  Message& msg = messages_[m];
  msg.state = State::visible;
  if (def_.fifo) {
    Group& group = groups_[msg.group];
    group.busy = false;
    if (!group.ready) {
      group.ready = true;
      ready_groups_.push(msg.group);
    }
  } else if (!msg.in_ring) {
    msg.in_ring = true;
    visible_.push(m);
  }
}

std::uint32_t Queue::next_visible() {
  if (def_.fifo) {
    while (!ready_groups_.empty()) {
      Group& group = groups_[ready_groups_.pop()];
      group.ready = false;
      if (!group.busy && group.head != no_message) return group.head;
    }
    return no_message;
  }
  while (!visible_.empty()) {
    std::uint32_t m = visible_.pop();
    messages_[m].in_ring = false;
    if (messages_[m].state == State::deleted) {
      free_message(m);
    } else if (messages_[m].state == State::visible) {
      return m;
    }
  }
  return no_message;
}

// Hands visible messages to idle consumers. A consumer request may finish inside start_request (a refusal):
// the flag keeps that from recursing, and this loop picks up the freed consumer.
void Queue::deliver_waiting(Engine& engine) {
  if (delivering_ || def_.consumer_entry == no_block) return;
  delivering_ = true;
  while (busy_consumers_ < def_.consumers) {
    std::uint32_t m = next_visible();
    if (m == no_message) break;
    receive(engine, m);
  }
  delivering_ = false;
}

void Queue::receive(Engine& engine, std::uint32_t m) {
  SimTime now = engine.now();
  Message& msg = messages_[m];
  // SQS redrive: a receive beyond maxReceiveCount moves the message to the dead-letter queue instead.
  if (def_.max_receives > 0 && msg.receives >= def_.max_receives) {
    ++counts_.dead_lettered;
    remove(now, m);
    return;
  }
  ++msg.receives;
  ++counts_.received;
  if (msg.receives == 1) {
    ++counts_.first_receives;
    wait_sum_s_ += to_s(now - msg.sent);
  } else {
    ++counts_.redelivered;
  }
  msg.state = State::in_flight;
  msg.deadline = now + def_.visibility_timeout;
  if (def_.fifo) groups_[msg.group].busy = true;
  engine.schedule(msg.deadline, id(), event_visibility, m);
  std::uint32_t d = deliveries_.acquire();
  deliveries_[d].message = m;
  deliveries_[d].serial = msg.serial;
  ++busy_consumers_;
  busy_.change(now, +1);
  engine.start_request(id(), def_.consumer_flow, d, def_.consumer_entry, msg.key);
}

void Queue::on_request_finished(Engine& engine, RequestId id, Outcome outcome) {
  SimTime now = engine.now();
  std::uint32_t d = engine.request(id).user;
  Delivery delivery = deliveries_[d];
  deliveries_.release(d);
  --busy_consumers_;
  busy_.change(now, -1);
  // A failure leaves the message to reappear when its visibility timeout expires. A success deletes it,
  // whichever receive it came from; a success for a message already gone is a duplicate processing.
  if (outcome == Outcome::completed) {
    const Message& msg = messages_[delivery.message];
    if (msg.serial == delivery.serial && msg.state != State::deleted) {
      ++counts_.deleted;
      remove(now, delivery.message);
    } else {
      ++counts_.duplicates;
    }
  }
  deliver_waiting(engine);
}

// Deletes a message (processed or dead-lettered). Only a FIFO group's head is ever received, so only heads
// are removed. A standard message still listed in visible_ is freed when popped.
void Queue::remove(SimTime now, std::uint32_t m) {
  age_.advance(now, oldest());
  depth_.change(now, -1);
  Message& msg = messages_[m];
  msg.state = State::deleted;
  if (def_.fifo) {
    Group& group = groups_[msg.group];
    group.head = msg.next_in_group;
    if (group.head == no_message) group.tail = no_message;
    group.busy = false;
    if (group.head != no_message && !group.ready) {
      group.ready = true;
      ready_groups_.push(msg.group);
    }
  }
  if (!msg.in_ring) free_message(m);
  // Keep the age front on a live message, so stats() can read it without changing anything.
  oldest();
}

void Queue::free_message(std::uint32_t m) {
  messages_[m].state = State::deleted;
  messages_.release(m);
}

SimTime Queue::oldest() {
  while (has_age_front_) {
    const Message& msg = messages_[age_front_.message];
    if (msg.serial == age_front_.serial && msg.state != State::deleted) return msg.sent;
    if (by_age_.empty()) {
      has_age_front_ = false;
    } else {
      age_front_ = by_age_.pop();
    }
  }
  return time_never;
}

void Queue::reset_statistics(SimTime now) {
  SimTime born = oldest();
  age_.advance(now, born);
  age_.restart(now, born);
  depth_.restart(now);
  busy_.restart(now);
  wait_sum_s_ = 0;
  counts_ = QueueStats{};
  arrivals_ = 0;
}

QueueStats Queue::stats(SimTime now) const {
  QueueStats s = counts_;
  s.mean_wait_s = s.first_receives ? wait_sum_s_ / static_cast<double>(s.first_receives) : 0;
  s.mean_depth = depth_.average(now);
  s.depth = depth_.level();
  OldestAge::Reading age = age_.read(now, has_age_front_ ? messages_[age_front_.message].sent : time_never);
  s.max_age_s = age.max_s;
  s.mean_age_s = age.mean_s;
  return s;
}

BlockCounters Queue::counters(SimTime now) const {
  BlockCounters c = serving_counters(name(), "queue", arrivals_, counts_.deleted, counts_.throttled,
                                     def_.consumers, depth_, now);
  c.mean_busy = busy_.average(now);
  // SQS bills every API call: a send, a receive per delivery, a delete per message processed.
  c.usage.requests =
      static_cast<double>(counts_.sent + counts_.throttled + counts_.received + counts_.deleted);
  return c;
}

}  // namespace sdsim
