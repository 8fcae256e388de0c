#include "viz/particles.hpp"

#include <algorithm>
#include <cmath>

namespace sdsim::viz {

namespace {

// The glyph's arrivals per second in the window: the sum over its blocks.
double arrivals_per_s(const trace::Trace& t, const Glyph& g, std::size_t window) {
  const trace::Window& w = t.windows[window];
  const double start = window == 0 ? t.start_s : t.windows[window - 1].end_s;
  const double length = std::max(1e-9, w.end_s - start);
  double arrivals = 0;
  for (std::size_t b : g.blocks) {
    if (b < w.blocks.size()) arrivals += static_cast<double>(w.blocks[b].arrivals);
  }
  return arrivals / length;
}

double refused_share(const trace::Trace& t, const Glyph& g, std::size_t window) {
  const trace::Window& w = t.windows[window];
  double arrivals = 0, refused = 0;
  for (std::size_t b : g.blocks) {
    if (b >= w.blocks.size()) continue;
    arrivals += static_cast<double>(w.blocks[b].arrivals);
    refused += static_cast<double>(w.blocks[b].rejections);
  }
  return arrivals > 0 ? std::min(1.0, refused / arrivals) : 0;
}

}  // namespace

std::vector<Particle> particles_at(const trace::Trace& t, const Layout& layout, double t_s,
                                   std::size_t budget, double transit_s, float spacing) {
  std::vector<Particle> out;
  const auto window = t.window_at(t_s);
  if (!window || budget == 0 || layout.edges.empty()) return out;
  std::vector<double> rate(layout.edges.size(), 0);
  double total = 0;
  for (std::size_t e = 0; e < layout.edges.size(); ++e) {
    const EdgeLine& edge = layout.edges[e];
    rate[e] = arrivals_per_s(t, layout.glyphs[static_cast<std::size_t>(edge.to)], *window);
    total += rate[e];
  }
  if (total <= 0) return out;
  out.reserve(budget);
  const double phase_base = t_s / std::max(transit_s, 1e-9);
  for (std::size_t e = 0; e < layout.edges.size(); ++e) {
    const EdgeLine& edge = layout.edges[e];
    auto n = static_cast<std::size_t>(std::floor(static_cast<double>(budget) * rate[e] / total));
    if (spacing > 0) {
      const double length = std::hypot(edge.b.x - edge.a.x, edge.b.y - edge.a.y);
      n = std::min(n, static_cast<std::size_t>(length / spacing));
    }
    if (n == 0) continue;
    const double refused = refused_share(t, layout.glyphs[static_cast<std::size_t>(edge.to)], *window);
    for (std::size_t k = 0; k < n; ++k) {
      // Evenly spaced along the edge, shifted by a fixed per-particle jitter so they do not march in step;
      // the same golden-ratio sequence picks the refused share.
      const double golden = std::fmod(static_cast<double>(k) * 0.618033988749895, 1.0);
      const double jitter = golden / static_cast<double>(n);
      double f = phase_base + static_cast<double>(k) / static_cast<double>(n) + jitter;
      f -= std::floor(f);
      const auto ff = static_cast<float>(f);
      out.push_back(
          Particle{Point{edge.a.x + (edge.b.x - edge.a.x) * ff, edge.a.y + (edge.b.y - edge.a.y) * ff},
                   golden < refused});
    }
  }
  return out;
}

}  // namespace sdsim::viz
