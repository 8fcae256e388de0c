// The "load_balancer" block kind: its parameters and presets, declared once.
#include "sim/catalog/availability_params.hpp"
#include "sim/catalog/builtin_kinds.hpp"
#include "sim/catalog/price_params.hpp"

namespace sdsim {

BlockKindSpec load_balancer_kind() {
  constexpr std::string_view api_gateway_limits =
      "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html";
  constexpr std::string_view api_gateway_limits_and_price =
      "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html; aws-facts API Gateway REST "
      "API "
      "price, first 333M requests/month: https://docs.aws.amazon.com/whitepapers/latest/"
      "best-practices-api-gateway-private-apis-integration/cost-optimization.html; aws-facts API Gateway SLA "
      "99.95%: https://cloudonaut.io/aws-sla-are-you-able-to-keep-your-availability-promise/";
  constexpr std::string_view health_checks =
      "aws-facts ALB health check defaults: "
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html";
  // Not in aws-facts; AWS documents it: on by default for ALB, off by default for NLB.
  constexpr std::string_view cross_zone_doc =
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/"
      "how-elastic-load-balancing-works.html#cross-zone-load-balancing";
  return BlockKindSpec{
      .name = "load_balancer",
      .summary =
          "a front door (ALB, NLB, API Gateway) for one compute block: optional throttling (429), "
          "its own latency, the routing policy over the pool's instances, health checks and cross-zone "
          "balancing",
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
              ParamSpec{.name = "health_check_interval_s",
                        .type = ParamType::number,
                        .unit = "s",
                        .min = 5,
                        .max = 300,
                        .default_value = 30,
                        .help = "the time between health checks of each target instance",
                        .source = health_checks},
              ParamSpec{.name = "unhealthy_threshold",
                        .type = ParamType::integer,
                        .unit = "count",
                        .min = 2,
                        .max = 10,
                        .default_value = 2,
                        .help = "failed health checks in a row before an instance leaves rotation (until "
                                "then a dead instance keeps receiving requests, which fail)",
                        .source = health_checks},
              ParamSpec{.name = "healthy_threshold",
                        .type = ParamType::integer,
                        .unit = "count",
                        .min = 2,
                        .max = 10,
                        .default_value = 5,
                        .help = "passed health checks in a row before an unhealthy instance rejoins rotation "
                                "(a newly registered instance joins after one, as ALB documents)",
                        .source = health_checks},
              ParamSpec{.name = "cross_zone",
                        .type = ParamType::boolean,
                        .default_value = 1,
                        .default_text = "true",
                        .help = "route across Availability Zones (paying the cross-zone hop); false keeps a "
                                "request among the instances of the zone it reached the balancer in, or all "
                                "when that zone has none in rotation",
                        .source = cross_zone_doc},
              price_per_hour(0.0225, "USD per hour for the balancer (ALB, NLB; 0 for API Gateway)",
                             prices::alb_source),
              price_per_million_requests(0, "USD per million requests (API Gateway; 0 for ALB and NLB)",
                                         "modelling choice: ALB and NLB bill no requests; LCU-hours are not "
                                         "modelled"),
              sla_availability(
                  99.99,
                  "aws-facts ELB SLA (API Gateway 99.95%): "
                  "https://cloudonaut.io/aws-sla-are-you-able-to-keep-your-availability-promise/"),
          },
      .presets =
          {
              PresetSpec{.name = "aws.alb",
                         .description = "Application Load Balancer: cross-zone load balancing on, health "
                                        "checks every 30 s, out after 2 failures, back after 5 passes",
                         .values = {{"cross_zone", 1},
                                    {"health_check_interval_s", 30},
                                    {"unhealthy_threshold", 2},
                                    {"healthy_threshold", 5}},
                         .source = cross_zone_doc},
              PresetSpec{.name = "aws.nlb",
                         .description = "Network Load Balancer: cross-zone load balancing off (each zone's "
                                        "node routes to its own zone's targets)",
                         .values = {{"cross_zone", 0}},
                         .source = cross_zone_doc},
              PresetSpec{.name = "aws.apigateway",
                         .description = "API Gateway (REST) at the default account throttle: 10,000 "
                                        "requests/s steady, bursts of 5,000; excess answered 429; $3.50 per "
                                        "million requests, no hourly charge",
                         .values = {{"rate_limit_per_s", 10'000},
                                    {"burst", 5000},
                                    {"price_per_hour", 0},
                                    {"price_per_million_requests", 3.5},
                                    {"sla_availability", 99.95}},
                         .source = api_gateway_limits_and_price},
          },
  };
}

}  // namespace sdsim
