#pragma once
// Renders one frame of a trace off screen (sf::RenderTexture: needs an X display, Xvfb will do) and saves
// it as a PNG, atomically (a temporary file beside it, then a rename).
#include <cstddef>
#include <string>
#include <vector>

#include "trace/trace.hpp"
#include "viz/chart_data.hpp"
#include "viz/geometry.hpp"
#include "viz/theme.hpp"

namespace sdsim::viz {

struct ExportOptions {
  unsigned width = 1600;  // px
  unsigned height = 900;
  bool slides = false;          // 1920x1080, large type
  double t_s = -1;              // the moment shown; < 0: default_moment()
  std::string inspect;          // a block shown in the inspector panel; empty: none
  std::string* note = nullptr;  // when given, receives what the picture simplified (a grouped layout), or ""
};

// Returns an empty string on success, else what went wrong and how to fix it.
std::string export_png(const trace::Trace& trace, const std::string& path, const ExportOptions& options);

// Where export_charts_png draws `charts` charts on a `width` x `height` image. Pure.
std::vector<Rect> side_by_side(float width, float height, const Theme& theme, std::size_t charts);

// Charts side by side under a title bar (the sweep view), off screen, saved as a PNG like export_png.
std::string export_charts_png(const std::string& title, const std::vector<ChartModel>& charts,
                              const std::string& path, const ExportOptions& options);

// Two or more runs of one scenario: their architectures side by side at each run's default moment, and their
// lines overlaid on shared charts (comparison_data.hpp) below, saved as a PNG like export_png.
std::string export_comparison_png(const std::vector<trace::Trace>& runs, const std::string& path,
                                  const ExportOptions& options);

// One frame per window, at each window's end, as DIR/frame-00001.png... (each written atomically; DIR is
// created if needed), for a GIF or a video. `frames` receives how many were written.
std::string export_frames(const trace::Trace& trace, const std::string& dir, const ExportOptions& options,
                          std::size_t& frames);

}  // namespace sdsim::viz
