// The "cache" block kind: its parameters and presets, declared once.
#include "sim/catalog/availability_params.hpp"
#include "sim/catalog/builtin_kinds.hpp"
#include "sim/catalog/common_params.hpp"
#include "sim/catalog/price_params.hpp"

namespace sdsim {

namespace {

constexpr std::string_view cache_modes[] = {"cache_aside", "read_through"};

}  // namespace

BlockKindSpec cache_kind() {
  constexpr std::string_view elasticache_blog =
      "https://aws.amazon.com/blogs/database/"
      "achieve-over-500-million-requests-per-second-per-cluster-with-amazon-elasticache-for-redis-7-1/";
  return BlockKindSpec{
      .name = "cache",
      .summary =
          "a keyed cache (ElastiCache cluster mode, DAX): nodes chosen by key hash, each an LRU with a "
          "capacity and a TTL served like a station; the hit ratio emerges from key popularity; cache-aside "
          "or read-through",
      .params =
          {
              ParamSpec{.name = "nodes",
                        .type = ParamType::integer,
                        .unit = "count",
                        .min = 1,
                        .max = 500,
                        .default_value = 1,
                        .help = "the shards (nodes) keys are spread over by hash, each with its own "
                                "capacity_items, servers and waiting line, round robin over the placement "
                                "zones (ElastiCache allows up to 500 shards)",
                        .source = "modelling choice: one node (cluster mode off) unless stated; the 500 "
                                  "maximum is aws-facts ElastiCache Shards per cluster: "
                                  "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Replication.html"},
              ParamSpec{.name = "mode",
                        .type = ParamType::text,
                        .default_text = "cache_aside",
                        .help = "cache_aside (a miss stores nothing: the flow fills the cache with a set) or "
                                "read_through (DAX: a get that missed stores the key once its calls, the "
                                "origin fetch, succeeded; a set or write stores it once its calls succeeded, "
                                "so write-through is a set whose call writes the database)",
                        .source = "modelling choice: ElastiCache is used cache-aside (the application fills "
                                  "it); DAX is a read-through, write-through cache: "
                                  "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
                                  "DAX.consistency.html",
                        .allowed = cache_modes},
              ParamSpec{.name = "capacity_items",
                        .type = ParamType::integer,
                        .unit = "items",
                        .min = 0,
                        .max = 1e9,
                        .default_value = 1'000'000,
                        .help = "the keys each node holds; a set beyond it evicts the node's least recently "
                                "used",
                        .source = "modelling choice: about 1 GB of 1 KB items"},
              ParamSpec{.name = "ttl_s",
                        .type = ParamType::number,
                        .unit = "s",
                        .min = 0,
                        .max = 31'536'000,
                        .default_value = 0,
                        .help = "how long an item lives after its set; a get at or after that misses (0 = "
                                "never expires)",
                        .source = "modelling choice: like Redis, keys never expire unless a TTL is set"},
              servers_param(335, "the requests each node serves at once; more wait in its line",
                            "aws-facts ElastiCache Redis 7.1 throughput per node, over 1M requests/s: "
                            "335 x the default 0.335 ms mean service time; "
                            "https://aws.amazon.com/blogs/database/"
                            "achieve-over-500-million-requests-per-second-per-cluster-with-amazon-"
                            "elasticache-for-redis-7-1/"),
              unbounded_queue_capacity("requests",
                                       "the waiting places of each node beyond those in service; an arrival "
                                       "finding them full is refused"),
              ParamSpec{.name = "service_time",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .default_text = "lognormal, p50 0.3 ms, p99 0.9 ms",
                        .help = "the time one get, set or delete occupies the node",
                        .source = "modelling choice inside ElastiCache's advertised sub-millisecond read "
                                  "latency (aws-facts ElastiCache Read latency): "
                                  "https://aws.amazon.com/blogs/database/"
                                  "achieve-over-500-million-requests-per-second-per-cluster-with-amazon-"
                                  "elasticache-for-redis-7-1/"},
              ParamSpec{.name = "node_replacement_s",
                        .type = ParamType::number,
                        .unit = "s",
                        .min = 0,
                        .max = 86'400,
                        .default_value = 30,
                        .help = "after a node is lost (a fault), how long its requests are refused before it "
                                "serves again, empty",
                        .source = "aws-facts ElastiCache Multi-AZ failover time (cluster mode), detection "
                                  "and replica promotion about 30 s: "
                                  "https://aws.amazon.com/blogs/database/"
                                  "testing-automatic-failover-to-a-read-replica-on-amazon-elasticache-for-"
                                  "redis/"},
              price_per_hour(
                  0.269, "USD per cache node per hour",
                  "modelling choice: aws-facts has no ElastiCache node price; the DAX dax.r5.large "
                  "node price stands in (https://awsi.click/en/articles/dax-dynamodb-caching/)"),
              price_per_million_requests(
                  0, "USD per million requests (an edge cache: CloudFront bills requests)",
                  "modelling choice: ElastiCache and DAX nodes bill by the hour only"),
              sla_availability(
                  99.99,
                  "aws-facts MemoryDB Multi-AZ SLA, recorded there for comparison with ElastiCache "
                  "(aws-facts "
                  "has no ElastiCache SLA; CloudFront 99.9%): https://aws.amazon.com/memorydb/sla/"),
          },
      .presets =
          {
              PresetSpec{.name = "aws.elasticache.redis",
                         .description = "an ElastiCache for Redis 7.1 node (r7g.4xlarge class): about 1M "
                                        "requests/s at sub-millisecond latency, keys without expiry",
                         .values = {{"servers", 335}, {"ttl_s", 0}, {.param = "mode", .text = "cache_aside"}},
                         .source = elasticache_blog},
              PresetSpec{.name = "aws.dax",
                         .description = "a DynamoDB Accelerator cluster's item cache: read-through and "
                                        "write-through, items expire 300 s after they are cached",
                         .values = {{"ttl_s", 300}, {.param = "mode", .text = "read_through"}},
                         .source = "https://awsi.click/en/articles/dax-dynamodb-caching/ (item cache TTL "
                                   "default 300 s); "
                                   "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
                                   "DAX.consistency.html (read-through, write-through)"},
              PresetSpec{
                  .name = "aws.cloudfront",
                  .description = "a CloudFront edge cache ($0.01 per 10,000 requests, no hourly charge): "
                                 "objects live for the cache policy's default "
                                 "TTL of one day (the edge latency is the service_time, set it to "
                                 "match the clients' distance)",
                  .values = {{"ttl_s", 86'400},
                             {"price_per_hour", 0},
                             {"price_per_million_requests", 1},
                             {"sla_availability", 99.9}},
                  .source =
                      "aws-facts CloudFront Default TTL (cache policy), 86400 s: "
                      "https://docs.aws.amazon.com/AmazonCloudFront/latest/APIReference/"
                      "API_CachePolicyConfig.html; aws-facts CloudFront HTTPS requests, North "
                      "America, $0.01 per 10,000 (data transfer out is not modelled): "
                      "https://wring.co/blog/aws-cloudfront-pricing-guide; aws-facts CloudFront SLA "
                      "99.9%: https://cloudonaut.io/aws-sla-are-you-able-to-keep-your-availability-promise/"},
          },
  };
}

}  // namespace sdsim
