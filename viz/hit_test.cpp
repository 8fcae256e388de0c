#include "viz/hit_test.hpp"

#include <limits>

namespace sdsim::viz {

std::optional<std::size_t> glyph_at(const Layout& layout, Point p, float slack) {
  std::optional<std::size_t> best;
  float best_d2 = std::numeric_limits<float>::max();
  for (std::size_t i = 0; i < layout.glyphs.size(); ++i) {
    const Rect& r = layout.glyphs[i].rect;
    if (!Rect{r.x - slack, r.y - slack, r.w + 2 * slack, r.h + 2 * slack}.contains(p)) continue;
    const Point c = r.centre();
    const float d2 = (p.x - c.x) * (p.x - c.x) + (p.y - c.y) * (p.y - c.y);
    if (d2 < best_d2) {
      best_d2 = d2;
      best = i;
    }
  }
  return best;
}

std::optional<std::size_t> glyph_of(const trace::Topology& topology, const Layout& layout,
                                    const std::string& name) {
  for (std::size_t b = 0; b < topology.blocks.size() && b < layout.glyph_of_block.size(); ++b) {
    if (topology.blocks[b].name == name && layout.glyph_of_block[b] >= 0)
      return static_cast<std::size_t>(layout.glyph_of_block[b]);
  }
  return std::nullopt;
}

}  // namespace sdsim::viz
