#pragma once
// Renders one frame of a trace off screen (sf::RenderTexture: needs an X display, Xvfb will do) and saves
// it as a PNG, atomically (a temporary file beside it, then a rename).
#include <cstddef>
#include <string>
#include <vector>

#include "trace/trace.hpp"

namespace sdsim::viz {

struct ExportOptions {
  unsigned width = 1600;  // px
  unsigned height = 900;
  bool slides = false;          // 1920x1080, large type
  double t_s = -1;              // the moment shown; < 0: default_moment()
  std::string inspect;          // a block shown in the inspector panel (of every frame); empty: none
  std::string* note = nullptr;  // when given, receives what the picture simplified (a grouped layout), or ""
};

// Returns an empty string on success, else what went wrong and how to fix it.
std::string export_png(const trace::Trace& trace, const std::string& path, const ExportOptions& options);

// One frame per window, at each window's end, as DIR/frame-00001.png... (each written atomically; DIR is
// created if needed), for a GIF or a video. `frames` receives how many were written.
std::string export_frames(const trace::Trace& trace, const std::string& dir, const ExportOptions& options,
                          std::size_t& frames);

}  // namespace sdsim::viz
