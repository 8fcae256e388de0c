#pragma once
// The grid of a parameter sweep: every --set PATH=a,b,c or PATH=lo:hi:step is an axis and a plain PATH=VALUE
// a fixed override. Points are the cartesian product in the order the axes were given, the last axis fastest.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sdsim {

// More points than this is refused: at a second a point it is more than a day of work on one machine.
inline constexpr std::size_t max_sweep_points = 100'000;

struct SweepAxis {
  std::string path;                 // as written before '=' (any "design:" or "scenario:" prefix kept)
  std::vector<std::string> values;  // the VALUE texts, in order; never empty

  bool operator==(const SweepAxis&) const = default;
};

struct SweepGrid {
  std::vector<SweepAxis> axes;
  std::vector<std::string> fixed;  // "PATH=VALUE" overrides shared by every point, as written

  std::size_t size() const;  // points; 1 without axes
  // The value index on every axis of point `index` (< size()).
  std::vector<std::size_t> coordinates(std::size_t index) const;
  // Point `index`'s value on every axis.
  std::vector<std::string> values(std::size_t index) const;
  // Point `index`'s --set texts: the fixed ones, then one per axis.
  std::vector<std::string> settings(std::size_t index) const;

  bool operator==(const SweepGrid&) const = default;
};

// Each text is "PATH=VALUE". VALUE splits at commas outside brackets, braces and quotes into a list whose
// items are values or ranges lo:hi:step (see expand_range); a VALUE that is one plain value is fixed. On
// error (no '=', an empty item, a bad range, a path swept twice, more than max_sweep_points points) returns
// nothing and sets `error`.
std::optional<SweepGrid> parse_sweep_grid(const std::vector<std::string>& sets, std::string& error);

// "lo:hi:step" with three numbers: lo, lo + step, ... up to hi inclusive. The i-th value is computed as
// lo + i * step (never by adding steps, which drifts) and printed with as many decimals as the three numbers
// are written with, so 0.1:0.3:0.1 gives 0.1, 0.2, 0.3 and 2:8:2 gives integers. Returns nothing when `text`
// is not three numbers (then it is a plain value); sets `error` and returns nothing for a bad range (hi below
// lo, a step that is not positive, too many values).
std::optional<std::vector<std::string>> expand_range(std::string_view text, std::string& error);

}  // namespace sdsim
