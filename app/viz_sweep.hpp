#pragma once
// `sdsim viz --sweep FILE --png OUT`: a sweep result file ("sdsim.sweep/1") drawn as its trade-off charts.
// The application reads the sweep (sim/experiment) and hands the visualizer plain values.
#include <string>

#include "viz/board_export.hpp"
#include "viz/png_export.hpp"

namespace sdsim::app {

// Returns the exit status, having said what went wrong on stderr, or what was written on stdout.
int viz_sweep(const std::string& sweep_path, const std::string& png, const viz::ExportOptions& options);

}  // namespace sdsim::app
