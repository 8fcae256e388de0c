#pragma once
// Number and column formatting shared by the text reports: fixed decimals, confidence half-widths and padded
// columns that never touch.
#include <cstdio>
#include <string>

namespace sdsim::app {

inline std::string fixed(double v, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, v);
  return text;
}

// Enough digits to read a figure at a glance: 0.123, 12.34, 1234.5.
inline int decimals_for(double v) {
  return v < 1 ? 3 : v < 100 ? 2 : 1;
}

inline std::string ms(double v) {
  return fixed(v, decimals_for(v));
}

inline std::string with_ci(const std::string& value, double half_width, bool show, int decimals) {
  if (!show) return value;
  return value + " ±" + fixed(half_width, decimals);
}

inline std::string pad(const std::string& s, std::size_t width, bool left = false) {
  if (s.size() >= width) return left ? s + " " : " " + s;  // never let two columns touch
  std::string space(width - s.size(), ' ');
  return left ? s + space : space + s;
}

}  // namespace sdsim::app
