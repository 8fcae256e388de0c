#pragma once
// The availability each block kind is published to have (the service's SLA, monthly uptime), declared beside
// its behaviour. Reports compose it along each flow's calls into the design's availability on paper, beside
// the availability the run measured.
#include <string_view>

#include "sim/catalog/param_spec.hpp"

namespace sdsim {

// `sla_availability`: % of a month the block is up, as its service's SLA commits.
constexpr ParamSpec sla_availability(double percent, std::string_view source) {
  return ParamSpec{.name = "sla_availability",
                   .type = ParamType::number,
                   .unit = "%",
                   .min = 0,
                   .max = 100,
                   .default_value = percent,
                   .help =
                       "monthly uptime the service commits to (its SLA); composed along each flow's calls "
                       "into the design's availability on paper",
                   .source = source};
}

}  // namespace sdsim
