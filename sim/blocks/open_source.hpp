#pragma once
// Open-loop traffic: requests of one flow arrive as a Poisson process at a fixed rate, whatever happens to
// them.
#include "sim/blocks/source.hpp"
#include "sim/core/rng.hpp"

namespace sdsim {

struct OpenSourceDef {
  double rate_per_s = 1;  // requests/s, > 0
  FlowId flow = 0;
  BlockId target = no_block;                 // the flow's entry block
  KeySampler keys = KeySampler::uniform(1);  // the keys its requests touch
};

class OpenSource final : public Source {
 public:
  OpenSource(std::string name, OpenSourceDef def, Rng rng, Rng key_rng = Rng(0));

  void start(Engine& engine) override;
  void on_event(Engine& engine, const Event& e) override;

 private:
  SimTime next_gap();

  double mean_gap_ns_;
  Rng rng_;
};

}  // namespace sdsim
