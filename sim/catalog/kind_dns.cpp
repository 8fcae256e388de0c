// The "dns" block kind (Route 53): its parameters and presets, declared once.
#include "sim/catalog/availability_params.hpp"
#include "sim/catalog/builtin_kinds.hpp"
#include "sim/catalog/price_params.hpp"

namespace sdsim {

namespace {

constexpr std::string_view dns_policies[] = {"failover", "latency", "weighted"};

}  // namespace

BlockKindSpec dns_kind() {
  constexpr std::string_view health_checks =
      "aws-facts Route 53 health check interval (standard 30 s, fast 10 s) and failure threshold (3): "
      "https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_route53.HealthCheck.html";
  return BlockKindSpec{
      .name = "dns",
      .summary =
          "a global DNS name (Route 53) in front of regional entry points: each request goes to ONE of "
          "the blocks called under it, by routing policy and health checks, through answers that "
          "clients cache for the record's TTL",
      .params =
          {
              ParamSpec{.name = "policy",
                        .type = ParamType::text,
                        .default_text = "failover",
                        .help = "which target a lookup answers: failover (the first healthy target, in the "
                                "order of the calls: primary, secondary...), latency (the healthy target "
                                "nearest the client's region) or weighted (healthy targets by the calls' "
                                "\"p\", used as weights)",
                        .source = "modelling choice: failover, the policy of an active-passive design; "
                                  "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/"
                                  "routing-policy.html",
                        .allowed = dns_policies},
              ParamSpec{.name = "health_check_interval_s",
                        .type = ParamType::number,
                        .unit = "s",
                        .min = 10,
                        .max = 30,
                        .default_value = 30,
                        .help = "the time between health checks of each target (Route 53 offers 30 s, or 10 "
                                "s for fast checks)",
                        .source = health_checks},
              ParamSpec{.name = "failure_threshold",
                        .type = ParamType::integer,
                        .unit = "count",
                        .min = 1,
                        .max = 10,
                        .default_value = 3,
                        .help = "checks in a row that must fail before a target is unhealthy (and pass "
                                "before it is healthy again); a target fails a check when no client region "
                                "can reach a live zone of it",
                        .source = health_checks},
              ParamSpec{.name = "ttl_s",
                        .type = ParamType::number,
                        .unit = "s",
                        .min = 0,
                        .max = 86'400,
                        .default_value = 60,
                        .help = "how long clients cache an answer: after the answer changes, a client keeps "
                                "the old one until its cached copy expires (uniformly over one TTL)",
                        .source = "modelling choice: 60 s, the fixed TTL of an alias record to an ELB load "
                                  "balancer, which the Route 53 FAQ also recommends as a maximum for DNS "
                                  "failover; https://aws.amazon.com/route53/faqs/"},
              price_per_million_requests(
                  0.40,
                  "USD per million DNS queries (one per request: resolver caching is not "
                  "counted, so this is an upper bound)",
                  prices::route53_source),
              sla_availability(
                  100,
                  "aws-facts Route 53 SLA: "
                  "https://cloudonaut.io/aws-sla-are-you-able-to-keep-your-availability-promise/"),
          },
      .presets =
          {
              PresetSpec{.name = "aws.route53",
                         .description = "Route 53 with standard health checks: every 30 s, unhealthy after 3 "
                                        "failures; answers cached 60 s",
                         .values = {{"health_check_interval_s", 30}, {"failure_threshold", 3}, {"ttl_s", 60}},
                         .source = health_checks},
              PresetSpec{.name = "aws.route53.fast",
                         .description = "Route 53 with fast health checks: every 10 s, unhealthy after 3 "
                                        "failures; answers cached 60 s",
                         .values = {{"health_check_interval_s", 10}, {"failure_threshold", 3}, {"ttl_s", 60}},
                         .source = health_checks},
          },
      .global = true,
  };
}

}  // namespace sdsim
