#include "viz/png_export.hpp"

#include <cstdio>
#include <filesystem>
#include <system_error>

#include "viz/frame_painter.hpp"
#include "viz/hit_test.hpp"
#include "viz/offscreen.hpp"
#include "viz/scene.hpp"

namespace sdsim::viz {

namespace {

namespace fs = std::filesystem;

std::string unknown_block(const trace::Trace& trace, const std::string& name) {
  std::string known;
  for (const trace::BlockInfo& b : trace.topology.blocks)
    known += (known.empty() ? "" : ", ") + b.name;
  return "--inspect: the design has no block named '" + name + "'; its blocks are: " + known;
}

}  // namespace

std::string export_png(const trace::Trace& trace, const std::string& path, const ExportOptions& options) {
  const fs::path target(path);
  if (target.extension() != ".png") return path + ": the file name must end in .png";
  Renderer r;
  if (std::string problem = prepare(r, options); !problem.empty()) return problem;
  const Scene scene(trace, static_cast<float>(r.width), static_cast<float>(r.height), r.theme);
  if (options.note) *options.note = scene.layout.note;
  FrameState state;
  state.t_s = options.t_s >= 0 ? options.t_s : default_moment(trace);
  if (!options.inspect.empty()) {
    state.inspect = glyph_of(trace.topology, scene.layout, options.inspect);
    if (!state.inspect) return unknown_block(trace, options.inspect);
  }
  draw_scene(r.texture, r.theme, scene, state);
  r.texture.display();
  return save(r.texture, target);
}

std::string export_frames(const trace::Trace& trace, const std::string& dir, const ExportOptions& options,
                          std::size_t& frames) {
  frames = 0;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir, ec)) return "cannot create the folder " + dir;
  Renderer r;
  if (std::string problem = prepare(r, options); !problem.empty()) return problem;
  const Scene scene(trace, static_cast<float>(r.width), static_cast<float>(r.height), r.theme);
  if (options.note) *options.note = scene.layout.note;
  std::optional<std::size_t> inspect;
  if (!options.inspect.empty()) {
    inspect = glyph_of(trace.topology, scene.layout, options.inspect);
    if (!inspect) return unknown_block(trace, options.inspect);
  }
  FramePainter painter(r.theme);
  for (const trace::Window& w : trace.windows) {
    FrameState state;
    state.t_s = w.end_s;
    state.inspect = inspect;
    painter.draw(r.texture, scene, state);
    r.texture.display();
    char name[32];
    std::snprintf(name, sizeof name, "frame-%05zu.png", frames + 1);
    if (std::string problem = save(r.texture, fs::path(dir) / name); !problem.empty()) return problem;
    ++frames;
  }
  return "";
}

}  // namespace sdsim::viz
