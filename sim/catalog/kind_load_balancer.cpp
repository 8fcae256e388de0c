// The "load_balancer" block kind: its parameters and presets, declared once.
#include "sim/catalog/builtin_kinds.hpp"

namespace sdsim {

BlockKindSpec load_balancer_kind() {
  constexpr std::string_view api_gateway_limits =
      "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html";
  return BlockKindSpec{
      .name = "load_balancer",
      .summary =
          "a front door (ALB, NLB, API Gateway) for one compute block: optional throttling (429), "
          "its own latency, and the routing policy over the pool's instances",
      .params =
          {
              ParamSpec{.name = "target",
                        .type = ParamType::text,
                        .required = true,
                        .help = "the compute block it forwards requests to"},
              ParamSpec{.name = "policy",
                        .type = ParamType::text,
                        .default_text = "round_robin",
                        .help = "how it picks the target's instance: round_robin, least_outstanding, random "
                                "or power_of_two (the less loaded of two random instances)",
                        .source = "modelling choice: round robin, the default routing of ALB target groups",
                        .allowed = balancing_policies},
              ParamSpec{.name = "latency",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .default_text = "constant 1 ms",
                        .help = "the time it adds to every request passing through",
                        .source = "aws-facts ALB request/response processing time (example), illustrative: "
                                  "AWS publishes no figure; "
                                  "https://repost.aws/knowledge-center/elb-fix-high-latency-on-alb"},
              ParamSpec{.name = "rate_limit_per_s",
                        .type = ParamType::number,
                        .unit = "requests/s",
                        .min = 0,
                        .max = 1e9,
                        .default_value = 0,
                        .default_text = "none",
                        .help = "the steady request rate admitted (token bucket refill); requests beyond it "
                                "are refused at once, as API Gateway answers 429 (0 = no limit)",
                        .source = "modelling choice: ALB and NLB do not throttle; API Gateway does (preset "
                                  "aws.apigateway)"},
              ParamSpec{.name = "burst",
                        .type = ParamType::integer,
                        .unit = "requests",
                        .min = 1,
                        .max = 1e9,
                        .default_value = 5000,
                        .help = "the token bucket size: requests admitted at once above the steady rate",
                        .source = api_gateway_limits},
          },
      .presets =
          {
              PresetSpec{.name = "aws.apigateway",
                         .description = "API Gateway at the default account throttle: 10,000 requests/s "
                                        "steady, bursts of 5,000; excess answered 429",
                         .values = {{"rate_limit_per_s", 10'000}, {"burst", 5000}},
                         .source = api_gateway_limits},
          },
  };
}

}  // namespace sdsim
