#include "viz/scale.hpp"

#include <cmath>
#include <cstdio>

namespace sdsim::viz {

namespace {

double nice_step(double span, int target) {
  const double raw = span / std::max(1, target);
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / power;
  const double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nice * power;
}

}  // namespace

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (!(hi > lo)) hi = lo + 1;
  const double step = nice_step(hi - lo, target);
  std::vector<double> ticks;
  const double first = std::floor(lo / step + 1e-9) * step;
  for (double v = first; v < hi + step * 0.999; v += step)
    ticks.push_back(std::abs(v) < step * 1e-9 ? 0 : v);
  return ticks;
}

double nice_ceiling(double max_value, int target) {
  if (!(max_value > 0) || !std::isfinite(max_value)) return 1;
  return nice_ticks(0, max_value, target).back();
}

std::string tick_label(double v) {
  char buf[32];
  if (std::abs(v) >= 1000) {
    std::snprintf(buf, sizeof buf, "%.3g", v / 1000);
    return std::string(buf) + "k";
  }
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

}  // namespace sdsim::viz
