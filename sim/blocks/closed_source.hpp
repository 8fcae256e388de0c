#pragma once
// Closed-loop traffic: `users` clients each send one request, wait for it to finish, think, and send the
// next.
#include <cstdint>

#include "sim/blocks/source.hpp"
#include "sim/core/distribution.hpp"

namespace sdsim {

struct ClosedSourceDef {
  std::uint32_t users = 1;                              // count, >= 1
  Distribution think = Distribution::exponential(1e9);  // ns between a response and the next request
  FlowId flow = 0;
  BlockId target = no_block;
  KeySampler keys = KeySampler::uniform(1);  // the keys its requests touch
  TrafficMix mix{};                          // several flows or client regions instead of `flow` alone
};

class ClosedSource final : public Source {
 public:
  ClosedSource(std::string name, ClosedSourceDef def, Rng rng, Rng key_rng = Rng(0), Rng mix_rng = Rng(0));

  void start(Engine& engine) override;
  void on_event(Engine& engine, const Event& e) override;
  void on_request_finished(Engine& engine, RequestId id, Outcome outcome) override;

 private:
  std::uint32_t users_;
  Distribution think_;
  Rng rng_;
};

}  // namespace sdsim
