#include "viz/architecture_view.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "viz/draw.hpp"
#include "viz/particles.hpp"

namespace sdsim::viz {

namespace {

// A two-letter mark inside each glyph, so shapes are not the only cue.
std::string kind_mark(const std::string& kind) {
  if (kind == "compute") return "EC2";
  if (kind == "function") return "λ";
  if (kind == "load_balancer") return "LB";
  if (kind == "dns") return "DNS";
  if (kind == "cache") return "$";
  if (kind == "kv_database") return "KV";
  if (kind == "relational_database") return "SQL";
  if (kind == "quorum_database") return "Q#";
  if (kind == "storage") return "S3";
  if (kind == "queue") return "Q";
  if (kind == "stream") return "≡";
  if (kind == "station") return "M/M";
  if (kind == "group") return "…";
  return kind.substr(0, 2);
}

void draw_shape(Canvas& target, const std::string& kind, const Rect& r, Colour fill, Colour outline) {
  const Point c = r.centre();
  const float s = r.w / 2;
  constexpr float pi = 3.14159265f;
  std::vector<Point> points;
  // n corners on the circle of radius s, the first at `start` radians (0: 3 o'clock).
  auto regular = [&](int n, float start) {
    for (int k = 0; k < n; ++k) {
      const float a = start + 2 * pi * static_cast<float>(k) / static_cast<float>(n);
      points.push_back({c.x + s * std::cos(a), c.y + s * std::sin(a)});
    }
  };
  if (kind == "load_balancer" || kind == "dns") {
    regular(4, -pi / 2);  // a diamond
  } else if (kind == "cache") {
    regular(6, -pi / 2);
  } else if (kind == "kv_database" || kind == "relational_database" || kind == "quorum_database" ||
             kind == "storage") {
    // A drum: a rectangle with rounded top and bottom.
    const int n = 12;
    for (int k = 0; k <= n; ++k) {
      const float a = pi * static_cast<float>(k) / n;
      points.push_back({c.x + s * std::cos(a), c.y + s * 0.75f + s * 0.25f * std::sin(a)});
    }
    for (int k = 0; k <= n; ++k) {
      const float a = pi + pi * static_cast<float>(k) / n;
      points.push_back({c.x + s * std::cos(a), c.y - s * 0.75f + s * 0.25f * std::sin(a)});
    }
  } else if (kind == "queue" || kind == "stream" || kind == "group") {
    points = {{c.x - s, c.y - s * 0.7f},
              {c.x + s, c.y - s * 0.7f},
              {c.x + s, c.y + s * 0.7f},
              {c.x - s, c.y + s * 0.7f}};
  } else {
    // A circle, one corner per 6 px of its edge.
    regular(static_cast<int>(std::clamp(2 * pi * s / 6, 12.0f, 40.0f)), 0);
  }
  polygon(target, points, fill, outline, 2);
}

Colour dim(Colour c, float f) {
  auto mix = [f](std::uint8_t v, std::uint8_t base) {
    return static_cast<std::uint8_t>(static_cast<float>(base) + (static_cast<float>(v) - base) * f);
  };
  return Colour{mix(c.r, palette::panel.r), mix(c.g, palette::panel.g), mix(c.b, palette::panel.b), 255};
}

std::string fault_label(const trace::FaultWindow& f) {
  std::string type = f.type;
  std::replace(type.begin(), type.end(), '_', ' ');
  return type + ": " + f.target;
}

// One small triangle each (half the cost of a square for a software renderer), light when served, red when
// refused.
void draw_particles(Canvas& target, const std::vector<Particle>& particles, float size) {
  const sf::Color ok = to_sf(palette::particle);
  const sf::Color bad = to_sf(palette::failing);
  const float h = size * 0.6f;
  for (const Particle& p : particles) {
    target.triangle({p.at.x, p.at.y - h}, {p.at.x + h, p.at.y + h * 0.7f}, {p.at.x - h, p.at.y + h * 0.7f},
                    p.failed ? bad : ok);
  }
}

float ring_radius(const Glyph& g, float small) {
  return g.rect.w / 2 + small * 0.45f;
}

float ring_width(float small) {
  return std::max(3.0f, small * 0.35f);
}

// At the glyph's right, as tall as the glyph.
Rect queue_bar(const Glyph& g, float small) {
  return Rect{g.rect.right() + small * 0.9f, g.rect.y, std::max(4.0f, small * 0.4f), g.rect.h};
}

}  // namespace

std::vector<const trace::FaultWindow*> active_faults(const trace::Trace& t, double t_s) {
  std::vector<const trace::FaultWindow*> out;
  for (const trace::FaultWindow& f : t.faults) {
    const double end = f.start_s + std::max(f.duration_s, t.window_s);
    if (t_s >= f.start_s && t_s < end) out.push_back(&f);
  }
  return out;
}

GlyphState glyph_state(const trace::Trace& t, const Layout& layout, std::size_t glyph,
                       std::optional<std::size_t> window, double t_s) {
  GlyphState s;
  const Glyph& g = layout.glyphs[glyph];
  std::uint64_t arrivals = 0, rejections = 0;
  for (std::size_t b : g.blocks) {
    if (window && *window < t.windows.size() && b < t.windows[*window].blocks.size()) {
      const trace::BlockPoint& p = t.windows[*window].blocks[b];
      s.utilization = std::max(s.utilization, p.utilization);
      s.queue += std::max(0.0, p.mean_in_system - p.utilization * p.servers);
      arrivals += p.arrivals;
      rejections += p.rejections;
    }
    const trace::BlockInfo& info = t.topology.blocks[b];
    for (const trace::FaultWindow* f : active_faults(t, t_s)) {
      if (std::find(f->blocks.begin(), f->blocks.end(), info.name) != f->blocks.end()) s.hit_by_fault = true;
      if (!info.zones.empty() && std::all_of(info.zones.begin(), info.zones.end(), [&](const std::string& z) {
            return std::find(f->zones.begin(), f->zones.end(), z) != f->zones.end();
          }))
        s.hit_by_fault = true;
    }
  }
  s.has_traffic = arrivals > 0;
  s.rejected_fraction = arrivals > 0 ? static_cast<double>(rejections) / static_cast<double>(arrivals) : 0;
  return s;
}

Colour health_colour(const GlyphState& s) {
  if (s.hit_by_fault || s.rejected_fraction > 0.01) return palette::failing;
  if (!s.has_traffic) return palette::muted;
  if (s.utilization >= 0.8 || s.rejected_fraction > 0) return palette::strained;
  return palette::healthy;
}

void draw_architecture_base(Canvas& target, const Theme& theme, const Layout& layout) {
  const auto small = static_cast<float>(theme.small);
  for (std::size_t i = 0; i < layout.lanes.size(); ++i) {
    const Lane& lane = layout.lanes[i];
    fill_rect(target, lane.rect, i % 2 == 0 ? palette::lane_a : palette::lane_b);
  }
  for (const Lane& lane : layout.lanes) {
    line(target, {lane.rect.x, lane.rect.bottom()}, {lane.rect.right(), lane.rect.bottom()}, 1,
         palette::grid);
  }
  for (const RegionBand& r : layout.regions)
    outline_rect(target, r.rect, palette::axis, 1.5f);

  // A block placed in several zones: a band down its lanes, so it does not read as living in one.
  for (const Glyph& g : layout.glyphs) {
    if (g.lane_hi <= g.lane_lo || g.lane_hi >= layout.lanes.size()) continue;
    const float pad = small * 0.5f;
    const float top = layout.lanes[g.lane_lo].rect.y + pad;
    const Rect band{g.rect.x - pad, top, g.rect.w + 2 * pad,
                    layout.lanes[g.lane_hi].rect.bottom() - pad - top};
    fill_rect(target, band, palette::span);
    outline_rect(target, band, palette::grid, 1);
  }
  // Clients, then edges under the glyphs.
  draw_shape(target, "clients", layout.clients, palette::panel, palette::muted);
  for (const EdgeLine& e : layout.edges) {
    const float pad = small * 0.7f;  // leave room for the ring
    Point a{e.a.x + pad, e.a.y}, b{e.b.x - pad, e.b.y};
    line(target, a, b, std::max(1.5f, theme.stroke * 0.75f), palette::edge);
    arrow_head(target, b, a, small * 0.7f, palette::edge);
  }
  for (const Glyph& g : layout.glyphs) {
    ring(target, g.rect.centre(), ring_radius(g, small), ring_width(small), 1, palette::ring_track);
    fill_rect(target, queue_bar(g, small), palette::ring_track);
  }
}

void draw_architecture_state(Canvas& target, const Theme& theme, const trace::Trace& t, const Layout& layout,
                             double t_s, std::size_t particles, float spacing) {
  const auto small = static_cast<float>(theme.small);
  // Faults in force shade the lanes they hit (translucent, over the lanes' lines and the edges).
  for (const trace::FaultWindow* f : active_faults(t, t_s)) {
    for (const std::string& z : f->zones) {
      for (std::size_t i : layout.lanes_of(z)) {
        const Rect& r = layout.lanes[i].rect;
        fill_rect(target, r, palette::fault);
        outline_rect(target, r, palette::fault_edge, 2);
      }
    }
  }
  if (particles > 0) {
    // One crossing takes a fortieth of the run: about 1.5 s when the whole run plays in a minute.
    const double transit = std::max(1e-3, (t.end_s - t.start_s) / 40);
    draw_particles(target, particles_at(t, layout, t_s, particles, transit, spacing),
                   std::max(3.0f, small * 0.3f));
  }
  const std::optional<std::size_t> window = t.window_at(t_s);
  for (std::size_t i = 0; i < layout.glyphs.size(); ++i) {
    const Glyph& g = layout.glyphs[i];
    const GlyphState s = glyph_state(t, layout, i, window, t_s);
    const Colour health = health_colour(s);
    draw_shape(target, g.kind, g.rect, dim(health, 0.35f), health);
    ring(target, g.rect.centre(), ring_radius(g, small), ring_width(small), static_cast<float>(s.utilization),
         s.utilization >= 0.8 ? palette::strained : palette::healthy);
    // Queue-depth bar: full at 20 waiting, on a square-root scale so short queues show.
    const Rect bar = queue_bar(g, small);
    const float q = static_cast<float>(std::sqrt(std::min(s.queue, 20.0) / 20.0));
    if (q > 0) fill_rect(target, Rect{bar.x, bar.bottom() - bar.h * q, bar.w, bar.h * q}, palette::strained);
  }
}

void draw_architecture_labels(Canvas& target, const Theme& theme, const Layout& layout) {
  const auto small = static_cast<float>(theme.small);
  for (const Lane& lane : layout.lanes) {
    text(target, theme.font, lane.label, theme.small,
         {lane.rect.x + small * 0.6f, lane.rect.centre().y - small * 0.6f}, palette::muted);
  }
  for (const RegionBand& r : layout.regions) {
    text(target, theme.bold, r.name, theme.label, {r.rect.x + small * 0.6f, r.rect.y + small * 0.3f},
         palette::text);
  }
  text(target, theme.font, "clients", theme.small, {layout.clients.centre().x, layout.clients.bottom() + 4},
       palette::muted, Align::centre);
  for (const Glyph& g : layout.glyphs) {
    const Point c = g.rect.centre();
    text(target, theme.bold, kind_mark(g.kind), theme.small, {c.x, c.y - small * 0.65f}, palette::text,
         Align::centre);
    text(target, theme.font, g.label, theme.small, {c.x, g.rect.bottom() + small * 0.55f}, palette::text,
         Align::centre);
  }
  if (!layout.note.empty()) {
    const Rect area = layout.lanes.empty() ? Rect{} : layout.lanes.back().rect;
    text(target, theme.font, layout.note, theme.small, {area.x + small, area.bottom() - small * 1.6f},
         palette::strained);
  }
}

void draw_fault_labels(Canvas& target, const Theme& theme, const trace::Trace& t, const Layout& layout,
                       double t_s) {
  const auto small = static_cast<float>(theme.small);
  for (const trace::FaultWindow* f : active_faults(t, t_s)) {
    // Labelled once, on the first lane it hits.
    for (const std::string& z : f->zones) {
      const std::vector<std::size_t> lanes = layout.lanes_of(z);
      if (lanes.empty()) continue;
      const Rect& r = layout.lanes[lanes.front()].rect;
      text(target, theme.bold, fault_label(*f), theme.small, {r.right() - small, r.y + small * 0.4f},
           palette::fault_edge, Align::right);
      break;
    }
  }
}

void draw_architecture(Canvas& target, const Theme& theme, const trace::Trace& t, const Layout& layout,
                       double t_s, std::size_t particles, float spacing) {
  draw_architecture_base(target, theme, layout);
  draw_architecture_state(target, theme, t, layout, t_s, particles, spacing);
  draw_architecture_labels(target, theme, layout);
  draw_fault_labels(target, theme, t, layout, t_s);
}

}  // namespace sdsim::viz
