#include "viz/inspector_view.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace sdsim::viz {

namespace {

// Greedy word wrap at about `chars` characters a line (the font is proportional; this leaves a margin).
std::vector<std::string> wrapped(const std::string& s, std::size_t chars) {
  std::vector<std::string> lines;
  std::string current;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t end = s.find(' ', pos);
    if (end == std::string::npos) end = s.size();
    const std::string word = s.substr(pos, end - pos);
    if (!current.empty() && current.size() + 1 + word.size() > chars) {
      lines.push_back(current);
      current.clear();
    }
    current += (current.empty() ? "" : " ") + word;
    pos = end + 1;
  }
  if (!current.empty()) lines.push_back(current);
  return lines;
}

float panel_width(Rect area, unsigned label_size) {
  return std::min(area.w - 2 * static_cast<float>(label_size),
                  std::max(area.w * 0.42f, static_cast<float>(label_size) * 24));
}

std::size_t wrap_chars(float width, unsigned small_size) {
  return static_cast<std::size_t>(std::max(10.0f, width / (static_cast<float>(small_size) * 0.58f)));
}

}  // namespace

Rect inspector_rect(const InspectorModel& m, Rect area, Rect glyph, unsigned label_size,
                    unsigned small_size) {
  const auto label = static_cast<float>(label_size);
  const auto small = static_cast<float>(small_size);
  const float w = panel_width(area, label_size);
  float h = label * 1.4f + small * 1.6f + label * 0.6f;  // title, subtitle, padding
  for (const InspectorSection& s : m.sections)
    h += small * 1.7f + static_cast<float>(s.rows.size()) * small * 1.45f;
  for (const std::string& n : m.notes)
    h += static_cast<float>(wrapped(n, wrap_chars(w - label * 2, small_size)).size()) * small * 1.35f;
  h = std::min(h, area.h - label);
  const float x =
      glyph.centre().x > area.centre().x ? area.x + label * 0.5f : area.right() - w - label * 0.5f;
  return Rect{x, area.y + label * 0.5f, w, h};
}

void draw_inspector(Canvas& target, const Theme& theme, const InspectorModel& m, Rect area, Rect glyph) {
  const auto label = static_cast<float>(theme.label);
  const auto small = static_cast<float>(theme.small);
  outline_rect(target, Rect{glyph.x - small, glyph.y - small, glyph.w + 2 * small, glyph.h + 2 * small},
               palette::text, 2);
  const Rect box = inspector_rect(m, area, glyph, theme.label, theme.small);
  fill_rect(target, box, Colour{0x10, 0x14, 0x1a, 0xf0});
  outline_rect(target, box, palette::axis, 2);
  const float left = box.x + label * 0.8f;
  const float right = box.right() - label * 0.8f;
  float y = box.y + label * 0.5f;
  text(target, theme.bold, m.title, theme.label, {left, y}, palette::text);
  y += label * 1.4f;
  text(target, theme.font, m.subtitle, theme.small, {left, y}, palette::muted);
  y += small * 1.6f;
  for (const InspectorSection& s : m.sections) {
    if (y + small * 1.7f > box.bottom()) return;
    line(target, {left, y + small * 0.3f}, {right, y + small * 0.3f}, 1, palette::grid);
    text(target, theme.bold, s.title, theme.small, {left, y + small * 0.45f}, palette::muted);
    y += small * 1.7f;
    for (const InspectorRow& r : s.rows) {
      if (y + small * 1.45f > box.bottom()) return;
      text(target, theme.font, r.name, theme.small, {left, y}, palette::text);
      text(target, theme.bold, r.value, theme.small, {right, y},
           r.warning ? palette::strained : palette::text, Align::right);
      y += small * 1.45f;
    }
  }
  for (const std::string& n : m.notes) {
    for (const std::string& part : wrapped(n, wrap_chars(right - left, theme.small))) {
      if (y + small * 1.35f > box.bottom()) return;
      text(target, theme.font, part, theme.small, {left, y}, palette::strained);
      y += small * 1.35f;
    }
  }
}

}  // namespace sdsim::viz
