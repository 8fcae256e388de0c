#pragma once
// Images of several things at once, off screen and saved as PNGs like export_png: charts side by side (the
// sweep view), and two or more runs compared (their architectures side by side, their lines overlaid).
#include <cstddef>
#include <string>
#include <vector>

#include "trace/trace.hpp"
#include "viz/chart_data.hpp"
#include "viz/geometry.hpp"
#include "viz/png_export.hpp"
#include "viz/theme.hpp"

namespace sdsim::viz {

// Where export_charts_png draws `charts` charts on a `width` x `height` image. Pure.
std::vector<Rect> side_by_side(float width, float height, const Theme& theme, std::size_t charts);

// Charts side by side under a title bar (the sweep view), off screen, saved as a PNG like export_png.
std::string export_charts_png(const std::string& title, const std::vector<ChartModel>& charts,
                              const std::string& path, const ExportOptions& options);

// Two or more runs of one scenario: their architectures side by side at each run's default moment, and their
// lines overlaid on shared charts (comparison_data.hpp) below, saved as a PNG like export_png.
std::string export_comparison_png(const std::vector<trace::Trace>& runs, const std::string& path,
                                  const ExportOptions& options);

}  // namespace sdsim::viz
