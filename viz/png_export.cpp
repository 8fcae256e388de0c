#include "viz/png_export.hpp"

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "viz/display.hpp"
#include "viz/hit_test.hpp"
#include "viz/scene.hpp"

namespace sdsim::viz {

namespace {

namespace fs = std::filesystem;

// The off-screen image, its theme and its scene, made once for any number of frames.
struct Renderer {
  Theme theme;
  sf::RenderTexture texture;
  unsigned width = 0;
  unsigned height = 0;
};

std::string prepare(Renderer& r, const ExportOptions& options) {
  if (std::string problem = display_problem(); !problem.empty()) return problem;
  hold_display();
  r.theme = options.slides ? Theme::slides() : Theme::standard();
  if (std::string problem = r.theme.load_fonts(); !problem.empty()) return problem;
  r.width = options.slides ? 1920 : options.width;
  r.height = options.slides ? 1080 : options.height;
  sf::ContextSettings settings;
  settings.antialiasingLevel = 4;
  if (!r.texture.create(r.width, r.height, settings) && !r.texture.create(r.width, r.height)) {
    return "cannot create a " + std::to_string(r.width) + "x" + std::to_string(r.height) +
           " off-screen image (OpenGL unavailable? install libgl1-mesa-dri)";
  }
  return "";
}

std::string save(const sf::RenderTexture& texture, const fs::path& target) {
  const sf::Image image = texture.getTexture().copyToImage();
  const fs::path temporary = target.parent_path() / ("." + target.stem().string() + ".partial.png");
  if (!image.saveToFile(temporary.string())) return "cannot write " + temporary.string();
  std::error_code ec;
  fs::rename(temporary, target, ec);
  if (ec) {
    fs::remove(temporary, ec);
    return "cannot write " + target.string() + ": " + ec.message();
  }
  return "";
}

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
  for (const trace::Window& w : trace.windows) {
    FrameState state;
    state.t_s = w.end_s;
    draw_scene(r.texture, r.theme, scene, state);
    r.texture.display();
    char name[32];
    std::snprintf(name, sizeof name, "frame-%05zu.png", frames + 1);
    if (std::string problem = save(r.texture, fs::path(dir) / name); !problem.empty()) return problem;
    ++frames;
  }
  return "";
}

}  // namespace sdsim::viz
