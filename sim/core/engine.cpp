#include "sim/core/engine.hpp"

namespace sdsim {

BlockId Engine::add_block(std::unique_ptr<Block> block) {
  auto id = static_cast<BlockId>(blocks_.size());
  block->id_ = id;
  blocks_.push_back(std::move(block));
  return id;
}

void Engine::add_observer(Observer& observer) {
  all_observers_.push_back(&observer);
  std::uint32_t wants = observer.interests();
  if (wants & interest_events) event_observers_.push_back(&observer);
  if (wants & interest_departures) departure_observers_.push_back(&observer);
  if (wants & interest_request_ends) end_observers_.push_back(&observer);
}

RequestId Engine::create_request(BlockId origin, FlowId flow, std::uint32_t user) {
  RequestId id = requests_.acquire();
  Request& r = requests_[id];
  r.created = now_;
  r.arrived = now_;
  r.started = now_;
  r.flow = flow;
  r.origin = origin;
  r.user = user;
  return id;
}

void Engine::notify_departure(BlockId block, const Request& r) {
  Departure d{block, r.flow, r.arrived, r.started, now_};
  for (Observer* o : departure_observers_)
    o->on_departure(d);
}

void Engine::finish(RequestId id, BlockId at, Outcome outcome) {
  const Request& r = requests_[id];
  if (!end_observers_.empty()) {
    RequestEnd end{r.flow, at, r.created, now_, outcome};
    for (Observer* o : end_observers_)
      o->on_request_end(end);
  }
  blocks_[r.origin]->on_request_finished(*this, id, outcome);
  requests_.release(id);
}

void Engine::start() {
  for (auto& block : blocks_)
    block->start(*this);
}

void Engine::run_until(SimTime until) {
  if (event_observers_.empty()) {
    while (!queue_.empty() && queue_.top().time <= until) {
      Event e = queue_.pop();
      now_ = e.time;
      ++events_processed_;
      blocks_[e.target]->on_event(*this, e);
    }
  } else {
    while (!queue_.empty() && queue_.top().time <= until) {
      Event e = queue_.pop();
      now_ = e.time;
      ++events_processed_;
      for (Observer* o : event_observers_)
        o->on_event(e);
      blocks_[e.target]->on_event(*this, e);
    }
  }
  if (until > now_) now_ = until;
}

void Engine::reset_statistics() {
  for (auto& block : blocks_)
    block->reset_statistics(now_);
  for (Observer* o : all_observers_)
    o->on_statistics_reset(now_);
}

void Engine::end_run() {
  std::vector<BlockCounters> counters;
  counters.reserve(blocks_.size());
  for (auto& block : blocks_)
    counters.push_back(block->counters(now_));
  for (Observer* o : all_observers_)
    o->on_run_end(now_, counters);
}

}  // namespace sdsim
