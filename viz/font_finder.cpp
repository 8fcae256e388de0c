#include "viz/font_finder.hpp"

#include <array>
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace sdsim::viz {

namespace fs = std::filesystem;

std::vector<std::string> font_folders() {
  std::vector<std::string> out;
  auto env = [](const char* name) -> std::string {
    const char* v = std::getenv(name);
    return v ? v : "";
  };
  if (!env("SDSIM_FONT_DIR").empty()) out.push_back(env("SDSIM_FONT_DIR"));
  if (!env("XDG_DATA_HOME").empty()) out.push_back(env("XDG_DATA_HOME") + "/fonts");
  if (!env("HOME").empty()) {
    out.push_back(env("HOME") + "/.local/share/fonts");
    out.push_back(env("HOME") + "/.fonts");
  }
  for (const char* dir : {"/usr/local/share/fonts", "/usr/share/fonts", "/usr/X11R6/lib/X11/fonts"})
    out.emplace_back(dir);
  return out;
}

FontSearch find_font(const std::vector<std::string>& folders, bool bold) {
  const std::array<const char*, 4> regular{"DejaVuSans.ttf", "LiberationSans-Regular.ttf",
                                           "NotoSans-Regular.ttf", "FreeSans.ttf"};
  const std::array<const char*, 4> heavy{"DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf",
                                         "NotoSans-Bold.ttf", "FreeSansBold.ttf"};
  const auto& wanted = bold ? heavy : regular;
  std::string any_ttf;
  std::string best;
  std::size_t best_rank = wanted.size();
  for (const std::string& folder : folders) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) continue;
    for (fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end;
         it != end && !ec; it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      const std::string name = it->path().filename().string();
      for (std::size_t r = 0; r < best_rank; ++r) {
        if (name == wanted[r]) {
          best = it->path().string();
          best_rank = r;
        }
      }
      if (any_ttf.empty() && it->path().extension() == ".ttf") any_ttf = it->path().string();
    }
    if (best_rank == 0) break;
  }
  if (!best.empty()) return {best, ""};
  if (!any_ttf.empty()) return {any_ttf, ""};
  std::string searched;
  for (const std::string& f : folders)
    searched += (searched.empty() ? "" : ", ") + f;
  return {"",
          "no TrueType font found (searched " + searched +
              "): install one, e.g. 'sudo apt-get install fonts-dejavu-core', or point SDSIM_FONT_DIR at a "
              "folder holding a .ttf file"};
}

}  // namespace sdsim::viz
