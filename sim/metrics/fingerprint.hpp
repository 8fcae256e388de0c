#pragma once
// A fingerprint of the event stream: a 64-bit hash folded over every event's (time, target, kind, argument)
// in the order they fire. Two runs with the same fingerprint executed the same events; any change in
// behaviour, however small, changes it. Costs one call per event, so it is attached only when asked for.
#include <cstdint>
#include <cstdio>
#include <string>

#include "sim/core/observer.hpp"

namespace sdsim {

class EventFingerprint final : public Observer {
 public:
  std::uint32_t interests() const override { return interest_events; }
  void on_event(const Event& e) override {
    mix(static_cast<std::uint64_t>(e.time));
    mix((static_cast<std::uint64_t>(e.target) << 32) | e.kind);
    mix(e.arg);
    ++events_;
  }

  std::uint64_t value() const { return hash_; }
  std::uint64_t events() const { return events_; }
  std::string hex() const {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash_));
    return text;
  }

 private:
  // FNV-style: xor the word in, multiply by the FNV prime, fold the high bits down.
  void mix(std::uint64_t word) {
    hash_ ^= word;
    hash_ *= 0x100000001B3ull;
    hash_ ^= hash_ >> 29;
  }

  std::uint64_t hash_ = 0xCBF29CE484222325ull;
  std::uint64_t events_ = 0;
};

}  // namespace sdsim
