#pragma once
// Plain screen geometry (pixels, y down) shared by the layout and the views, free of any graphics library so
// that layout stays testable without a display.
namespace sdsim::viz {

struct Point {
  float x = 0;
  float y = 0;
};

struct Rect {
  float x = 0;
  float y = 0;
  float w = 0;
  float h = 0;
  float right() const { return x + w; }
  float bottom() const { return y + h; }
  Point centre() const { return {x + w / 2, y + h / 2}; }
  bool contains(Point p) const { return p.x >= x && p.x < x + w && p.y >= y && p.y < y + h; }
  bool overlaps(const Rect& o) const {
    return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
  }
  // This rectangle shrunk by `m` on every side.
  Rect inset(float m) const { return {x + m, y + m, w - 2 * m, h - 2 * m}; }
};

}  // namespace sdsim::viz
