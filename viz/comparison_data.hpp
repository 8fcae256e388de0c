#pragma once
// The comparison view's charts: two or more runs of one scenario overlaid, one line per design (p99 latency
// of the focus flow, completed requests per second, availability), with the first run's objectives. Pure
// code.
#include <vector>

#include "trace/trace.hpp"
#include "viz/chart_data.hpp"

namespace sdsim::viz {

// The colour of design `i` in the comparison (cycling).
Colour design_colour(std::size_t i);

std::vector<ChartModel> comparison_charts(const std::vector<trace::Trace>& runs);

}  // namespace sdsim::viz
