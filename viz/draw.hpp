#pragma once
// Drawing primitives shared by the views: filled and outlined rectangles, thick lines and polylines, rings,
// and text aligned on a point. Each call draws at once onto the target; nothing is kept.
#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <string>
#include <utility>
#include <vector>

#include "viz/geometry.hpp"
#include "viz/palette.hpp"

namespace sdsim::viz {

sf::Color to_sf(Colour c);

void fill_rect(sf::RenderTarget& target, const Rect& r, Colour c);
void outline_rect(sf::RenderTarget& target, const Rect& r, Colour c, float thickness);
void line(sf::RenderTarget& target, Point a, Point b, float width, Colour c);
// One connected line through `points`, drawn in a single call.
void polyline(sf::RenderTarget& target, const std::vector<Point>& points, float width, Colour c);
// An arc of a ring centred on `centre`, from 12 o'clock clockwise over `fraction` of the turn.
void ring(sf::RenderTarget& target, Point centre, float radius, float thickness, float fraction, Colour c);
void arrow_head(sf::RenderTarget& target, Point tip, Point from, float size, Colour c);

enum class Align { left, centre, right };

// Draws `text` with its top at p.y, aligned on p.x; returns its width (px).
float text(sf::RenderTarget& target, const sf::Font& font, const std::string& s, unsigned size, Point p,
           Colour c, Align align = Align::left);
float text_width(const sf::Font& font, const std::string& s, unsigned size);

}  // namespace sdsim::viz
