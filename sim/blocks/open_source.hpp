#pragma once
// Open-loop traffic: requests of one flow arrive whatever happens to them, as a Poisson process whose rate
// follows a profile over time (constant, ramp, spike, diurnal...), or at the exact times of a replayed trace.
#include <memory>
#include <vector>

#include "sim/blocks/source.hpp"
#include "sim/core/rate_profile.hpp"
#include "sim/core/rng.hpp"

namespace sdsim {

struct OpenSourceDef {
  RateProfile profile = RateProfile::constant(1);  // requests/s over time
  // When set, the arrival times (ns, sorted) replayed instead of drawing from the profile.
  std::shared_ptr<const std::vector<SimTime>> trace{};
  FlowId flow = 0;
  BlockId target = no_block;                 // the flow's entry block
  KeySampler keys = KeySampler::uniform(1);  // the keys its requests touch
  TrafficMix mix{};                          // several flows or client regions instead of `flow` alone
};

class OpenSource final : public Source {
 public:
  OpenSource(std::string name, OpenSourceDef def, Rng rng, Rng key_rng = Rng(0), Rng mix_rng = Rng(0));

  void start(Engine& engine) override;
  void on_event(Engine& engine, const Event& e) override;
  // From now on, a Poisson process at `rate_per_s` (>= 0) in place of the profile (a live run's load change).
  // The arrival already drawn is dropped; a replayed trace ignores this.
  void set_rate(Engine& engine, double rate_per_s);
  bool replays_trace() const { return trace_ != nullptr; }

 private:
  void schedule_next(Engine& engine);

  RateProfile profile_;
  std::shared_ptr<const std::vector<SimTime>> trace_;
  std::size_t next_in_trace_ = 0;
  Rng rng_;
  std::uint32_t generation_ = 0;  // arrival events carry it; set_rate() makes earlier ones stale
};

}  // namespace sdsim
