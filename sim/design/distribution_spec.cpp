#include "sim/design/distribution_spec.hpp"

#include "sim/catalog/format_params.hpp"
#include "sim/design/object_reader.hpp"

namespace sdsim {

namespace {

using namespace format;

constexpr std::size_t max_points = 100'000;

std::optional<Distribution> read_empirical(const Json& points, const std::string& pointer,
                                           Diagnostics& diagnostics) {
  std::size_t before = diagnostics.size();
  if (points.size() < 2 || points.size() > max_points) {
    diagnostics.error(
        pointer,
        "needs between 2 and " + std::to_string(max_points) + " points, got " + std::to_string(points.size()),
        "list [duration_ms, cumulative_probability] pairs, e.g. [[1, 0.5], [10, 1]]");
    return std::nullopt;
  }
  std::vector<Distribution::Point> out;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Json& p = points[i];
    std::string at = pointer + "/" + std::to_string(i);
    if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number()) {
      diagnostics.error(at, "each point must be [duration_ms, cumulative_probability]", "e.g. [12.5, 0.9]");
      continue;
    }
    double ms = p[0].get<double>(), cumulative = p[1].get<double>();
    if (ms < 0 || ms > max_ms || cumulative < 0 || cumulative > 1) {
      diagnostics.error(at, "duration must be 0 to 86400000 ms and probability 0 to 1", "fix the pair");
      continue;
    }
    if (!out.empty() && (ms < out.back().value_ns / 1e6 || cumulative < out.back().cumulative)) {
      diagnostics.error(at, "points must rise: duration and probability may not decrease",
                        "sort the points by duration");
    }
    out.push_back({ms * 1e6, cumulative});
  }
  if (diagnostics.size() != before) return std::nullopt;
  if (out.back().cumulative != 1.0) {
    diagnostics.error(pointer + "/" + std::to_string(points.size() - 1),
                      "the last point must have probability 1", "end the list with [longest_duration_ms, 1]");
    return std::nullopt;
  }
  return Distribution::empirical(std::move(out));
}

}  // namespace

const char* distribution_forms() {
  return "{\"dist\": \"constant\", \"value_ms\": 5}\n"
         "{\"dist\": \"exponential\", \"mean_ms\": 5}\n"
         "{\"dist\": \"lognormal\", \"p50_ms\": 4, \"p99_ms\": 40}\n"
         "{\"dist\": \"uniform\", \"min_ms\": 2, \"max_ms\": 8}\n"
         "{\"dist\": \"pareto\", \"scale_ms\": 1, \"shape\": 2.5}\n"
         "{\"dist\": \"empirical\", \"points_ms\": [[1, 0.5], [4, 0.9], [20, 1]]}";
}

std::optional<Distribution> read_distribution(const Json& value, const std::string& pointer,
                                              Diagnostics& diagnostics, const std::string& what) {
  ObjectReader r(value, pointer, diagnostics, what);
  if (!r.is_object()) return std::nullopt;
  std::size_t before = diagnostics.size();
  std::optional<std::string> kind = r.text(dist_kind);
  std::optional<Distribution> out;
  if (!kind) {
    // Missing or mistyped "dist": already diagnosed; the other keys cannot be judged.
    return std::nullopt;
  }
  if (*kind == "constant") {
    if (auto v = r.number(value_ms)) out = Distribution::constant(*v * 1e6);
  } else if (*kind == "exponential") {
    if (auto v = r.number(mean_ms)) out = Distribution::exponential(*v * 1e6);
  } else if (*kind == "lognormal") {
    auto p50 = r.number(p50_ms);
    auto p99 = r.number(p99_ms);
    if (p50 && p99) {
      if (*p99 <= *p50) {
        diagnostics.error(r.child_pointer("p99_ms"), "p99_ms must be above p50_ms",
                          "a lognormal needs spread: for a fixed time use {\"dist\": \"constant\"}");
      } else {
        out = Distribution::lognormal(*p50 * 1e6, *p99 * 1e6);
      }
    }
  } else if (*kind == "uniform") {
    auto lo = r.number(min_ms);
    auto hi = r.number(max_ms_spec);
    if (lo && hi) {
      if (*hi < *lo) {
        diagnostics.error(r.child_pointer("max_ms"), "max_ms must be at least min_ms", "swap the two values");
      } else {
        out = Distribution::uniform(*lo * 1e6, *hi * 1e6);
      }
    }
  } else if (*kind == "pareto") {
    auto s = r.number(scale_ms);
    auto a = r.number(shape);
    if (s && a) out = Distribution::pareto(*s * 1e6, *a);
  } else if (*kind == "empirical") {
    if (const Json* points = r.member(points_ms)) {
      out = read_empirical(*points, r.child_pointer("points_ms"), diagnostics);
    }
  } else {
    std::vector<std::string> kinds{"constant", "exponential", "lognormal", "uniform", "pareto", "empirical"};
    std::string guess = closest_match(*kind, kinds);
    diagnostics.error(r.child_pointer("dist"), "unknown distribution \"" + *kind + "\"",
                      (guess.empty() ? std::string() : "did you mean \"" + guess + "\"? ") +
                          "use one of: constant, exponential, lognormal, uniform, pareto, empirical");
    return std::nullopt;
  }
  r.finish();
  if (diagnostics.size() != before) return std::nullopt;
  return out;
}

}  // namespace sdsim
