#pragma once
// Type sizes and strokes for one output: the default (a laptop screen, 1600x900) or slides (1920x1080, large
// type for the back of a room). The fonts are loaded once and outlive every view drawing with them.
#include <SFML/Graphics/Font.hpp>
#include <string>

namespace sdsim::viz {

struct Theme {
  sf::Font font;
  sf::Font bold;
  unsigned title = 22;  // px
  unsigned label = 15;
  unsigned small = 13;
  float stroke = 2;  // px, chart lines
  float glyph_max = 80;

  // Loads the fonts from the usual folders; returns an empty string, or what is missing and how to fix it.
  std::string load_fonts();
  static Theme standard();
  static Theme slides();
};

}  // namespace sdsim::viz
