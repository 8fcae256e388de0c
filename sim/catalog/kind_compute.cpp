// The "compute" block kind: its parameters and presets, declared once.
#include "sim/catalog/builtin_kinds.hpp"

namespace sdsim {

namespace {

// A compute preset sets what the instance type decides: its vCPUs, as concurrency. One request per vCPU is a
// modelling choice for CPU-bound request handling; I/O-bound servers overlap many more.
PresetSpec ec2_preset(std::string_view name, std::string_view description, double vcpus) {
  return PresetSpec{.name = name,
                    .description = description,
                    .values = {{"concurrency", vcpus}},
                    .source =
                        "https://aws.amazon.com/ec2/pricing/on-demand/ (vCPUs per instance type); "
                        "modelling choice: concurrency = vCPUs, one CPU-bound request per vCPU"};
}

}  // namespace

BlockKindSpec compute_kind() {
  return BlockKindSpec{
      .name = "compute",
      .summary =
          "a pool of instances (EC2, ECS tasks): each serves `concurrency` requests at once and has "
          "its own waiting line; a balancing policy picks the instance",
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
              ParamSpec{.name = "queue_capacity",
                        .type = ParamType::integer,
                        .unit = "requests",
                        .min = 0,
                        .max = 1e9,
                        .default_text = "unbounded",
                        .help = "the waiting places of each instance beyond those in service; an arrival "
                                "finding its instance's line full is refused",
                        .source = "modelling choice: unbounded unless stated",
                        .no_default = true},
              ParamSpec{.name = "service_time",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .required = true,
                        .help = "the time one request occupies an instance's slot"},
              ParamSpec{.name = "balancing",
                        .type = ParamType::text,
                        .default_text = "round_robin",
                        .help = "how an arriving request is given to an instance: round_robin, "
                                "least_outstanding, random or power_of_two (the less loaded of two random "
                                "instances); a load_balancer targeting the pool replaces it with its policy",
                        .source = "modelling choice: round robin, the default routing of ALB target groups",
                        .allowed = balancing_policies},
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
              ec2_preset("aws.ec2.m5.large", "m5.large: 2 vCPU, 8 GiB ($0.096/h on demand, us-east-1)", 2),
              ec2_preset("aws.ec2.m5.xlarge", "m5.xlarge: 4 vCPU, 16 GiB ($0.192/h on demand, us-east-1)", 4),
              ec2_preset("aws.ec2.c5.large", "c5.large: 2 vCPU, 4 GiB ($0.085/h on demand, us-east-1)", 2),
              ec2_preset("aws.ec2.c5.xlarge", "c5.xlarge: 4 vCPU, 8 GiB ($0.17/h on demand, us-east-1)", 4),
          },
  };
}

}  // namespace sdsim
