#pragma once
// What every traffic source shares: emitting a request of its flow into the entry block, and counting
// requests emitted, finished and outstanding (the source's "in system"). A source may mix several flows
// (each request picks one by share) and clients in several regions (by share).
#include <vector>

#include "sim/core/block.hpp"
#include "sim/core/key_sampler.hpp"
#include "sim/core/network.hpp"
#include "sim/core/sample_stream.hpp"

namespace sdsim {

// Who a source's requests are: which flow (and its entry block) and which client zone, each by share.
// Empty lists mean the source's single flow, from the first region's clients.
struct TrafficMix {
  struct Flow {
    FlowId flow;
    BlockId entry;
    double share;  // > 0; shares need not sum to 1
  };
  struct Origin {
    ZoneId zone;
    double share;  // > 0
  };
  std::vector<Flow> flows;
  std::vector<Origin> origins;
};

class Source : public Block {
 public:
  void on_request_finished(Engine& engine, RequestId id, Outcome outcome) override;
  void reset_statistics(SimTime now) override;
  BlockCounters counters(SimTime now) const override;

 protected:
  // `users`: a closed loop's user count, whose users each keep one client zone (the origins' shares split
  // them in order); 0 for an open loop, whose requests draw their zone.
  Source(std::string name, const char* kind, FlowId flow, BlockId target, KeySampler keys, Rng key_rng,
         TrafficMix mix = {}, Rng mix_rng = Rng(0), std::uint32_t users = 0);
  // Creates a request for `user` now and hands it to its flow's entry block.
  void emit(Engine& engine, std::uint32_t user);

 private:
  const char* kind_;
  FlowId flow_;
  BlockId target_;
  SampleStream<KeySampler> keys_;            // the key of each request, from its own stream
  std::vector<TrafficMix::Flow> flows_;      // cumulative shares, normalised to end at 1
  std::vector<TrafficMix::Origin> origins_;  // cumulative shares, normalised to end at 1
  Rng mix_rng_;
  std::uint32_t users_;
  LevelIntegral outstanding_;
  std::uint64_t emitted_ = 0;
  std::uint64_t finished_ = 0;
};

}  // namespace sdsim
