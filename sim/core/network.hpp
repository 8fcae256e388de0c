#pragma once
// Where blocks run and what a hop between places costs. Zones are numbered; zone 0 is the clients of the
// first region (other regions' clients have zones of their own). Each block is placed in one or more zones; a
// call goes to one of its zones and pays the one-way latency from the caller's zone there, and again on the
// way back, plus its payload's transfer time (bytes x ns per byte of the hop's link: the request on the way
// there, the response on the way back). Links are uncontended: a transfer never waits for another (link
// contention is a later refinement). A model without zones has no network delay and moves no counted bytes.
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "sim/core/event.hpp"
#include "sim/core/time.hpp"

namespace sdsim {

using ZoneId = std::uint16_t;
inline constexpr ZoneId client_zone = 0;

// What kind of link a hop crosses, for byte counts (data transfer is priced per class). `none`: a hop that
// leaves no zone (clients to clients, or a model without zones); it moves no counted bytes.
enum class HopClass : std::uint8_t { same_az, cross_az, cross_region, internet_in, internet_out, none };
inline constexpr std::size_t hop_class_count = 5;  // the counted classes, `none` excluded

inline constexpr std::string_view hop_class_name(HopClass c) {
  constexpr std::array<std::string_view, hop_class_count + 1> names{
      "same_az", "cross_az", "cross_region", "internet_in", "internet_out", "none"};
  return names[static_cast<std::size_t>(c)];
}

// Bytes moved per counted hop class, indexed by HopClass.
using HopBytes = std::array<std::uint64_t, hop_class_count>;

class Network {
 public:
  Network() = default;
  // `latency[a][b]`: one-way delay from zone a to zone b (ns); square, including zone 0 (clients).
  explicit Network(std::vector<std::vector<SimTime>> latency) : latency_(std::move(latency)) {}

  bool empty() const { return latency_.empty(); }
  std::size_t zone_count() const { return latency_.size(); }
  SimTime latency(ZoneId from, ZoneId to) const { return latency_.empty() ? 0 : latency_[from][to]; }

  // What a byte costs on each hop: `ns_per_byte[a][b]` (0: free) and each hop's class; both square, the size
  // of the latency matrix. Without them payloads travel free and uncounted.
  void set_links(std::vector<std::vector<double>> ns_per_byte, std::vector<std::vector<HopClass>> classes) {
    ns_per_byte_ = std::move(ns_per_byte);
    classes_ = std::move(classes);
  }
  HopClass hop_class(ZoneId from, ZoneId to) const {
    return classes_.empty() ? HopClass::none : classes_[from][to];
  }
  // The time `bytes` take to cross the hop's link (ns, rounded to the clock).
  SimTime transfer_time(ZoneId from, ZoneId to, std::uint64_t bytes) const {
    return ns_per_byte_.empty() ? 0 : to_sim_time(static_cast<double>(bytes) * ns_per_byte_[from][to]);
  }

  // The zones a block is placed in (none: a global block, met in its caller's zone).
  void place(BlockId block, std::vector<ZoneId> zones) {
    if (placement_.size() <= block) placement_.resize(block + 1);
    placement_[block] = std::move(zones);
  }
  const std::vector<ZoneId>& zones_of(BlockId block) const {
    static const std::vector<ZoneId> nowhere;
    return block < placement_.size() ? placement_[block] : nowhere;
  }

 private:
  std::vector<std::vector<SimTime>> latency_;
  std::vector<std::vector<double>> ns_per_byte_;
  std::vector<std::vector<HopClass>> classes_;
  std::vector<std::vector<ZoneId>> placement_;
};

}  // namespace sdsim
