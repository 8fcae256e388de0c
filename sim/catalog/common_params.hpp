#pragma once
// Parameter declarations that several block kinds or file sections share word for word, made once so that
// they read, range and validate alike wherever they appear. Each maker takes only what differs.
#include <string_view>

#include "sim/catalog/param_spec.hpp"

namespace sdsim {

// `servers`: how many requests a block (or each of its nodes) serves at once.
constexpr ParamSpec servers_param(double default_value, std::string_view help, std::string_view source) {
  return ParamSpec{.name = "servers",
                   .type = ParamType::integer,
                   .unit = "count",
                   .min = 1,
                   .max = 1'000'000,
                   .default_value = default_value,
                   .help = help,
                   .source = source};
}

// `queue_capacity`: waiting places, counted in `unit`, with no bound unless a design gives one.
constexpr ParamSpec unbounded_queue_capacity(std::string_view unit, std::string_view help,
                                             std::string_view source =
                                                 "modelling choice: unbounded unless "
                                                 "stated") {
  return ParamSpec{.name = "queue_capacity",
                   .type = ParamType::integer,
                   .unit = unit,
                   .min = 0,
                   .max = 1e9,
                   .default_text = "unbounded",
                   .help = help,
                   .source = source,
                   .no_default = true};
}

// `service_time`: the duration distribution a design must give.
constexpr ParamSpec required_service_time(std::string_view help) {
  return ParamSpec{
      .name = "service_time", .type = ParamType::distribution, .unit = "ms", .required = true, .help = help};
}

// `next`: where a request goes after service.
inline constexpr ParamSpec next_routes{
    .name = "next",
    .type = ParamType::routes,
    .default_text = "none",
    .help =
        "where a request goes after service: [{\"to\": \"db\", \"p\": 0.3}, ...]; the remaining "
        "probability returns to the client",
    .source = "modelling choice: without routes the response returns to the client"};

inline constexpr double max_seconds = 1e9;  // s: a bound on times and durations in scenario files

// A required time or duration in s.
constexpr ParamSpec required_seconds(std::string_view name, std::string_view help) {
  return ParamSpec{.name = name,
                   .type = ParamType::number,
                   .unit = "s",
                   .min = 0,
                   .max = max_seconds,
                   .required = true,
                   .help = help};
}

// An optional time or duration in s, with its default and where that comes from.
constexpr ParamSpec optional_seconds(std::string_view name, double default_value, std::string_view help,
                                     std::string_view source) {
  return ParamSpec{.name = name,
                   .type = ParamType::number,
                   .unit = "s",
                   .min = 0,
                   .max = max_seconds,
                   .default_value = default_value,
                   .help = help,
                   .source = source};
}

}  // namespace sdsim
