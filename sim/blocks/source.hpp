#pragma once
// What every traffic source shares: emitting a request of its flow into the entry block, and counting
// requests emitted, finished and outstanding (the source's "in system").
#include "sim/core/block.hpp"
#include "sim/core/key_sampler.hpp"

namespace sdsim {

class Source : public Block {
 public:
  void on_request_finished(Engine& engine, RequestId id, Outcome outcome) override;
  void reset_statistics(SimTime now) override;
  BlockCounters counters(SimTime now) const override;

 protected:
  Source(std::string name, const char* kind, FlowId flow, BlockId target, KeySampler keys, Rng key_rng)
      : Block(std::move(name)), kind_(kind), flow_(flow), target_(target), keys_(keys), key_rng_(key_rng) {}
  // Creates a request for `user` now and hands it to the flow's entry block.
  void emit(Engine& engine, std::uint32_t user);

 private:
  const char* kind_;
  FlowId flow_;
  BlockId target_;
  KeySampler keys_;
  Rng key_rng_;
  LevelIntegral outstanding_;
  std::uint64_t emitted_ = 0;
  std::uint64_t finished_ = 0;
};

}  // namespace sdsim
