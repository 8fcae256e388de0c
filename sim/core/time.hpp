#pragma once
// Simulated time: integer nanoseconds since the start of a run. Integer time keeps runs exact and portable.
#include <cstdint>
#include <limits>

namespace sdsim {

using SimTime = std::int64_t;  // ns

inline constexpr SimTime ns_per_us = 1'000;
inline constexpr SimTime ns_per_ms = 1'000'000;
inline constexpr SimTime ns_per_s = 1'000'000'000;
inline constexpr SimTime time_never = std::numeric_limits<SimTime>::max();

// Rounds a duration in (possibly fractional) nanoseconds to the clock, saturating instead of overflowing.
inline SimTime to_sim_time(double ns) {
  if (!(ns > 0.0)) return 0;
  if (ns >= 9.0e18) return time_never / 2;
  // Round half up, inline: std::llround is a library call on the hot path, and ns > 0 here.
  return static_cast<SimTime>(ns + 0.5);  // NOLINT(bugprone-incorrect-roundings)
}
inline SimTime from_ms(double ms) {
  return to_sim_time(ms * static_cast<double>(ns_per_ms));
}
inline SimTime from_s(double s) {
  return to_sim_time(s * static_cast<double>(ns_per_s));
}
inline double to_ms(SimTime t) {
  return static_cast<double>(t) / static_cast<double>(ns_per_ms);
}
inline double to_s(SimTime t) {
  return static_cast<double>(t) / static_cast<double>(ns_per_s);
}

}  // namespace sdsim
