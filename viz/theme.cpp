#include "viz/theme.hpp"

#include "viz/font_finder.hpp"

namespace sdsim::viz {

std::string Theme::load_fonts() {
  const std::vector<std::string> folders = font_folders();
  const FontSearch regular = find_font(folders, false);
  if (!regular.error.empty()) return regular.error;
  if (!font.loadFromFile(regular.path)) return "cannot read the font " + regular.path;
  const FontSearch heavy = find_font(folders, true);
  if (heavy.error.empty() && bold.loadFromFile(heavy.path)) return "";
  bold = font;
  return "";
}

Theme Theme::standard() {
  return Theme{};
}

Theme Theme::slides() {
  Theme t;
  t.title = 34;
  t.label = 24;
  t.small = 20;
  t.stroke = 3.5f;
  t.glyph_max = 110;
  return t;
}

}  // namespace sdsim::viz
