#include "viz/draw.hpp"

#include <SFML/Graphics/RectangleShape.hpp>
#include <SFML/Graphics/Text.hpp>
#include <SFML/Graphics/VertexArray.hpp>
#include <algorithm>
#include <cmath>

namespace sdsim::viz {

namespace {

constexpr float pi = 3.14159265358979f;

void add_segment(sf::VertexArray& v, Point a, Point b, float width, sf::Color c) {
  const float dx = b.x - a.x;
  const float dy = b.y - a.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len <= 0) return;
  const float nx = -dy / len * width / 2;
  const float ny = dx / len * width / 2;
  const sf::Vector2f p0{a.x + nx, a.y + ny}, p1{a.x - nx, a.y - ny}, p2{b.x - nx, b.y - ny},
      p3{b.x + nx, b.y + ny};
  for (const sf::Vector2f& p : {p0, p1, p2, p0, p2, p3})
    v.append(sf::Vertex(p, c));
}

}  // namespace

sf::Color to_sf(Colour c) {
  return sf::Color(c.r, c.g, c.b, c.a);
}

void fill_rect(sf::RenderTarget& target, const Rect& r, Colour c) {
  sf::RectangleShape shape({r.w, r.h});
  shape.setPosition(r.x, r.y);
  shape.setFillColor(to_sf(c));
  target.draw(shape);
}

void outline_rect(sf::RenderTarget& target, const Rect& r, Colour c, float thickness) {
  sf::RectangleShape shape({r.w - 2 * thickness, r.h - 2 * thickness});
  shape.setPosition(r.x + thickness, r.y + thickness);
  shape.setFillColor(sf::Color::Transparent);
  shape.setOutlineColor(to_sf(c));
  shape.setOutlineThickness(thickness);
  target.draw(shape);
}

void line(sf::RenderTarget& target, Point a, Point b, float width, Colour c) {
  sf::VertexArray v(sf::Triangles);
  add_segment(v, a, b, width, to_sf(c));
  target.draw(v);
}

void polyline(sf::RenderTarget& target, const std::vector<Point>& points, float width, Colour c) {
  if (points.size() < 2) return;
  sf::VertexArray v(sf::Triangles);
  const sf::Color colour = to_sf(c);
  for (std::size_t i = 1; i < points.size(); ++i)
    add_segment(v, points[i - 1], points[i], width, colour);
  target.draw(v);
}

void ring(sf::RenderTarget& target, Point centre, float radius, float thickness, float fraction, Colour c) {
  fraction = std::clamp(fraction, 0.0f, 1.0f);
  const int steps = std::max(2, static_cast<int>(64 * fraction));
  sf::VertexArray v(sf::TriangleStrip);
  const sf::Color colour = to_sf(c);
  for (int i = 0; i <= steps; ++i) {
    const float angle = -pi / 2 + 2 * pi * fraction * static_cast<float>(i) / static_cast<float>(steps);
    const float cx = std::cos(angle);
    const float sy = std::sin(angle);
    v.append(sf::Vertex({centre.x + cx * (radius + thickness / 2), centre.y + sy * (radius + thickness / 2)},
                        colour));
    v.append(sf::Vertex({centre.x + cx * (radius - thickness / 2), centre.y + sy * (radius - thickness / 2)},
                        colour));
  }
  target.draw(v);
}

void arrow_head(sf::RenderTarget& target, Point tip, Point from, float size, Colour c) {
  const float dx = tip.x - from.x;
  const float dy = tip.y - from.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  if (len <= 0) return;
  const float ux = dx / len, uy = dy / len;
  sf::VertexArray v(sf::Triangles, 3);
  v[0] = sf::Vertex({tip.x, tip.y}, to_sf(c));
  v[1] = sf::Vertex({tip.x - ux * size - uy * size * 0.5f, tip.y - uy * size + ux * size * 0.5f}, to_sf(c));
  v[2] = sf::Vertex({tip.x - ux * size + uy * size * 0.5f, tip.y - uy * size - ux * size * 0.5f}, to_sf(c));
  target.draw(v);
}

float text_width(const sf::Font& font, const std::string& s, unsigned size) {
  sf::Text t(sf::String::fromUtf8(s.begin(), s.end()), font, size);
  return t.getLocalBounds().width;
}

float text(sf::RenderTarget& target, const sf::Font& font, const std::string& s, unsigned size, Point p,
           Colour c, Align align) {
  sf::Text t(sf::String::fromUtf8(s.begin(), s.end()), font, size);
  t.setFillColor(to_sf(c));
  const float w = t.getLocalBounds().width;
  float x = p.x;
  if (align == Align::centre) x -= w / 2;
  if (align == Align::right) x -= w;
  t.setPosition(std::round(x), std::round(p.y));
  target.draw(t);
  return w;
}

}  // namespace sdsim::viz
