#pragma once
// Open-loop traffic: requests of one flow arrive as a Poisson process at a fixed rate, whatever happens to
// them.
#include "sim/core/block.hpp"
#include "sim/core/rng.hpp"

namespace sdsim {

struct OpenSourceDef {
  double rate_per_s = 1;  // requests/s, > 0
  FlowId flow = 0;
  BlockId target = no_block;  // the flow's entry block
};

class OpenSource final : public Block {
 public:
  OpenSource(std::string name, OpenSourceDef def, Rng rng);

  void start(Engine& engine) override;
  void on_event(Engine& engine, const Event& e) override;
  void on_request_finished(Engine& engine, RequestId id, Outcome outcome) override;
  void reset_statistics(SimTime now) override;
  BlockCounters counters(SimTime now) const override;

 private:
  SimTime next_gap();

  OpenSourceDef def_;
  double mean_gap_ns_;
  Rng rng_;
  LevelIntegral outstanding_;
  std::uint64_t emitted_ = 0;
  std::uint64_t finished_ = 0;
};

}  // namespace sdsim
