// The "stream" block kind: its parameters and presets, declared once.
#include "sim/catalog/availability_params.hpp"
#include "sim/catalog/builtin_kinds.hpp"
#include "sim/catalog/price_params.hpp"

namespace sdsim {

namespace {

constexpr std::string_view kinesis_limits_url =
    "https://docs.aws.amazon.com/streams/latest/dev/working-with-streams.html";
constexpr std::string_view kinesis_fan_out_url =
    "https://docs.aws.amazon.com/streams/latest/dev/enhanced-consumers.html";
constexpr std::string_view kinesis_pricing_url = "https://aws.amazon.com/kinesis/data-streams/pricing/";
constexpr std::string_view kinesis_on_demand_url =
    "https://oneuptime.com/blog/post/2026-02-12-kinesis-data-streams-on-demand-mode/view";

}  // namespace

BlockKindSpec stream_kind() {
  return BlockKindSpec{
      .name = "stream",
      .summary =
          "a Kinesis Data Streams-like stream: every call puts a record on the shard of its key, refused "
          "beyond the shard's write limits; one worker per shard runs the flow that names the stream in "
          "\"consume\" for each record, strictly in order, retrying a failing record while the shard waits",
      .params =
          {
              ParamSpec{.name = "shards",
                        .type = ParamType::integer,
                        .unit = "count",
                        .min = 1,
                        .max = 100'000,
                        .default_value = 1,
                        .help = "the shards keys are hashed to; each has its own write and read limits and "
                                "one consumer worker (a KCL lease or Lambda poller)",
                        .source = "modelling choice: the smallest provisioned stream; size it to the load"},
              ParamSpec{.name = "record_kb",
                        .type = ParamType::number,
                        .unit = "KB",
                        .min = 0.001,
                        .max = 1024,
                        .default_value = 1,
                        .help = "the size of every record, counted against the shard's MB/s limits "
                                "(1 MB = 1,024 KB; a record is at most 1 MB)",
                        .source = "modelling choice: a 1 KB record, so the records/s and MB/s write limits "
                                  "bind together"},
              ParamSpec{.name = "write_records_per_s",
                        .type = ParamType::number,
                        .unit = "records/s",
                        .min = 0.001,
                        .max = 1e9,
                        .default_value = 1000,
                        .help = "records per second one shard accepts; a put beyond it is refused "
                                "(ProvisionedThroughputExceededException)",
                        .source = kinesis_limits_url},
              ParamSpec{.name = "write_mb_per_s",
                        .type = ParamType::number,
                        .unit = "MB/s",
                        .min = 0.001,
                        .max = 1e6,
                        .default_value = 1,
                        .help = "record data per second one shard accepts; a put beyond it is refused",
                        .source = kinesis_limits_url},
              ParamSpec{.name = "read_mb_per_s",
                        .type = ParamType::number,
                        .unit = "MB/s",
                        .min = 0.001,
                        .max = 1e6,
                        .default_value = 2,
                        .help = "record data per second one shard's worker can read (shared throughput); a "
                                "worker out of it waits",
                        .source = kinesis_limits_url},
              ParamSpec{.name = "propagation_ms",
                        .type = ParamType::number,
                        .unit = "ms",
                        .min = 0,
                        .max = 60'000,
                        .default_value = 200,
                        .help = "the delay from a put until its record can be read: the average PUT-to-GET "
                                "delay of one polling consumer (5 GetRecords calls/s per shard); about 70 ms "
                                "with enhanced fan-out, 1,000 ms with five polling consumers",
                        .source = kinesis_fan_out_url},
              ParamSpec{.name = "retention_h",
                        .type = ParamType::number,
                        .unit = "h",
                        .min = 24,
                        .max = 8760,
                        .default_value = 24,
                        .help = "how long a record stays in the stream; one not processed by then is lost",
                        .source = kinesis_pricing_url},
              ParamSpec{.name = "max_retries",
                        .type = ParamType::integer,
                        .unit = "count",
                        .min = 0,
                        .max = 10'000,
                        .default_text = "unlimited (retried until the record expires)",
                        .help = "retries of a record whose processing failed before it is skipped; the "
                                "shard's later records wait meanwhile; leave it out to retry until the "
                                "record expires (Lambda's -1)",
                        .source = "https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html (Lambda's "
                                  "MaximumRetryAttempts defaults to -1: retry until the record expires; at "
                                  "most 10,000)",
                        .no_default = true},
              ParamSpec{.name = "retry_delay_s",
                        .type = ParamType::number,
                        .unit = "s",
                        .min = 0.001,
                        .max = 3600,
                        .default_value = 1,
                        .help = "the time from a failed processing to the next attempt at the same record",
                        .source = "https://docs.aws.amazon.com/streams/latest/dev/kinesis-low-latency.html "
                                  "(the KCL polls a shard once a second: a failed record is read again at "
                                  "the next poll)"},
              ParamSpec{.name = "put_latency",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .default_text = "lognormal, p50 15 ms, p99 50 ms",
                        .help = "the time until a put is acknowledged (a synchronous producer waits for it); "
                                "the record is stored when the put arrives",
                        .source = "modelling choice: no published PutRecord latency figure; a regional API "
                                  "call like an SQS send"},
              price_per_hour(0.015, "USD per shard per hour", prices::kinesis_source),
              sla_availability(
                  99.9,
                  "aws-facts Kinesis Data Streams SLA: "
                  "https://cloudonaut.io/aws-sla-are-you-able-to-keep-your-availability-promise/"),
          },
      .presets =
          {
              PresetSpec{.name = "aws.kinesis.provisioned",
                         .description = "a provisioned Kinesis data stream: per shard 1,000 records/s and "
                                        "1 MB/s in, 2 MB/s out; 24 h retention (set \"shards\")",
                         .values = {{"write_records_per_s", 1000},
                                    {"write_mb_per_s", 1},
                                    {"read_mb_per_s", 2},
                                    {"retention_h", 24}},
                         .source = kinesis_limits_url},
              PresetSpec{.name = "aws.kinesis.on_demand",
                         .description =
                             "a new on-demand Kinesis data stream at its starting capacity, 4 MB/s "
                             "in and 8 MB/s out, as 4 shards; on-demand scaling (to twice the "
                             "previous peak within about 15 minutes) is not modelled",
                         .values = {{"shards", 4},
                                    {"write_records_per_s", 1000},
                                    {"write_mb_per_s", 1},
                                    {"read_mb_per_s", 2},
                                    {"retention_h", 24}},
                         .source = kinesis_on_demand_url},
          },
  };
}

}  // namespace sdsim
