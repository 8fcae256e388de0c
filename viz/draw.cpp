#include "viz/draw.hpp"

#include <SFML/Graphics/Text.hpp>
#include <algorithm>
#include <cmath>

namespace sdsim::viz {

namespace {

constexpr float pi = 3.14159265358979f;

void add_segment(Canvas& target, Point a, Point b, float width, sf::Color c) {
  const float dx = b.x - a.x;
  const float dy = b.y - a.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len <= 0) return;
  const float nx = -dy / len * width / 2;
  const float ny = dx / len * width / 2;
  const sf::Vector2f p0{a.x + nx, a.y + ny}, p1{a.x - nx, a.y - ny}, p2{b.x - nx, b.y - ny},
      p3{b.x + nx, b.y + ny};
  target.triangle(p0, p1, p2, c);
  target.triangle(p0, p2, p3, c);
}

}  // namespace

sf::Color to_sf(Colour c) {
  return sf::Color(c.r, c.g, c.b, c.a);
}

void fill_rect(Canvas& target, const Rect& r, Colour c) {
  const sf::Color colour = to_sf(c);
  target.triangle({r.x, r.y}, {r.right(), r.y}, {r.right(), r.bottom()}, colour);
  target.triangle({r.x, r.y}, {r.right(), r.bottom()}, {r.x, r.bottom()}, colour);
}

void outline_rect(Canvas& target, const Rect& r, Colour c, float thickness) {
  fill_rect(target, Rect{r.x, r.y, r.w, thickness}, c);
  fill_rect(target, Rect{r.x, r.bottom() - thickness, r.w, thickness}, c);
  fill_rect(target, Rect{r.x, r.y + thickness, thickness, r.h - 2 * thickness}, c);
  fill_rect(target, Rect{r.right() - thickness, r.y + thickness, thickness, r.h - 2 * thickness}, c);
}

void line(Canvas& target, Point a, Point b, float width, Colour c) {
  add_segment(target, a, b, width, to_sf(c));
}

void polyline(Canvas& target, const std::vector<Point>& points, float width, Colour c) {
  const sf::Color colour = to_sf(c);
  for (std::size_t i = 1; i < points.size(); ++i)
    add_segment(target, points[i - 1], points[i], width, colour);
}

void ring(Canvas& target, Point centre, float radius, float thickness, float fraction, Colour c) {
  fraction = std::clamp(fraction, 0.0f, 1.0f);
  if (fraction <= 0) return;
  // About one step per 6 px of the outer edge (a chord then strays under 0.3 px from the circle): a software
  // renderer pays for every triangle.
  const float full_turn = std::clamp(2 * pi * (radius + thickness / 2) / 6, 16.0f, 64.0f);
  const int steps = std::max(2, static_cast<int>(std::ceil(full_turn * fraction)));
  const sf::Color colour = to_sf(c);
  const float outer = radius + thickness / 2;
  const float inner = radius - thickness / 2;
  auto at = [&](int i, float r) {
    const float angle = -pi / 2 + 2 * pi * fraction * static_cast<float>(i) / static_cast<float>(steps);
    return sf::Vector2f{centre.x + std::cos(angle) * r, centre.y + std::sin(angle) * r};
  };
  for (int i = 0; i < steps; ++i) {
    target.triangle(at(i, outer), at(i, inner), at(i + 1, inner), colour);
    target.triangle(at(i, outer), at(i + 1, inner), at(i + 1, outer), colour);
  }
}

void arrow_head(Canvas& target, Point tip, Point from, float size, Colour c) {
  const float dx = tip.x - from.x;
  const float dy = tip.y - from.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len <= 0) return;
  const float ux = dx / len, uy = dy / len;
  target.triangle({tip.x, tip.y},
                  {tip.x - ux * size - uy * size * 0.5f, tip.y - uy * size + ux * size * 0.5f},
                  {tip.x - ux * size + uy * size * 0.5f, tip.y - uy * size - ux * size * 0.5f}, to_sf(c));
}

void polygon(Canvas& target, const std::vector<Point>& points, Colour fill, Colour outline, float thickness) {
  if (points.size() < 3) return;
  Point centre;
  for (const Point& p : points) {
    centre.x += p.x / static_cast<float>(points.size());
    centre.y += p.y / static_cast<float>(points.size());
  }
  const sf::Color colour = to_sf(fill);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Point& a = points[i];
    const Point& b = points[(i + 1) % points.size()];
    target.triangle({centre.x, centre.y}, {a.x, a.y}, {b.x, b.y}, colour);
  }
  if (thickness <= 0) return;
  const sf::Color edge = to_sf(outline);
  for (std::size_t i = 0; i < points.size(); ++i)
    add_segment(target, points[i], points[(i + 1) % points.size()], thickness, edge);
}

float text_width(const sf::Font& font, const std::string& s, unsigned size) {
  sf::Text t(sf::String::fromUtf8(s.begin(), s.end()), font, size);
  return t.getLocalBounds().width;
}

float text(Canvas& target, const sf::Font& font, const std::string& s, unsigned size, Point p, Colour c,
           Align align) {
  sf::Text t(sf::String::fromUtf8(s.begin(), s.end()), font, size);
  t.setFillColor(to_sf(c));
  const float w = t.getLocalBounds().width;
  float x = p.x;
  if (align == Align::centre) x -= w / 2;
  if (align == Align::right) x -= w;
  t.setPosition(std::round(x), std::round(p.y));
  target.draw_now(t);
  return w;
}

}  // namespace sdsim::viz
