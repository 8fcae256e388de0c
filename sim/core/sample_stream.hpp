#pragma once
// A sampler (a Distribution, a KeySampler) drawn from its own random stream a batch at a time: next() returns
// exactly the values that drawing one at a time would, in the same order. Drawing ahead lets the logarithms
// and exponentials of a batch overlap instead of each waiting on the last (a sample's cost is mostly that
// latency), and the event that uses a value no longer waits for it. The stream must have no other user.
#include <array>
#include <cstdint>
#include <utility>

#include "sim/core/rng.hpp"

namespace sdsim {

template <typename Sampler>
class SampleStream {
 public:
  using Value = decltype(std::declval<const Sampler&>().sample(std::declval<Rng&>()));

  SampleStream(Sampler sampler, Rng rng) : sampler_(std::move(sampler)), rng_(rng) {}

  Value next() {
    if (next_ == batch) refill();
    return drawn_[next_++];
  }

 private:
  static constexpr std::uint32_t batch = 32;

  void refill() {
    for (Value& value : drawn_)
      value = sampler_.sample(rng_);
    next_ = 0;
  }

  Sampler sampler_;
  Rng rng_;
  std::array<Value, batch> drawn_{};
  std::uint32_t next_ = batch;
};

}  // namespace sdsim
