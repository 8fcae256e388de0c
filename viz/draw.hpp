#pragma once
// Drawing primitives shared by the views: filled and outlined rectangles, thick lines and polylines, rings,
// polygons, and text aligned on a point. Shapes are gathered into one triangle mesh per run of shapes (a
// software renderer pays per draw call), drawn before the next text and at the end, so painter's order holds.
#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/VertexArray.hpp>
#include <string>
#include <utility>
#include <vector>

#include "viz/geometry.hpp"
#include "viz/palette.hpp"

namespace sdsim::viz {

sf::Color to_sf(Colour c);

class Canvas {
 public:
  explicit Canvas(sf::RenderTarget& target) : target_(target) {}
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;
  ~Canvas() { flush(); }

  void triangle(sf::Vector2f a, sf::Vector2f b, sf::Vector2f c, sf::Color colour) {
    mesh_.append(sf::Vertex(a, colour));
    mesh_.append(sf::Vertex(b, colour));
    mesh_.append(sf::Vertex(c, colour));
  }
  // Draws the shapes gathered so far, then `d` over them.
  void draw_now(const sf::Drawable& d) {
    flush();
    target_.draw(d);
  }
  void flush() {
    if (mesh_.getVertexCount() == 0) return;
    target_.draw(mesh_);
    mesh_.clear();
  }

 private:
  sf::RenderTarget& target_;
  sf::VertexArray mesh_{sf::Triangles};
};

void fill_rect(Canvas& target, const Rect& r, Colour c);
void outline_rect(Canvas& target, const Rect& r, Colour c, float thickness);
void line(Canvas& target, Point a, Point b, float width, Colour c);
// One connected line through `points`, drawn in a single call.
void polyline(Canvas& target, const std::vector<Point>& points, float width, Colour c);
// An arc of a ring centred on `centre`, from 12 o'clock clockwise over `fraction` of the turn.
void ring(Canvas& target, Point centre, float radius, float thickness, float fraction, Colour c);
void arrow_head(Canvas& target, Point tip, Point from, float size, Colour c);
// A convex polygon filled, with an outline `thickness` px wide (0: none).
void polygon(Canvas& target, const std::vector<Point>& points, Colour fill, Colour outline, float thickness);

enum class Align { left, centre, right };

// Draws `text` with its top at p.y, aligned on p.x; returns its width (px).
float text(Canvas& target, const sf::Font& font, const std::string& s, unsigned size, Point p, Colour c,
           Align align = Align::left);
float text_width(const sf::Font& font, const std::string& s, unsigned size);

}  // namespace sdsim::viz
