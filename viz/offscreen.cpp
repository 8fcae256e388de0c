#include "viz/offscreen.hpp"

#include <SFML/Graphics/Image.hpp>
#include <system_error>

#include "viz/display.hpp"

namespace sdsim::viz {

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

std::string save(const sf::RenderTexture& texture, const std::filesystem::path& target) {
  const sf::Image image = texture.getTexture().copyToImage();
  namespace fs = std::filesystem;
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

}  // namespace sdsim::viz
