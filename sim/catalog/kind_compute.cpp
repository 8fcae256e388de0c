// The "compute" block kind: its parameters and presets, declared once.
#include "sim/catalog/availability_params.hpp"
#include "sim/catalog/builtin_kinds.hpp"
#include "sim/catalog/common_params.hpp"
#include "sim/catalog/price_params.hpp"

namespace sdsim {

namespace {

// A compute preset sets what the instance type decides: its vCPUs, as concurrency. One request per vCPU is a
// modelling choice for CPU-bound request handling; I/O-bound servers overlap many more.
PresetSpec ec2_preset(std::string_view name, std::string_view description, double vcpus,
                      double usd_per_hour) {
  return PresetSpec{.name = name,
                    .description = description,
                    .values = {{"concurrency", vcpus}, {"price_per_hour", usd_per_hour}},
                    .source =
                        "aws-facts EC2 on-demand Linux us-east-1 prices, "
                        "https://aws.amazon.com/ec2/pricing/on-demand/ (vCPUs per instance type); "
                        "modelling choice: concurrency = vCPUs, one CPU-bound request per vCPU"};
}

}  // namespace

BlockKindSpec compute_kind() {
  constexpr std::string_view warmup_source =
      "aws-facts ECS capacity provider managed scaling instance warmup default: "
      "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
      "aws-properties-ecs-capacityprovider-managedscaling.html";
  return BlockKindSpec{
      .name = "compute",
      .summary =
          "a pool of instances (EC2, ECS tasks): each serves `concurrency` requests at once and has "
          "its own waiting line; a balancing policy picks the instance; crashed instances are replaced, "
          "and target-tracking autoscaling is optional",
      .params =
          {
              ParamSpec{.name = "instances",
                        .type = ParamType::integer,
                        .unit = "count",
                        .min = 1,
                        .max = 100'000,
                        .default_value = 2,
                        .help = "the instances in the pool",
                        .source = "modelling choice: one instance in each of two Availability Zones, the "
                                  "least for the region-level Compute SLA "
                                  "(https://aws.amazon.com/compute/sla/)"},
              ParamSpec{.name = "concurrency",
                        .type = ParamType::integer,
                        .unit = "requests",
                        .min = 1,
                        .max = 100'000,
                        .default_value = 2,
                        .help = "the requests one instance serves at once (worker threads or processes)",
                        .source = "modelling choice: one CPU-bound request per vCPU of a 2-vCPU instance "
                                  "(m5.large, c5.large: https://aws.amazon.com/ec2/pricing/on-demand/)"},
              unbounded_queue_capacity("requests",
                                       "the waiting places of each instance beyond those in service; an "
                                       "arrival finding its instance's line full is refused"),
              required_service_time("the time one request occupies an instance's slot"),
              ParamSpec{.name = "balancing",
                        .type = ParamType::text,
                        .default_text = "round_robin",
                        .help = "how an arriving request is given to an instance: round_robin, "
                                "least_outstanding, random or power_of_two (the less loaded of two random "
                                "instances); a load_balancer targeting the pool replaces it with its policy",
                        .source = "modelling choice: round robin, the default routing of ALB target groups",
                        .allowed = balancing_policies},
              next_routes,
              ParamSpec{
                  .name = "warmup_s",
                  .type = ParamType::number,
                  .unit = "s",
                  .min = 0,
                  .max = 3600,
                  .default_value = 300,
                  .help = "from an instance's launch (a scale-out or a replacement) to serving requests",
                  .source = warmup_source},
              ParamSpec{.name = "replacement_s",
                        .type = ParamType::number,
                        .unit = "s",
                        .min = 0,
                        .max = 3600,
                        .default_value = 60,
                        .help = "from an instance's crash to the launch of its replacement (then warmup_s)",
                        .source = "modelling choice: aws-facts has no figure; one minute, the period of the "
                                  "EC2 status checks EC2 Auto Scaling health checks rely on "
                                  "(https://docs.aws.amazon.com/autoscaling/ec2/userguide/"
                                  "ec2-auto-scaling-health-checks.html)"},
              ParamSpec{.name = "autoscaling",
                        .type = ParamType::boolean,
                        .default_value = 0,
                        .default_text = "false",
                        .help = "target tracking (EC2 Auto Scaling, ECS service auto scaling): every "
                                "scaling_period_s the pool sets its instances to ceil(in service x "
                                "utilization / target), within min_instances and max_instances; scale-out "
                                "at once, scale-in only cooldown_s after the last scaling activity",
                        .source = "modelling choice: off, a fixed fleet unless asked"},
              ParamSpec{.name = "min_instances",
                        .type = ParamType::integer,
                        .unit = "count",
                        .min = 1,
                        .max = 100'000,
                        .default_value = 1,
                        .help = "with autoscaling: the fewest instances",
                        .source = "modelling choice: one instance, the least that serves"},
              ParamSpec{.name = "max_instances",
                        .type = ParamType::integer,
                        .unit = "count",
                        .min = 1,
                        .max = 100'000,
                        .default_value = 10,
                        .help = "with autoscaling: the most instances (at least `instances`)",
                        .source = "modelling choice: a bound to set per design; 10 keeps a runaway cheap"},
              ParamSpec{.name = "target_utilization",
                        .type = ParamType::number,
                        .unit = "%",
                        .min = 1,
                        .max = 100,
                        .default_value = 50,
                        .help = "with autoscaling: the average utilization of in-service instances (busy "
                                "slots / slots, as CPU utilization) the pool tracks",
                        .source = "modelling choice: 50%, the CPU target of AWS's target tracking examples "
                                  "(https://docs.aws.amazon.com/autoscaling/ec2/userguide/"
                                  "as-scaling-target-tracking.html); aws-facts has no EC2 figure"},
              ParamSpec{.name = "cooldown_s",
                        .type = ParamType::number,
                        .unit = "s",
                        .min = 0,
                        .max = 86'400,
                        .default_value = 300,
                        .help = "with autoscaling: scale-in waits this long after the last scaling activity",
                        .source =
                            "aws-facts App Auto Scaling scale-in cooldown default (ECS): "
                            "https://docs.aws.amazon.com/cdk/api/latest/python/"
                            "aws_cdk.aws_applicationautoscaling/BasicTargetTrackingScalingPolicyProps.html"},
              ParamSpec{.name = "scaling_period_s",
                        .type = ParamType::number,
                        .unit = "s",
                        .min = 1,
                        .max = 3600,
                        .default_value = 60,
                        .help = "with autoscaling: the utilization metric's period, after which the pool "
                                "re-evaluates its size",
                        .source = "aws-facts target tracking alarms evaluate 1-minute data points: "
                                  "https://docs.aws.amazon.com/autoscaling/application/userguide/"
                                  "target-tracking-scaling-policy-overview.html"},
              price_per_hour(0.096,
                             "USD per instance per hour while it runs (launching, in service or draining)",
                             "aws-facts m5.large on-demand Linux us-east-1: "
                             "https://aws.amazon.com/ec2/pricing/on-demand/"),
              sla_availability(
                  99.99,
                  "aws-facts EC2 Region-level SLA for a deployment across two or more AZs (a pool in one AZ "
                  "is "
                  "composed at the 99.5% instance-level SLA): https://aws.amazon.com/compute/sla/"),
          },
      .orders = {{"min_instances", "instances", "autoscaling"},
                 {"instances", "max_instances", "autoscaling"},
                 {"min_instances", "max_instances", "autoscaling"}},
      .presets =
          {
              ec2_preset("aws.ec2.m5.large", "m5.large: 2 vCPU, 8 GiB ($0.096/h on demand, us-east-1)", 2,
                         0.096),
              ec2_preset("aws.ec2.m5.xlarge", "m5.xlarge: 4 vCPU, 16 GiB ($0.192/h on demand, us-east-1)", 4,
                         0.192),
              ec2_preset("aws.ec2.c5.large", "c5.large: 2 vCPU, 4 GiB ($0.085/h on demand, us-east-1)", 2,
                         0.085),
              ec2_preset("aws.ec2.c5.xlarge", "c5.xlarge: 4 vCPU, 8 GiB ($0.17/h on demand, us-east-1)", 4,
                         0.17),
          },
  };
}

}  // namespace sdsim
