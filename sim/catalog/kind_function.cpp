// The "function" block kind: its parameters and presets, declared once.
#include "sim/catalog/availability_params.hpp"
#include "sim/catalog/builtin_kinds.hpp"
#include "sim/catalog/price_params.hpp"

namespace sdsim {

namespace {

constexpr std::string_view lambda_limits_url =
    "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html";
constexpr std::string_view lambda_scaling_url =
    "https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html";

}  // namespace

BlockKindSpec function_kind() {
  return BlockKindSpec{
      .name = "function",
      .summary =
          "an AWS Lambda function: execution environments serve one invocation each; a new environment "
          "pays a cold start, and beyond the concurrency limit or scale-up rate invocations are "
          "throttled (429)",
      .params =
          {
              ParamSpec{.name = "concurrency_limit",
                        .type = ParamType::integer,
                        .unit = "environments",
                        .min = 1,
                        .max = 1'000'000,
                        .default_value = 1000,
                        .help = "the execution environments alive at once (account or reserved "
                                "concurrency); an invocation finding them all busy is throttled",
                        .source = lambda_limits_url},
              ParamSpec{.name = "scale_up_per_s",
                        .type = ParamType::number,
                        .unit = "environments/s",
                        .min = 0.001,
                        .max = 1e9,
                        .default_value = 100,
                        .help = "the steady rate at which new environments may start (token bucket refill); "
                                "an invocation needing a new one beyond it is throttled",
                        .source = "https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html (up to "
                                  "1,000 new execution environments every 10 s per function)"},
              ParamSpec{.name = "scale_up_burst",
                        .type = ParamType::integer,
                        .unit = "environments",
                        .min = 1,
                        .max = 1e9,
                        .default_value = 1000,
                        .help = "the new environments that may start at once (token bucket size); unused "
                                "rate does not accumulate beyond it",
                        .source = lambda_scaling_url},
              ParamSpec{.name = "idle_timeout_s",
                        .type = ParamType::number,
                        .unit = "s",
                        .min = 0.001,
                        .max = 86'400,
                        .default_value = 600,
                        .help = "how long an idle environment is kept warm before it is reclaimed; the next "
                                "invocation needing it pays a cold start",
                        .source = "modelling choice: AWS publishes no figure (aws-facts has none); idle "
                                  "environments are commonly observed to last several minutes"},
              ParamSpec{.name = "cold_start",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .default_text = "uniform(100 ms, 1000 ms)",
                        .help = "the init time a new environment adds to its first invocation",
                        .source =
                            "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html "
                            "(cold starts vary from under 100 ms to over 1 s)"},
              ParamSpec{.name = "duration",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .required = true,
                        .help = "the handler's own run time per invocation (the environment also stays busy "
                                "while the handler's downstream calls run)"},
              ParamSpec{.name = "memory_mb",
                        .type = ParamType::integer,
                        .unit = "MB",
                        .min = 128,
                        .max = 10'240,
                        .default_value = 128,
                        .help = "the memory of one execution environment: what GB-seconds are billed for "
                                "(CPU scaling with memory is not modelled: set duration for it)",
                        .source = "aws-facts Lambda memory range min: "
                                  "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html"},
              ParamSpec{.name = "price_per_gb_second",
                        .type = ParamType::number,
                        .unit = "USD/GB-s",
                        .min = 0,
                        .max = 1,
                        .default_value = 1.66667e-05,
                        .help = "USD per GB-second of busy environments, initialization included",
                        .source = prices::lambda_source},
              price_per_million_requests(0.2, "USD per million invocations (throttled ones are free)",
                                         prices::lambda_source),
              sla_availability(99.95, "aws-facts Lambda SLA: https://aws.amazon.com/lambda/sla/"),
          },
      .presets =
          {
              PresetSpec{
                  .name = "aws.lambda",
                  .description = "a Lambda function at the default account concurrency of 1,000, "
                                 "scaling by up to 1,000 environments every 10 s",
                  .values = {{"concurrency_limit", 1000}, {"scale_up_per_s", 100}, {"scale_up_burst", 1000}},
                  .source = "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html; "
                            "https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html"},
          },
  };
}

}  // namespace sdsim
