#pragma once
// The keys of a scenario's scheduled faults ("faults": a list, each named in AWS Fault Injection Service
// terms), declared once with the keys each fault type takes: the scenario loader validates against them and
// the schema generator describes them.
#include <array>
#include <span>
#include <string_view>

#include "sim/catalog/common_params.hpp"
#include "sim/catalog/param_spec.hpp"

namespace sdsim::format {

inline constexpr ParamSpec scenario_faults{
    .name = "faults",
    .type = ParamType::list,
    .help =
        "faults injected during the run, each at its time: [{\"type\": \"az_power_interruption\", \"zone\": "
        "\"us-east-1a\", \"start_s\": 60, \"duration_s\": 120}, ...]; times count from the start of the "
        "run, warm-up included"};

inline constexpr std::array<std::string_view, 10> fault_types{
    "instance_termination", "az_power_interruption", "region_isolation", "network_partition",
    "added_latency",        "packet_loss",           "brownout",         "writer_failover",
    "cache_node_loss",      "capacity_reduction"};
inline constexpr ParamSpec fault_type{.name = "type",
                                      .type = ParamType::text,
                                      .required = true,
                                      .help = "what fails (AWS Fault Injection Service terms)",
                                      .allowed = fault_types};
inline constexpr ParamSpec fault_start = required_seconds(
    "start_s", "when the fault begins, from the start of the run (warm-up included); before the run's end");
inline constexpr ParamSpec fault_duration =
    required_seconds("duration_s", "how long the fault lasts (more than 0); it may outlast the run");
inline constexpr ParamSpec fault_block{
    .name = "block", .type = ParamType::text, .required = true, .help = "the block the fault hits"};
inline constexpr ParamSpec fault_count{.name = "count",
                                       .type = ParamType::integer,
                                       .unit = "count",
                                       .min = 1,
                                       .max = 1e6,
                                       .default_text = "none: give count or instances",
                                       .help =
                                           "how many running instances to terminate, chosen at random "
                                           "(FIS selection mode COUNT(n))",
                                       .no_default = true};
inline constexpr ParamSpec fault_instance_list{.name = "instances",
                                               .type = ParamType::list,
                                               .default_text = "none: give count or instances",
                                               .help = "the instance indices to terminate: [0, 3]",
                                               .no_default = true};
inline constexpr ParamSpec fault_instance_count{.name = "instances",
                                                .type = ParamType::integer,
                                                .unit = "count",
                                                .min = 1,
                                                .max = 1e6,
                                                .required = true,
                                                .help =
                                                    "how many running instances are taken away (the "
                                                    "newest first) and kept down for the duration"};
inline constexpr ParamSpec fault_zone{.name = "zone",
                                      .type = ParamType::text,
                                      .required = true,
                                      .help = "the Availability Zone that loses power"};
inline constexpr ParamSpec fault_region{.name = "region",
                                        .type = ParamType::text,
                                        .required = true,
                                        .help = "the region cut off from clients and other regions"};
inline constexpr ParamSpec fault_between{
    .name = "between",
    .type = ParamType::list,
    .required = true,
    .help =
        "the two sides, each an Availability Zone or a region: [\"us-east-1a\", \"us-west-2\"]; hops "
        "between them, both ways, are affected"};
inline constexpr ParamSpec fault_latency{.name = "latency_ms",
                                         .type = ParamType::number,
                                         .unit = "ms",
                                         .min = 0,
                                         .max = 600'000,
                                         .required = true,
                                         .help = "added to every one-way hop between the two sides"};
inline constexpr ParamSpec fault_loss{
    .name = "loss",
    .type = ParamType::number,
    .min = 0,
    .max = 0.99,
    .required = true,
    .help =
        "the probability that one transmission of a hop between the sides is lost; each loss delays the "
        "hop by TCP's retransmission timeout (200 ms, doubling per loss; 15 losses fail it)"};
inline constexpr ParamSpec fault_slowdown{.name = "slowdown",
                                          .type = ParamType::number,
                                          .min = 1,
                                          .max = 1000,
                                          .default_value = 1,
                                          .help = "the block's service times are multiplied by this",
                                          .source = "modelling choice: no slowdown unless stated"};
inline constexpr ParamSpec fault_error_rate{
    .name = "error_rate",
    .type = ParamType::number,
    .min = 0,
    .max = 1,
    .default_value = 0,
    .help = "the share of calls to the block that fail as unavailable",
    .source = "modelling choice: no errors unless stated"};
inline constexpr ParamSpec fault_node{.name = "node",
                                      .type = ParamType::integer,
                                      .unit = "count",
                                      .min = 0,
                                      .max = 1e6,
                                      .default_value = 0,
                                      .help = "the index of the cache node lost",
                                      .source = "modelling choice: the first node"};

// One fault type: its name, what it does, its keys beyond "type", and the block kind it needs (empty: a
// block of any serving kind, or no block).
struct FaultBranch {
  std::string_view type;
  std::string_view description;
  std::span<const ParamSpec* const> params;
  std::string_view block_kind;
};

inline constexpr std::array<const ParamSpec*, 4> termination_params{&fault_start, &fault_block, &fault_count,
                                                                    &fault_instance_list};
inline constexpr std::array<const ParamSpec*, 3> az_params{&fault_start, &fault_duration, &fault_zone};
inline constexpr std::array<const ParamSpec*, 3> region_params{&fault_start, &fault_duration, &fault_region};
inline constexpr std::array<const ParamSpec*, 3> partition_params{&fault_start, &fault_duration,
                                                                  &fault_between};
inline constexpr std::array<const ParamSpec*, 4> latency_params{&fault_start, &fault_duration, &fault_between,
                                                                &fault_latency};
inline constexpr std::array<const ParamSpec*, 4> loss_params{&fault_start, &fault_duration, &fault_between,
                                                             &fault_loss};
inline constexpr std::array<const ParamSpec*, 5> brownout_params{&fault_start, &fault_duration, &fault_block,
                                                                 &fault_slowdown, &fault_error_rate};
inline constexpr std::array<const ParamSpec*, 2> failover_params{&fault_start, &fault_block};
inline constexpr std::array<const ParamSpec*, 3> node_loss_params{&fault_start, &fault_block, &fault_node};
inline constexpr std::array<const ParamSpec*, 4> reduction_params{&fault_start, &fault_duration, &fault_block,
                                                                  &fault_instance_count};

inline constexpr std::array<FaultBranch, 10> fault_branches{{
    {"instance_termination",
     "compute instances crash (aws:ec2:terminate-instances); the pool replaces them as its parameters say",
     termination_params, "compute"},
    {"az_power_interruption",
     "an Availability Zone loses power (aws:network:az-power-interruption scenario): everything in it is "
     "down for the duration; instances there are not replaced until it is back",
     az_params, ""},
    {"region_isolation",
     "a region is cut off from clients and other regions (cross-Region connectivity disruption)",
     region_params, ""},
    {"network_partition", "hops between two zones or regions fail (aws:network:disrupt-connectivity)",
     partition_params, ""},
    {"added_latency", "hops between two zones or regions are slower (network latency injection)",
     latency_params, ""},
    {"packet_loss", "hops between two zones or regions lose packets (network packet loss injection)",
     loss_params, ""},
    {"brownout", "a block is slow and/or fails some calls (a degraded dependency)", brownout_params, ""},
    {"writer_failover", "a relational database's writer fails over (aws:rds:failover-db-cluster)",
     failover_params, "relational_database"},
    {"cache_node_loss",
     "a cache node is lost and comes back empty (aws:elasticache:interrupt-cluster-az-power)",
     node_loss_params, "cache"},
    {"capacity_reduction", "compute instances are taken away, without replacement, for the duration",
     reduction_params, "compute"},
}};

}  // namespace sdsim::format
