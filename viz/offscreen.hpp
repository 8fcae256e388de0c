#pragma once
// An off-screen image (sf::RenderTexture: needs an X display, Xvfb will do) with its theme, shared by the PNG
// exports, and saving it as a PNG atomically (a temporary file beside it, then a rename).
#include <SFML/Graphics/RenderTexture.hpp>
#include <filesystem>
#include <string>

#include "viz/png_export.hpp"
#include "viz/theme.hpp"

namespace sdsim::viz {

// The off-screen image, its theme and its scene, made once for any number of frames.
struct Renderer {
  Theme theme;
  sf::RenderTexture texture;
  unsigned width = 0;
  unsigned height = 0;
};

// Opens the display, loads the fonts and creates the image at the options' size; returns what went wrong.
std::string prepare(Renderer& r, const ExportOptions& options);
// Returns an empty string, or what went wrong.
std::string save(const sf::RenderTexture& texture, const std::filesystem::path& target);

}  // namespace sdsim::viz
