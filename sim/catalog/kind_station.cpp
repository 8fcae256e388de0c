// The "station" block kind: its parameters and presets, declared once.
#include "sim/catalog/availability_params.hpp"
#include "sim/catalog/builtin_kinds.hpp"
#include "sim/catalog/common_params.hpp"
#include "sim/catalog/price_params.hpp"

namespace sdsim {

BlockKindSpec station_kind() {
  return BlockKindSpec{
      .name = "station",
      .summary =
          "a queueing station: servers working in parallel, a waiting line, a service-time distribution",
      .params =
          {
              servers_param(1, "the number of requests served at once (servers or worker threads)",
                            "modelling choice: a single server unless stated"),
              unbounded_queue_capacity("requests",
                                       "the waiting places beyond those in service; an arrival finding them "
                                       "full is rejected (0 = no waiting: an Erlang loss system)"),
              required_service_time("the time one request occupies a server"),
              next_routes,
              price_per_hour(
                  0, "USD per server per hour (a generic station is no AWS service: set one to count it)",
                  "modelling choice: unpriced unless stated"),
              sla_availability(100,
                               "modelling choice: a generic station has no SLA (100%); set one to count it"),
          },
      .presets =
          {
              PresetSpec{.name = "lambda-sync",
                         .description = "an AWS Lambda function invoked synchronously at the default account "
                                        "concurrency: requests beyond it are throttled, not queued",
                         .values = {{"servers", 1000}, {"queue_capacity", 0}},
                         .source = "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html "
                                   "(1,000 concurrent executions per Region by default); "
                                   "https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html "
                                   "(invocations beyond concurrency are throttled)"},
          },
  };
}

}  // namespace sdsim
