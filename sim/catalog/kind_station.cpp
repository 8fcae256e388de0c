// The "station" block kind: its parameters and presets, declared once.
#include "sim/catalog/builtin_kinds.hpp"

namespace sdsim {

BlockKindSpec station_kind() {
  return BlockKindSpec{
      .name = "station",
      .summary =
          "a queueing station: servers working in parallel, a waiting line, a service-time distribution",
      .params =
          {
              ParamSpec{.name = "servers",
                        .type = ParamType::integer,
                        .unit = "count",
                        .min = 1,
                        .max = 1'000'000,
                        .default_value = 1,
                        .help = "the number of requests served at once (servers or worker threads)",
                        .source = "modelling choice: a single server unless stated"},
              ParamSpec{.name = "queue_capacity",
                        .type = ParamType::integer,
                        .unit = "requests",
                        .min = 0,
                        .max = 1e9,
                        .default_text = "unbounded",
                        .help = "the waiting places beyond those in service; an arrival finding them full is "
                                "rejected (0 = no waiting: an Erlang loss system)",
                        .source = "modelling choice: unbounded unless stated",
                        .no_default = true},
              ParamSpec{.name = "service_time",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .required = true,
                        .help = "the time one request occupies a server"},
              ParamSpec{.name = "next",
                        .type = ParamType::routes,
                        .default_text = "none",
                        .help =
                            "where a request goes after service: [{\"to\": \"db\", \"p\": 0.3}, ...]; the "
                            "remaining probability returns to the client",
                        .source = "modelling choice: without routes the response returns to the client"},
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
