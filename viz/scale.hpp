#pragma once
// Axis scales: round tick values and a linear map from data to pixels. Pure code.
#include <string>
#include <vector>

namespace sdsim::viz {

// About `target` round ticks (1, 2 or 5 times a power of ten) covering [lo, hi]; the first is <= lo, the
// last >= hi.
std::vector<double> nice_ticks(double lo, double hi, int target = 5);

// The upper end of a chart's value axis: the last nice tick above `max_value` (1 when there is no data).
double nice_ceiling(double max_value, int target = 5);

// A tick label: no trailing zeros, thousands as "k" ("1.5k").
std::string tick_label(double value);

// Maps [d0, d1] onto [p0, p1] (p1 < p0 for a y axis growing upward).
struct LinearScale {
  double d0 = 0;
  double d1 = 1;
  float p0 = 0;
  float p1 = 1;
  float operator()(double v) const {
    const double span = d1 - d0;
    const double f = span == 0 ? 0 : (v - d0) / span;
    return p0 + static_cast<float>(f) * (p1 - p0);
  }
};

}  // namespace sdsim::viz
