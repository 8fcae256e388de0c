#pragma once
// Finds a TrueType font in the usual font folders (no machine-specific path): DejaVu Sans first, then other
// common sans fonts, then any .ttf. The error names the package that provides one.
#include <string>
#include <vector>

namespace sdsim::viz {

struct FontSearch {
  std::string path;   // the font found; empty when none
  std::string error;  // what was searched and what to install; empty when found
};

// The folders searched, in order: $SDSIM_FONT_DIR, $XDG_DATA_HOME/fonts, ~/.local/share/fonts, ~/.fonts,
// /usr/local/share/fonts, /usr/share/fonts, /usr/X11R6/lib/X11/fonts.
std::vector<std::string> font_folders();

// Searches `folders` (recursively) for `bold` or regular sans.
FontSearch find_font(const std::vector<std::string>& folders, bool bold = false);

}  // namespace sdsim::viz
