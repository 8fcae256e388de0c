#pragma once
// What every traffic source shares: emitting a request of its flow into the entry block, and counting
// requests emitted, finished and outstanding (the source's "in system").
#include "sim/core/block.hpp"

namespace sdsim {

class Source : public Block {
 public:
  void on_request_finished(Engine& engine, RequestId id, Outcome outcome) override;
  void reset_statistics(SimTime now) override;
  BlockCounters counters(SimTime now) const override;

 protected:
  Source(std::string name, const char* kind, FlowId flow, BlockId target)
      : Block(std::move(name)), kind_(kind), flow_(flow), target_(target) {}
  // Creates a request for `user` now and hands it to the flow's entry block.
  void emit(Engine& engine, std::uint32_t user);

 private:
  const char* kind_;
  FlowId flow_;
  BlockId target_;
  LevelIntegral outstanding_;
  std::uint64_t emitted_ = 0;
  std::uint64_t finished_ = 0;
};

}  // namespace sdsim
