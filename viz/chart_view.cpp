#include "viz/chart_view.hpp"

#include <SFML/Graphics/Text.hpp>
#include <algorithm>
#include <cmath>

#include "viz/draw.hpp"

namespace sdsim::viz {

ChartGeometry chart_geometry(const ChartModel& m, Rect area, unsigned label_size, unsigned small_size) {
  const auto label = static_cast<float>(label_size);
  const auto small = static_cast<float>(small_size);
  ChartGeometry g;
  // Title and legend rows above; value labels and the axis title to the left; time labels below.
  const float top = area.y + label * 1.6f + small * 1.6f;
  const float left = area.x + small * 4.5f + small * 1.6f;
  const float right = area.right() - small * 1.2f;
  const float bottom = area.bottom() - small * 3.2f;
  g.plot = Rect{left, top, std::max(1.0f, right - left), std::max(1.0f, bottom - top)};
  g.x = LinearScale{m.t0, m.t1, g.plot.x, g.plot.right()};
  g.y = LinearScale{m.y_min, m.y_max, g.plot.bottom(), g.plot.y};
  return g;
}

void draw_chart_cursor(Canvas& target, const Theme& theme, const ChartModel& m, Rect area, double cursor_s) {
  if (m.log_x || cursor_s < m.t0 || cursor_s > m.t1) return;
  const ChartGeometry g = chart_geometry(m, area, theme.label, theme.small);
  const float x = g.x(cursor_s);
  line(target, {x, g.plot.y}, {x, g.plot.bottom()}, 1.5f, palette::cursor);
}

void draw_chart(Canvas& target, const Theme& theme, const ChartModel& m, Rect area, double cursor_s) {
  const ChartGeometry g = chart_geometry(m, area, theme.label, theme.small);
  const auto small = static_cast<float>(theme.small);
  // Shapes first, all texts after them: each switch from shapes to text costs a draw call.
  fill_rect(target, area, palette::panel);

  // Legend row: every line and objective, with its colour.
  struct Entry {
    std::string name;
    float x;
  };
  std::vector<Entry> legend;
  float lx = area.x + small;
  const float ly = area.y + static_cast<float>(theme.label) * 1.6f;
  auto swatch = [&](const std::string& name, Colour c) {
    if (name.empty()) return;  // a line drawn without a legend entry
    fill_rect(target, Rect{lx, ly + small * 0.45f, small * 1.2f, std::max(2.0f, theme.stroke)}, c);
    lx += small * 1.6f;
    legend.push_back({name, lx});
    lx += text_width(theme.font, name, theme.small) + small * 1.2f;
  };
  for (const ChartLine& l : m.markers)
    swatch(l.label, l.colour);
  for (const ChartLine& l : m.lines)
    swatch(l.label, l.colour);
  for (const ReferenceLine& r : m.references)
    swatch(r.label, r.colour);

  // Fault spans behind the data.
  for (const auto& [from, to] : m.faults) {
    const float x0 = std::clamp(g.x(from), g.plot.x, g.plot.right());
    const float x1 = std::clamp(g.x(to), g.plot.x, g.plot.right());
    if (x1 > x0) fill_rect(target, Rect{x0, g.plot.y, x1 - x0, g.plot.h}, palette::fault);
  }
  std::vector<double> values;
  for (double v : nice_ticks(m.y_min, m.y_max, 4)) {
    if (v >= m.y_min - 1e-9 && v <= m.y_max + 1e-9) values.push_back(v);
  }
  std::vector<double> times;
  if (m.log_x) {
    for (double v = std::ceil(m.t0); v <= m.t1 + 1e-9; v += 1)
      times.push_back(v);
  } else {
    for (double v : nice_ticks(m.t0, m.t1, 6)) {
      if (v >= m.t0 - 1e-9 && v <= m.t1 + 1e-9) times.push_back(v);
    }
  }
  for (double v : values)
    line(target, {g.plot.x, g.y(v)}, {g.plot.right(), g.y(v)}, 1, palette::grid);
  for (double v : times)
    line(target, {g.x(v), g.plot.bottom()}, {g.x(v), g.plot.bottom() + small * 0.4f}, 1, palette::axis);
  line(target, {g.plot.x, g.plot.bottom()}, {g.plot.right(), g.plot.bottom()}, 1, palette::axis);
  line(target, {g.plot.x, g.plot.y}, {g.plot.x, g.plot.bottom()}, 1, palette::axis);

  for (const ReferenceLine& r : m.references) {
    const float y = g.y(r.value);
    // Dashed, so it never reads as data.
    for (float x = g.plot.x; x < g.plot.right(); x += small * 1.5f)
      line(target, {x, y}, {std::min(x + small * 0.9f, g.plot.right()), y}, theme.stroke, r.colour);
  }
  for (const ChartLine& l : m.lines) {
    std::vector<Point> points;
    points.reserve(l.points.size());
    for (const auto& [t, v] : l.points)
      points.push_back({g.x(t), std::clamp(g.y(v), g.plot.y, g.plot.bottom())});
    polyline(target, points, theme.stroke, l.colour);
  }
  const float mark = std::max(5.0f, small * 0.55f);
  for (const ChartLine& l : m.markers) {
    for (const auto& [x, v] : l.points) {
      const float y = std::clamp(g.y(v), g.plot.y, g.plot.bottom());
      fill_rect(target, Rect{g.x(x) - mark / 2, y - mark / 2, mark, mark}, l.colour);
    }
  }
  draw_chart_cursor(target, theme, m, area, cursor_s);

  text(target, theme.bold, m.title, theme.label, {area.x + small, area.y + small * 0.4f}, palette::text);
  for (const Entry& e : legend)
    text(target, theme.font, e.name, theme.small, {e.x, ly}, palette::muted);
  for (double v : values) {
    text(target, theme.font, tick_label(v), theme.small, {g.plot.x - small * 0.4f, g.y(v) - small * 0.65f},
         palette::muted, Align::right);
  }
  for (double v : times) {
    text(target, theme.font, tick_label(m.log_x ? std::pow(10.0, v) : v), theme.small,
         {g.x(v), g.plot.bottom() + small * 0.5f}, palette::muted, Align::centre);
  }
  text(target, theme.font, m.x_unit, theme.small, {g.plot.right(), g.plot.bottom() + small * 1.7f},
       palette::muted, Align::right);
  // The axis title, written up the left edge.
  sf::Text title(m.y_unit, theme.font, theme.small);
  title.setFillColor(to_sf(palette::muted));
  title.setRotation(-90);
  float w = title.getLocalBounds().width;
  if (w > g.plot.h) {  // a short chart: shrink the title to its height rather than overrun the panel
    title.setScale(g.plot.h / w, g.plot.h / w);
    w = g.plot.h;
  }
  title.setPosition(area.x + small * 0.3f, g.plot.y + g.plot.h / 2 + w / 2);
  target.draw_now(title);
}

}  // namespace sdsim::viz
