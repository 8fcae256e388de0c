#pragma once
// The keys of a scenario's service-level objectives ("slos": per flow, or "*" for every flow) and of the
// window length they are judged over, declared once: the scenario loader validates against them and the
// schema generator describes them.
#include <array>

#include "sim/catalog/param_spec.hpp"

namespace sdsim::format {

inline constexpr ParamSpec scenario_slos{
    .name = "slos",
    .type = ParamType::object,
    .help =
        "service-level objectives per flow, judged per run and per time window: { \"checkout\": "
        "{\"latency_ms\": 200, \"percentile\": 99, \"availability\": 99.9} }; the key \"*\" gives every "
        "flow its objectives, a flow's own keys override them one by one"};
inline constexpr const char* slo_every_flow = "*";

inline constexpr ParamSpec slo_latency{
    .name = "latency_ms",
    .type = ParamType::number,
    .unit = "ms",
    .min = 1e-6,
    .max = 86'400'000,
    .default_text = "none (no latency objective)",
    .help =
        "the latency target: the flow's `percentile` of completed requests' end-to-end latency must not "
        "exceed it; a completion slower than this is counted as slow",
    .source = "modelling choice: an objective holds only where the scenario states one",
    .no_default = true};
inline constexpr ParamSpec slo_percentile{
    .name = "percentile",
    .type = ParamType::number,
    .unit = "%",
    .min = 0,
    .max = 100,
    .default_value = 99,
    .help = "which percentile of completed requests latency_ms bounds, strictly between 0 and 100",
    .source = "modelling choice: p99, the usual latency objective of request-serving systems"};
inline constexpr ParamSpec slo_availability{
    .name = "availability",
    .type = ParamType::number,
    .unit = "%",
    .min = 0,
    .max = 100,
    .default_text = "none (no availability objective)",
    .help =
        "the availability target: completed requests as a share of the requests that ended (completed "
        "or failed), above 0 and at most 100; its error budget is the failures it allows",
    .source = "modelling choice: an objective holds only where the scenario states one",
    .no_default = true};

// Windows: the time slices the objectives are also judged over (requests count in the window they end in).
inline constexpr ParamSpec scenario_window{
    .name = "window_s",
    .type = ParamType::number,
    .unit = "s",
    .min = 0.001,
    .max = 31'536'000,
    .default_text = "automatic",
    .help =
        "the length of the windows SLOs are judged over, counted from the end of warm-up; by default the "
        "longest of 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, "
        "3600, 7200, 21600, 43200 or 86400 s that gives at least 60 windows (60 to 180 windows up to 60-day "
        "runs)",
    .source = "modelling choice: enough windows to see when an objective was missed, few enough to read",
    .no_default = true};
inline constexpr double max_windows = 10'000;  // per run: longer series are unreadable and memory-hungry

// The default window length (s) for a measured time: the longest rung of a ladder of round lengths that gives
// at least 60 windows (60 to 180 up to 60-day runs), or the shortest rung for very short runs.
inline double default_slo_window_s(double measured_s) {
  constexpr std::array<double, 23> ladder{0.01, 0.02, 0.05, 0.1,  0.2,   0.5,   1,    2,
                                          5,    10,   15,   30,   60,    120,   300,  600,
                                          900,  1800, 3600, 7200, 21600, 43200, 86400};
  double chosen = ladder.front();
  for (double w : ladder) {
    if (measured_s / w >= 60) chosen = w;
  }
  return chosen;
}

}  // namespace sdsim::format
