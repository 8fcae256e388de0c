#include "sim/experiment/sweep_grid.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "sim/design/overrides.hpp"

namespace sdsim {

namespace {

std::optional<double> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double v = 0;
  const char* begin = text.data();
  if (*begin == '+') ++begin;
  auto [end, ec] = std::from_chars(begin, text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// Decimals a number is written with: "0.25" 2, "3" 0, "1.5e-3" 4.
int written_decimals(std::string_view text) {
  std::size_t e = text.find_first_of("eE");
  std::string_view mantissa = text.substr(0, e);
  int decimals = 0;
  if (std::size_t dot = mantissa.find('.'); dot != std::string_view::npos)
    decimals = static_cast<int>(mantissa.size() - dot - 1);
  if (e != std::string_view::npos) decimals -= std::atoi(std::string(text.substr(e + 1)).c_str());
  return std::clamp(decimals, 0, 15);
}

// Splits at commas that are not inside [], {} or a "string".
std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> items(1);
  int depth = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '\\' && i + 1 < text.size()) {
        items.back() += c;
        items.back() += text[++i];
        continue;
      }
      if (c == '"') quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      --depth;
    } else if (c == ',' && depth == 0) {
      items.emplace_back();
      continue;
    }
    items.back() += c;
  }
  return items;
}

}  // namespace

std::size_t SweepGrid::size() const {
  std::size_t n = 1;
  for (const SweepAxis& axis : axes)
    n *= axis.values.size();
  return n;
}

std::vector<std::size_t> SweepGrid::coordinates(std::size_t index) const {
  std::vector<std::size_t> out(axes.size());
  for (std::size_t a = axes.size(); a-- > 0;) {
    out[a] = index % axes[a].values.size();
    index /= axes[a].values.size();
  }
  return out;
}

std::vector<std::string> SweepGrid::values(std::size_t index) const {
  std::vector<std::string> out;
  const std::vector<std::size_t> at = coordinates(index);
  for (std::size_t a = 0; a < axes.size(); ++a)
    out.push_back(axes[a].values[at[a]]);
  return out;
}

std::vector<std::string> SweepGrid::settings(std::size_t index) const {
  std::vector<std::string> out = fixed;
  const std::vector<std::string> v = values(index);
  for (std::size_t a = 0; a < axes.size(); ++a)
    out.push_back(axes[a].path + "=" + v[a]);
  return out;
}

std::optional<std::vector<std::string>> expand_range(std::string_view text, std::string& error) {
  const std::size_t first = text.find(':');
  const std::size_t second = first == std::string_view::npos ? first : text.find(':', first + 1);
  if (second == std::string_view::npos || text.find(':', second + 1) != std::string_view::npos)
    return std::nullopt;
  const std::string_view lo_text = text.substr(0, first);
  const std::string_view hi_text = text.substr(first + 1, second - first - 1);
  const std::string_view step_text = text.substr(second + 1);
  auto lo = parse_number(lo_text), hi = parse_number(hi_text), step = parse_number(step_text);
  if (!lo || !hi || !step) return std::nullopt;
  const std::string range(text);
  if (*step <= 0) {
    error = "range " + range + ": the step must be positive (lo:hi:step, for example 2:16:2)";
    return std::nullopt;
  }
  if (*hi < *lo) {
    error = "range " + range + ": hi is below lo (lo:hi:step counts up from lo to hi)";
    return std::nullopt;
  }
  // A step that lands on hi up to rounding (0.1:0.7:0.1 is 5.999... steps) still reaches it.
  const double steps = (*hi - *lo) / *step;
  if (steps + 1 > static_cast<double>(max_sweep_points)) {
    error = "range " + range + " has more than " + std::to_string(max_sweep_points) +
            " values; use a larger step";
    return std::nullopt;
  }
  const auto count = static_cast<std::size_t>(std::floor(steps + 1e-9)) + 1;
  const int decimals =
      std::max({written_decimals(lo_text), written_decimals(hi_text), written_decimals(step_text)});
  std::vector<std::string> values;
  for (std::size_t i = 0; i < count; ++i) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, *lo + static_cast<double>(i) * *step);
    std::string value = buffer;
    if (value[0] == '-' && std::strtod(buffer, nullptr) == 0) value.erase(0, 1);
    values.push_back(std::move(value));
  }
  return values;
}

std::optional<SweepGrid> parse_sweep_grid(const std::vector<std::string>& sets, std::string& error) {
  SweepGrid grid;
  for (const std::string& text : sets) {
    const std::size_t eq = text.find('=');
    if (eq == std::string::npos) {
      error = "--set " + text + ": expected PATH=VALUE (or PATH=a,b,c or PATH=lo:hi:step)";
      return std::nullopt;
    }
    const std::string path = text.substr(0, eq);
    const std::vector<std::string> items = split_list(std::string_view(text).substr(eq + 1));
    std::vector<std::string> values;
    bool swept = items.size() > 1;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (items[i].empty()) {
        error = "--set " + text + ": item " + std::to_string(i + 1) + " of the list is empty (write " + path +
                "=a,b,c)";
        return std::nullopt;
      }
      std::string range_error;
      if (auto range = expand_range(items[i], range_error)) {
        values.insert(values.end(), range->begin(), range->end());
        swept = true;
      } else if (!range_error.empty()) {
        error = "--set " + text + ": " + range_error;
        return std::nullopt;
      } else {
        values.push_back(items[i]);
      }
    }
    std::string syntax;
    if (!parse_override(path + "=" + values[0], syntax)) {
      error = "--set " + text + ": " + syntax;
      return std::nullopt;
    }
    if (!swept) {
      grid.fixed.push_back(text);
      continue;
    }
    for (const SweepAxis& axis : grid.axes) {
      if (axis.path == path) {
        error = "--set " + text + ": " + path + " is already swept; give all its values in one --set";
        return std::nullopt;
      }
    }
    grid.axes.push_back({path, std::move(values)});
  }
  double points = 1;
  std::string product;
  for (const SweepAxis& axis : grid.axes) {
    points *= static_cast<double>(axis.values.size());
    product += (product.empty() ? "" : " x ") + std::to_string(axis.values.size());
  }
  if (points > static_cast<double>(max_sweep_points)) {
    char count[32];
    std::snprintf(count, sizeof count, "%.0f", points);
    error = std::string("the grid has ") + count + " points (" + product + "); sdsim sweep runs at most " +
            std::to_string(max_sweep_points) + ": narrow a range, take larger steps, or split the sweep";
    return std::nullopt;
  }
  return grid;
}

}  // namespace sdsim
