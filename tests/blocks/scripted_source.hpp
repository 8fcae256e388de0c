#pragma once
// A test source: emits one request at each of the given times to one block, and records how each ended.
#include <vector>

#include "sim/core/engine.hpp"

namespace sdsim::testing {

class ScriptedSource final : public Block {
 public:
  ScriptedSource(std::vector<SimTime> times, BlockId target)
      : Block("script"), times_(std::move(times)), target_(target) {}
  void start(Engine& engine) override {
    for (std::size_t i = 0; i < times_.size(); ++i)
      engine.schedule(times_[i], id(), 0, static_cast<std::uint32_t>(i));
  }
  void on_event(Engine& engine, const Event& e) override { engine.start_request(id(), 0, e.arg, target_); }
  void on_request_finished(Engine& engine, RequestId id, Outcome outcome) override {
    ends.push_back({engine.request(id).user, engine.now(), outcome});
  }
  BlockCounters counters(SimTime) const override { return {}; }

  struct End {
    std::uint32_t index;
    SimTime at;
    Outcome outcome;
  };
  std::vector<End> ends;

 private:
  std::vector<SimTime> times_;
  BlockId target_;
};

}  // namespace sdsim::testing
