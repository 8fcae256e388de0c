// The "storage" block kind: its parameters and presets, declared once.
#include "sim/catalog/availability_params.hpp"
#include "sim/catalog/builtin_kinds.hpp"
#include "sim/catalog/price_params.hpp"

namespace sdsim {

namespace {

constexpr std::string_view s3_prefix_limits_url = "https://repost.aws/knowledge-center/http-5xx-errors-s3";

}  // namespace

BlockKindSpec storage_kind() {
  return BlockKindSpec{
      .name = "storage",
      .summary =
          "an Amazon S3 bucket: keys spread over prefixes with per-prefix GET and PUT rate limits "
          "(503 Slow Down beyond them); latency is first byte plus size-dependent transfer",
      .params =
          {
              ParamSpec{.name = "prefixes",
                        .type = ParamType::integer,
                        .unit = "count",
                        .min = 1,
                        .max = 1'000'000,
                        .default_value = 1,
                        .help = "the partitioned prefixes keys hash to; each has its own request-rate limits",
                        .source = "modelling choice: one prefix, as a new bucket starts before S3 partitions "
                                  "it (no limit on prefixes: "
                                  "https://repost.aws/knowledge-center/http-5xx-errors-s3)"},
              ParamSpec{.name = "get_rate_per_s",
                        .type = ParamType::number,
                        .unit = "requests/s",
                        .min = 1,
                        .max = 1e9,
                        .default_value = 5500,
                        .help = "GET/HEAD requests per second one prefix serves; beyond it, 503 Slow Down",
                        .source = s3_prefix_limits_url},
              ParamSpec{.name = "put_rate_per_s",
                        .type = ParamType::number,
                        .unit = "requests/s",
                        .min = 1,
                        .max = 1e9,
                        .default_value = 3500,
                        .help = "PUT/COPY/POST/DELETE requests per second one prefix serves; beyond it, 503 "
                                "Slow Down",
                        .source = s3_prefix_limits_url},
              ParamSpec{.name = "object_kb",
                        .type = ParamType::number,
                        .unit = "KB",
                        .min = 0,
                        .max = 5e9,
                        .default_value = 100,
                        .help = "the object size a GET or PUT transfers (a DELETE transfers none)",
                        .source = "modelling choice: a small object, under the 512 KB AWS calls small"},
              ParamSpec{.name = "throughput_mb_s",
                        .type = ParamType::number,
                        .unit = "MB/s",
                        .min = 0.001,
                        .max = 1e6,
                        .default_value = 85,
                        .help = "the transfer rate of one request: transfer time = object_kb / (1000 x "
                                "throughput)",
                        .source = "modelling choice: aws-facts has no per-request figure; ~85 MB/s per "
                                  "connection is the figure commonly quoted for one S3 request stream"},
              ParamSpec{.name = "first_byte",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .default_text = "lognormal(p50 30 ms, p99 100 ms)",
                        .help = "the time to first byte of a request let through (concurrency is unbounded)",
                        .source = "https://docs.aws.amazon.com/whitepapers/latest/"
                                  "s3-optimizing-performance-best-practices/"
                                  "timeouts-and-retries-for-latency-sensitive-applications.html (tens of ms "
                                  "median; aws-facts models 30 ms); p99 100 ms: modelling choice"},
              price_per_million_reads(0.4, "USD per million GET requests (throttled ones included)",
                                      prices::s3_source),
              price_per_million_writes(
                  5.0,
                  "USD per million PUT requests (DELETEs are free; storage GB-months are "
                  "not modelled)",
                  prices::s3_source),
              sla_availability(
                  99.9, "aws-facts S3 Standard SLA (designed for 99.99%): https://aws.amazon.com/s3/sla/"),
          },
      .presets =
          {
              PresetSpec{.name = "aws.s3",
                         .description = "S3 Standard: 5,500 GET/HEAD and 3,500 PUT/COPY/POST/DELETE requests "
                                        "per second per prefix",
                         .values = {{"get_rate_per_s", 5500}, {"put_rate_per_s", 3500}},
                         .source = s3_prefix_limits_url},
          },
  };
}

}  // namespace sdsim
