#pragma once
// The keys of an open load's rate profile in a scenario file (constant, ramp, step, spike, diurnal, replay),
// declared once: the scenario loader validates against them and the schema generator describes them.
#include <array>
#include <string_view>

#include "sim/catalog/common_params.hpp"
#include "sim/catalog/param_spec.hpp"

namespace sdsim::format {

inline constexpr std::array<std::string_view, 6> load_profiles{"constant", "ramp",    "step",
                                                               "spike",    "diurnal", "replay"};
inline constexpr ParamSpec load_profile{
    .name = "profile",
    .type = ParamType::text,
    .default_text = "constant",
    .help =
        "how the rate changes over time: constant, ramp, step, spike, diurnal or replay (a CSV file); "
        "times count from the start of the run, warm-up included",
    .source = "modelling choice: a steady rate unless stated",
    .allowed = load_profiles};

inline constexpr double max_rate = 1e8;  // requests/s: beyond any single flow worth simulating

// A required rate in requests/s.
constexpr ParamSpec required_rate(std::string_view name, std::string_view help) {
  return ParamSpec{.name = name,
                   .type = ParamType::number,
                   .unit = "requests/s",
                   .min = 0,
                   .max = max_rate,
                   .required = true,
                   .help = help};
}

inline constexpr ParamSpec profile_rate =
    required_rate("rate_per_s", "the base rate: before the first step, outside the spike");
inline constexpr ParamSpec ramp_from = required_rate("from_per_s", "the rate until start_s");
inline constexpr ParamSpec ramp_to =
    required_rate("to_per_s", "the rate from end_s on (a straight line in between)");
inline constexpr ParamSpec ramp_start =
    optional_seconds("start_s", 0, "when the ramp begins", "modelling choice: from the start of the run");
inline constexpr ParamSpec ramp_end = required_seconds("end_s", "when the ramp reaches to_per_s");
inline constexpr ParamSpec step_list{
    .name = "steps",
    .type = ParamType::list,
    .required = true,
    .help = "the rate changes, in time order: [{\"at_s\": 120, \"rate_per_s\": 400}, ...]"};
inline constexpr ParamSpec step_at = required_seconds("at_s", "when the rate changes");
inline constexpr ParamSpec step_rate = required_rate("rate_per_s", "the rate from at_s on");
inline constexpr ParamSpec spike_peak =
    required_rate("peak_per_s", "the rate at the top of the spike (diurnal: at the daily peak)");
inline constexpr ParamSpec spike_at = required_seconds("at_s", "when the spike begins");
inline constexpr ParamSpec spike_duration =
    required_seconds("duration_s", "how long the rate stays at its peak");
inline constexpr ParamSpec spike_ramp =
    optional_seconds("ramp_s", 0, "the time to climb to the peak and again to fall back",
                     "modelling choice: an instant jump, the harshest case");
inline constexpr ParamSpec diurnal_trough =
    required_rate("trough_per_s", "the rate at the quietest time of day");
inline constexpr ParamSpec diurnal_period{
    .name = "period_s",
    .type = ParamType::number,
    .unit = "s",
    .min = 1,
    .max = max_seconds,
    .default_value = 86400,
    .help = "the length of one cycle (shorten it to compress a day into a short run)",
    .source = "modelling choice: one day"};
inline constexpr ParamSpec diurnal_peak_at =
    optional_seconds("peak_at_s", 50400, "when in the cycle the peak falls",
                     "modelling choice: 14:00 of a day starting at midnight");
inline constexpr ParamSpec replay_csv{
    .name = "csv",
    .type = ParamType::text,
    .required = true,
    .help =
        "a CSV file, relative to the scenario: a header \"time_s,rate_per_s\" then rows (each rate holds "
        "until the next row), or a header \"time_s\" then one row per arrival"};

// Who sends a load: several flows mixed by share, and clients spread over regions by share.
inline constexpr ParamSpec load_mix{
    .name = "mix",
    .type = ParamType::object,
    .help =
        "several flows sent by the same clients, each request picking one by share: {\"browse\": 0.9, "
        "\"checkout\": 0.1}; the load's own name is then just a name",
    .source = "modelling choice: without it the load's name is its one flow"};
inline constexpr ParamSpec load_clients{
    .name = "clients",
    .type = ParamType::object,
    .help =
        "where the clients are, by share of requests (closed loop: of users): {\"us-east-1\": 0.6, "
        "\"eu-west-1\": 0.4}; each request starts and ends at its region's edge",
    .source = "modelling choice: without it every client is at the design's first region"};
inline constexpr ParamSpec scenario_clients{
    .name = "clients",
    .type = ParamType::object,
    .help = "where the clients of every load without its own \"clients\" are, by share: {\"us-east-1\": 1}",
    .source = "modelling choice: without it every client is at the design's first region"};

}  // namespace sdsim::format
