#include "sim/metrics/slo.hpp"

#include <algorithm>
#include <cmath>

namespace sdsim {

bool SloTarget::met(std::uint64_t finished, std::uint64_t completed, std::uint64_t slow) const {
  // Integer counts against decimal percentages: a relative slack far below one request absorbs the binary
  // rounding of 99.9 and the like, so a count exactly on the boundary meets it.
  const auto n = static_cast<double>(finished);
  const auto c = static_cast<double>(completed);
  const double slack = 1e-9;
  bool latency_ok = !has_latency() || 100 * static_cast<double>(slow) <= (100 - percentile) * c + slack * c;
  bool availability_ok = !has_availability() || 100 * c >= availability * n - slack * n;
  return latency_ok && availability_ok;
}

Recovery recovery_after(const SloFigures<double>& slo, double fault_start_s, double until_s) {
  // Window i ends at start + (i + 1) w: it may hold requests the fault failed when it ends after the fault
  // begins (a relative slack absorbs the rounding of the sum in s).
  const std::vector<double>& met = slo.windows.met;
  const double slack = 1e-9 * std::max(1.0, std::abs(fault_start_s));
  std::size_t judged = 0;
  while (judged < met.size() &&
         slo.window_start_s + static_cast<double>(judged + 1) * slo.window_s <= until_s + slack)
    ++judged;
  std::size_t after_last_breach = 0;
  Recovery r;
  for (std::size_t i = 0; i < judged; ++i) {
    const double end = slo.window_start_s + static_cast<double>(i + 1) * slo.window_s;
    if (end <= fault_start_s + slack || met[i] != 0) continue;  // NaN (nothing ended) meets vacuously
    r.breached = true;
    after_last_breach = i + 1;
  }
  if (!r.breached || after_last_breach >= judged) return r;
  r.recovered = true;
  r.rto_s = slo.window_start_s + static_cast<double>(after_last_breach) * slo.window_s - fault_start_s;
  return r;
}

}  // namespace sdsim
