#include "viz/png_export.hpp"

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <filesystem>
#include <system_error>

#include "viz/display.hpp"
#include "viz/scene.hpp"

namespace sdsim::viz {

std::string export_png(const trace::Trace& trace, const std::string& path, const ExportOptions& options) {
  if (std::string problem = display_problem(); !problem.empty()) return problem;
  hold_display();
  Theme theme = options.slides ? Theme::slides() : Theme::standard();
  if (std::string problem = theme.load_fonts(); !problem.empty()) return problem;
  const unsigned width = options.slides ? 1920 : options.width;
  const unsigned height = options.slides ? 1080 : options.height;
  sf::RenderTexture texture;
  sf::ContextSettings settings;
  settings.antialiasingLevel = 4;
  if (!texture.create(width, height, settings) && !texture.create(width, height)) {
    return "cannot create a " + std::to_string(width) + "x" + std::to_string(height) +
           " off-screen image (OpenGL unavailable? install libgl1-mesa-dri)";
  }
  const Scene scene(trace, static_cast<float>(width), static_cast<float>(height), theme);
  FrameState state;
  state.t_s = options.t_s >= 0 ? options.t_s : default_moment(trace);
  draw_scene(texture, theme, scene, state);
  texture.display();
  const sf::Image image = texture.getTexture().copyToImage();

  namespace fs = std::filesystem;
  const fs::path target(path);
  if (target.extension() != ".png") return path + ": the file name must end in .png";
  const fs::path temporary = target.parent_path() / ("." + target.stem().string() + ".partial.png");
  if (!image.saveToFile(temporary.string())) return "cannot write " + temporary.string();
  std::error_code ec;
  fs::rename(temporary, target, ec);
  if (ec) {
    fs::remove(temporary, ec);
    return "cannot write " + path + ": " + ec.message();
  }
  return "";
}

}  // namespace sdsim::viz
