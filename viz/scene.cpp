#include "viz/scene.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "viz/architecture_view.hpp"
#include "viz/chart_view.hpp"
#include "viz/draw.hpp"
#include "viz/inspector_view.hpp"

namespace sdsim::viz {

namespace {

std::string fixed(double v, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

LayoutOptions layout_options(const Theme& theme) {
  LayoutOptions o;
  const auto small = static_cast<float>(theme.small);
  o.label_width = small * 7.5f;
  o.client_width = small * 5;
  o.label_height = small * 1.8f;
  o.max_glyph = theme.glyph_max;
  o.min_glyph = small * 2;
  return o;
}

void draw_title(Canvas& target, const Theme& theme, const Scene& scene) {
  const trace::Trace& t = *scene.trace;
  const Rect& r = scene.geometry.title;
  const auto small = static_cast<float>(theme.small);
  fill_rect(target, r, palette::panel);
  text(target, theme.bold, t.design + "  ·  " + t.scenario, theme.title, {r.x + small, r.y + small * 0.5f},
       palette::text);
  // Headline: the focus flow's run figures, and the cost.
  std::string headline;
  const std::size_t f = focus_flow(t);
  if (f < t.headline.flows.size()) {
    const trace::FlowHeadline& h = t.headline.flows[f];
    headline = h.name + ": " + fixed(h.throughput_per_s, 0) + " req/s, p99 " + fixed(h.p99_ms, 1) + " ms, " +
               fixed(100 * h.success_fraction, 2) + "% ok";
  }
  if (t.headline.usd_per_month > 0) headline += "   ·   $" + fixed(t.headline.usd_per_month, 0) + "/month";
  text(target, theme.font, "whole run  " + headline, theme.label,
       {r.right() - small, r.y + static_cast<float>(theme.title) * 1.5f}, palette::muted, Align::right);
  text(target, theme.font, "? help", theme.small, {r.right() - small, r.y + small * 0.5f}, palette::muted,
       Align::right);
}

void draw_clock(Canvas& target, const Theme& theme, const Scene& scene, const FrameState& state) {
  const Rect& r = scene.geometry.title;
  const auto small = static_cast<float>(theme.small);
  std::string clock = "t = " + fixed(state.t_s, 1) + " s of " + fixed(scene.trace->end_s, 0) + " s";
  if (state.playing) clock += "   playing x" + fixed(state.speed, state.speed < 10 ? 1 : 0);
  text(target, theme.font, clock, theme.label, {r.x + small, r.y + static_cast<float>(theme.title) * 1.5f},
       palette::muted);
}

void draw_legend(Canvas& target, const Theme& theme, const Rect& r) {
  const auto small = static_cast<float>(theme.small);
  fill_rect(target, r, palette::panel);
  float x = r.x + small;
  const float y = r.y + (r.h - small * 1.2f) / 2;
  auto swatch = [&](Colour c, const std::string& name) {
    fill_rect(target, Rect{x, y + small * 0.15f, small, small}, c);
    x += small * 1.5f;
    x += text(target, theme.font, name, theme.small, {x, y}, palette::muted) + small * 1.5f;
  };
  swatch(palette::healthy, "healthy");
  swatch(palette::strained, "busy >= 80% or refusing");
  swatch(palette::failing, "refusing > 1% or faulted");
  swatch(palette::fault, "fault in force");
  x += text(target, theme.font, "ring: utilization   bar: queue (0-20, sqrt)", theme.small, {x, y},
            palette::muted);
}

Rect timeline_bar(const Theme& theme, const Rect& r) {
  const auto small = static_cast<float>(theme.small);
  return Rect{r.x + small, r.y + r.h * 0.35f, r.w - 2 * small, r.h * 0.3f};
}

void draw_timeline(Canvas& target, const Theme& theme, const Scene& scene) {
  const trace::Trace& t = *scene.trace;
  const Rect& r = scene.geometry.timeline;
  const auto small = static_cast<float>(theme.small);
  fill_rect(target, r, palette::panel);
  const Rect bar = timeline_bar(theme, r);
  fill_rect(target, bar, palette::ring_track);
  const LinearScale x{0, std::max(t.end_s, 1e-9), bar.x, bar.right()};
  if (t.start_s > 0) fill_rect(target, Rect{bar.x, bar.y, x(t.start_s) - bar.x, bar.h}, palette::grid);
  for (const trace::FaultWindow& f : t.faults) {
    const float x0 = x(f.start_s);
    const float x1 = std::max(x0 + 3, x(f.start_s + f.duration_s));
    fill_rect(target, Rect{x0, bar.y - small * 0.3f, x1 - x0, bar.h + small * 0.6f}, palette::fault_edge);
  }
}

void draw_timeline_cursor(Canvas& target, const Theme& theme, const Scene& scene, const FrameState& state) {
  const trace::Trace& t = *scene.trace;
  const Rect& r = scene.geometry.timeline;
  const auto small = static_cast<float>(theme.small);
  const Rect bar = timeline_bar(theme, r);
  const LinearScale x{0, std::max(t.end_s, 1e-9), bar.x, bar.right()};
  const float cx = x(std::clamp(state.t_s, 0.0, t.end_s));
  fill_rect(target, Rect{bar.x, bar.y, cx - bar.x, bar.h}, palette::edge);
  fill_rect(target, Rect{cx - 2, r.y + small * 0.2f, 4, r.h - small * 0.4f}, palette::text);
}

void draw_help(Canvas& target, const Theme& theme, const Rect& area) {
  const auto label = static_cast<float>(theme.label);
  const char* keys[][2] = {{"space", "play / pause"},
                           {"+  /  -", "faster / slower"},
                           {"<-  /  ->", "one window back / on"},
                           {"Home / End", "start / end of the run"},
                           {"click", "a block: inspect it; the strip: scrub"},
                           {"?", "this help"},
                           {"Esc", "quit"}};
  const Rect box{area.x + area.w * 0.3f, area.y + area.h * 0.2f, area.w * 0.4f, label * 15.5f};
  fill_rect(target, box, Colour{0x10, 0x14, 0x1a, 0xee});
  outline_rect(target, box, palette::axis, 2);
  float y = box.y + label;
  text(target, theme.bold, "Keys", theme.title, {box.x + label, y}, palette::text);
  y += label * 2.2f;
  for (const auto& [key, what] : keys) {
    text(target, theme.bold, key, theme.label, {box.x + label, y}, palette::text);
    text(target, theme.font, what, theme.label, {box.x + label * 8, y}, palette::text);
    y += label * 1.6f;
  }
}

}  // namespace

SceneGeometry scene_geometry(float width, float height, const Theme& theme,
                             const std::vector<std::size_t>& rows) {
  SceneGeometry g;
  const auto small = static_cast<float>(theme.small);
  const float gap = small * 0.6f;
  const float title_h = static_cast<float>(theme.title) * 1.5f + static_cast<float>(theme.label) * 1.6f;
  const float legend_h = small * 2.4f;
  const float timeline_h = small * 2.6f;
  g.title = Rect{0, 0, width, title_h};
  g.timeline = Rect{0, height - timeline_h, width, timeline_h};
  g.legend = Rect{0, g.timeline.y - legend_h - gap, width, legend_h};
  const float top = title_h + gap;
  const float body_h = g.legend.y - gap - top;
  const float arch_w = width * 0.58f;
  g.architecture = Rect{gap, top, arch_w - gap, body_h};
  const float chart_x = arch_w + gap;
  const float chart_w = width - chart_x - gap;
  const auto n = static_cast<float>(std::max<std::size_t>(1, rows.size()));
  const float chart_h = (body_h - (n - 1) * gap) / n;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const float y = top + static_cast<float>(r) * (chart_h + gap);
    const auto k = static_cast<float>(std::max<std::size_t>(1, rows[r]));
    const float w = (chart_w - (k - 1) * gap) / k;
    for (std::size_t c = 0; c < rows[r]; ++c)
      g.charts.push_back(Rect{chart_x + static_cast<float>(c) * (w + gap), y, w, chart_h});
  }
  return g;
}

SceneGeometry scene_geometry(float width, float height, const Theme& theme, std::size_t charts) {
  return scene_geometry(width, height, theme, std::vector<std::size_t>(charts, 1));
}

Scene::Scene(const trace::Trace& t, float width, float height, const Theme& theme) : trace(&t) {
  const std::size_t f = focus_flow(t);
  charts = {latency_chart(t, f), throughput_chart(t), availability_chart(t, f)};
  std::vector<std::size_t> rows{1, 1, 1};
  if (auto cost = cost_chart(t)) {
    charts.push_back(std::move(*cost));
    rows.back() = 2;
  }
  if (const auto reads = most_read_flow(t)) {
    charts.push_back(consistency_chart(t, *reads));
    charts.push_back(staleness_chart(t, *reads));
    rows.push_back(2);
    if (auto curve = visibility_chart(t, *reads)) {
      charts.push_back(std::move(*curve));
      rows.push_back(1);
    }
  }
  geometry = scene_geometry(width, height, theme, rows);
  layout = lay_out(t.topology, geometry.architecture, layout_options(theme));
}

void draw_scene_base(Canvas& target, const Theme& theme, const Scene& scene) {
  draw_title(target, theme, scene);
  draw_architecture_base(target, theme, scene.layout);
  for (std::size_t i = 0; i < scene.charts.size(); ++i)
    draw_chart(target, theme, scene.charts[i], scene.geometry.charts[i], -1);
  draw_legend(target, theme, scene.geometry.legend);
  draw_timeline(target, theme, scene);
}

void draw_scene_state(Canvas& target, const Theme& theme, const Scene& scene, const FrameState& state) {
  draw_architecture_state(target, theme, *scene.trace, scene.layout, state.t_s, state.particles,
                          state.particle_spacing);
  for (std::size_t i = 0; i < scene.charts.size(); ++i)
    draw_chart_cursor(target, theme, scene.charts[i], scene.geometry.charts[i], state.t_s);
  draw_timeline_cursor(target, theme, scene, state);
}

void draw_scene_labels(Canvas& target, const Theme& theme, const Scene& scene) {
  draw_architecture_labels(target, theme, scene.layout);
}

void draw_scene_top(Canvas& target, const Theme& theme, const Scene& scene, const FrameState& state) {
  draw_fault_labels(target, theme, *scene.trace, scene.layout, state.t_s);
  draw_clock(target, theme, scene, state);
  if (state.inspect && *state.inspect < scene.layout.glyphs.size()) {
    draw_inspector(target, theme, inspector_model(*scene.trace, scene.layout, *state.inspect, state.t_s),
                   scene.geometry.architecture, scene.layout.glyphs[*state.inspect].rect);
  }
  if (state.help)
    draw_help(target, theme, Rect{0, 0, scene.geometry.title.w, scene.geometry.timeline.bottom()});
}

void draw_scene(sf::RenderTarget& window, const Theme& theme, const Scene& scene, const FrameState& state) {
  window.clear(to_sf(palette::background));
  Canvas target(window);
  draw_scene_base(target, theme, scene);
  draw_scene_state(target, theme, scene, state);
  draw_scene_labels(target, theme, scene);
  draw_scene_top(target, theme, scene, state);
}

double default_moment(const trace::Trace& t) {
  if (!t.faults.empty()) {
    const trace::FaultWindow& f = t.faults.front();
    return f.start_s + std::max(f.duration_s, t.window_s) / 2;
  }
  return t.end_s;
}

}  // namespace sdsim::viz
