#include "sim/metrics/slo.hpp"

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

}  // namespace sdsim
