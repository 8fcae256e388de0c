// The "kv_database" block kind: its parameters and presets, declared once.
#include "sim/catalog/availability_params.hpp"
#include "sim/catalog/builtin_kinds.hpp"
#include "sim/catalog/price_params.hpp"

namespace sdsim {

namespace {

constexpr std::string_view dynamodb_limits_url =
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput-scenarios.html";
constexpr std::string_view dynamodb_quota_url =
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html";
constexpr std::string_view dynamodb_units_url = "https://aws.amazon.com/dynamodb/pricing/provisioned/";
constexpr std::string_view kv_capacity_modes[] = {"on_demand", "provisioned"};
constexpr std::string_view kv_consistencies[] = {"eventual", "strong"};

}  // namespace

BlockKindSpec kv_database_kind() {
  return BlockKindSpec{
      .name = "kv_database",
      .summary =
          "a DynamoDB-like partitioned key-value table: keys hash to partitions, each request costs "
          "capacity units, and a partition or table out of units throttles",
      .params =
          {
              ParamSpec{.name = "partitions",
                        .type = ParamType::integer,
                        .unit = "count",
                        .min = 1,
                        .max = 100'000,
                        .default_value = 4,
                        .help = "the partitions keys are hashed to; each has its own read and write ceiling",
                        .source = "https://repost.aws/knowledge-center/on-demand-table-throttling-dynamodb "
                                  "(a new on-demand table serves 12,000 RRU/s and 4,000 WRU/s: 4 partitions "
                                  "at the per-partition limits)"},
              ParamSpec{.name = "capacity_mode",
                        .type = ParamType::text,
                        .default_text = "provisioned when read_capacity_units or write_capacity_units is "
                                        "set, else on_demand",
                        .help = "on_demand (the table limits are its throughput quota) or provisioned (the "
                                "table limits are the capacity bought, and unused capacity can be banked)",
                        .source = "modelling choice: the mode follows from whether capacity was stated",
                        .allowed = kv_capacity_modes,
                        .no_default = true},
              ParamSpec{.name = "read_capacity_units",
                        .type = ParamType::number,
                        .unit = "RCU/s",
                        .min = 0.5,
                        .max = 1e9,
                        .default_text = "40000 (the default per-table quota)",
                        .help = "the table's read units per second: the provisioned capacity, or the "
                                "on-demand table quota",
                        .source = dynamodb_quota_url,
                        .no_default = true},
              ParamSpec{.name = "write_capacity_units",
                        .type = ParamType::number,
                        .unit = "WCU/s",
                        .min = 1,
                        .max = 1e9,
                        .default_text = "40000 (the default per-table quota)",
                        .help = "the table's write units per second: the provisioned capacity, or the "
                                "on-demand table quota",
                        .source = dynamodb_quota_url,
                        .no_default = true},
              ParamSpec{.name = "partition_read_units",
                        .type = ParamType::number,
                        .unit = "RCU/s",
                        .min = 0.5,
                        .max = 1e9,
                        .default_value = 3000,
                        .help = "the read units per second one partition serves at most, whatever the table "
                                "has left",
                        .source = dynamodb_limits_url},
              ParamSpec{.name = "partition_write_units",
                        .type = ParamType::number,
                        .unit = "WCU/s",
                        .min = 1,
                        .max = 1e9,
                        .default_value = 1000,
                        .help = "the write units per second one partition serves at most",
                        .source = dynamodb_limits_url},
              ParamSpec{.name = "burst_s",
                        .type = ParamType::number,
                        .unit = "s",
                        .min = 1,
                        .max = 300,
                        .default_value = 1,
                        .help = "provisioned mode: seconds of unused table capacity kept for bursts (AWS "
                                "retains up to 300 s, best effort); partitions always bank 1 s",
                        .source = "modelling choice: 1 s, as AWS keeps burst capacity only best effort "
                                  "(https://repost.aws/knowledge-center/dynamodb-spiky-workloads-short-"
                                  "intervals: up to 300 s)"},
              ParamSpec{.name = "consistency",
                        .type = ParamType::text,
                        .default_text = "eventual",
                        .help = "reads: eventual (0.5 RCU per 4 KB, any of the 3 copies: may be stale) or "
                                "strong (1 RCU per 4 KB, the leader: always fresh); both take the same "
                                "service_time",
                        .source = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
                                  "HowItWorks.ReadConsistency.html; no added latency for strong reads: AWS "
                                  "says they 'might have higher latency' without a figure "
                                  "(https://repost.aws/knowledge-center/dynamodb-putitem-getitem-latest-"
                                  "data), and an eventual read asks one of the 3 copies in 3 Availability "
                                  "Zones at random, as likely as the leader to be a cross-AZ hop away",
                        .allowed = kv_consistencies},
              ParamSpec{.name = "replication_lag",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .default_text = "exponential(mean 10 ms)",
                        .help =
                            "from a write's commit at its partition's leader to each of the other two "
                            "copies applying it (in order per key); an eventually consistent read asks one "
                            "of the 3 copies at random and may be stale, a strong read asks the leader",
                        .source = "modelling choice: AWS gives no in-Region figure (an eventually consistent "
                                  "read 'may not reflect the results of a recently completed write', "
                                  "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
                                  "HowItWorks.ReadConsistency.html); 10 ms mean for a cross-AZ hop and a log "
                                  "write, well inside the 'typically within one second' AWS states for "
                                  "cross-Region global table replicas on the same page"},
              ParamSpec{.name = "global_table",
                        .type = ParamType::text,
                        .default_text = "none: a table of its own",
                        .help = "the name of a DynamoDB global table this regional table belongs to: every "
                                "kv_database naming it shares its items; a write reaches the other members "
                                "after cross_region_lag, concurrent writes resolve by last writer wins and "
                                "each version a write overwrites unseen counts as a lost update",
                        .source = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
                                  "V2globaltables_HowItWorks.html (multi-Region eventual consistency, "
                                  "last writer wins)",
                        .no_default = true},
              ParamSpec{.name = "cross_region_lag",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .default_text = "lognormal, p50 300 ms, p99 1000 ms",
                        .help = "global tables: from a write's commit in this region to each other member "
                                "receiving it (its local copies' replication_lag comes on top)",
                        .source =
                            "modelling choice: aws-facts Global tables (MREC) replication latency, "
                            "'typically updated within one second', no SLA (https://docs.aws.amazon.com/"
                            "amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html), read "
                            "as a p99 of 1 s"},
              ParamSpec{.name = "item_kb",
                        .type = ParamType::number,
                        .unit = "KB",
                        .min = 0.001,
                        .max = 400,
                        .default_value = 1,
                        .help = "the item size: a read costs ceil(size / 4 KB) units, a write ceil(size / 1 "
                                "KB)",
                        .source = dynamodb_units_url},
              ParamSpec{.name = "latency",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .default_text = "lognormal(p50 5 ms, p99 10 ms)",
                        .help = "the service time of a request let through (no queueing: concurrency is "
                                "unbounded)",
                        .source = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.html "
                                  "(single-digit ms; 5 ms typical GetItem/PutItem); p99 10 ms from "
                                  "https://repost.aws/knowledge-center/dynamodb-maximum-latency"},
              price_per_million_reads(0.125, "on demand: USD per million read request units consumed",
                                      prices::dynamodb_source),
              price_per_million_writes(0.625, "on demand: USD per million write request units consumed",
                                       prices::dynamodb_source),
              ParamSpec{.name = "price_per_rcu_hour",
                        .type = ParamType::number,
                        .unit = "USD/RCU-h",
                        .min = 0,
                        .max = 1,
                        .default_value = 0.00013,
                        .help = "provisioned: USD per read capacity unit per hour, used or not",
                        .source =
                            "aws-facts DynamoDB provisioned read price: "
                            "https://www.linkedin.com/pulse/"
                            "amazon-dynamodb-pricing-explained-detailed-breakdown-examples-raheja-u9bbc"},
              ParamSpec{.name = "price_per_wcu_hour",
                        .type = ParamType::number,
                        .unit = "USD/WCU-h",
                        .min = 0,
                        .max = 1,
                        .default_value = 0.00065,
                        .help = "provisioned: USD per write capacity unit per hour, used or not",
                        .source =
                            "aws-facts DynamoDB provisioned write price: "
                            "https://www.linkedin.com/pulse/"
                            "amazon-dynamodb-pricing-explained-detailed-breakdown-examples-raheja-u9bbc"},
              sla_availability(
                  99.99,
                  "aws-facts DynamoDB single-Region SLA: "
                  "https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/"
                  "overview.html"),
          },
      .presets =
          {
              PresetSpec{.name = "aws.dynamodb.on_demand",
                         .description = "a newly created on-demand table: 12,000 RRU/s and 4,000 WRU/s at "
                                        "once (4 partitions), within the 40,000 units/s table quota",
                         .values = {{.param = "capacity_mode", .text = "on_demand"}, {"partitions", 4}},
                         .source = "https://repost.aws/knowledge-center/on-demand-table-throttling-dynamodb; "
                                   "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
                                   "on-demand-capacity-mode.html"},
              PresetSpec{.name = "aws.dynamodb.provisioned",
                         .description = "a provisioned table with one partition's worth of capacity: 3,000 "
                                        "RCU/s and 1,000 WCU/s for the whole table",
                         .values = {{.param = "capacity_mode", .text = "provisioned"},
                                    {"read_capacity_units", 3000},
                                    {"write_capacity_units", 1000}},
                         .source = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
                                   "warm-throughput-scenarios.html (per-partition limits)"},
          },
  };
}

}  // namespace sdsim
