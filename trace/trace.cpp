#include "trace/trace.hpp"

#include <algorithm>

namespace sdsim::trace {

std::uint64_t FlowPoint::failed_total() const {
  std::uint64_t n = 0;
  for (std::uint64_t count : failed)
    n += count;
  return n;
}

std::optional<std::size_t> Trace::window_at(double t_s) const {
  if (windows.empty()) return std::nullopt;
  auto it = std::lower_bound(windows.begin(), windows.end(), t_s,
                             [](const Window& w, double t) { return w.end_s < t; });
  if (it == windows.end()) return windows.size() - 1;
  return static_cast<std::size_t>(it - windows.begin());
}

const BlockInfo* Trace::find_block(const std::string& name) const {
  for (const BlockInfo& b : topology.blocks) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

const BlockFigures& Trace::figures_of(std::size_t b) const {
  static const BlockFigures none;
  return b < block_figures.size() ? block_figures[b] : none;
}

}  // namespace sdsim::trace
