// The block kinds sdsim ships with. Each kind's parameters and presets are declared here, once; the design
// loader reads blocks by them and `sdsim blocks` and the JSON schema describe them.
#include "sim/catalog/block_catalog.hpp"

namespace sdsim {

namespace {

BlockKindSpec station_kind() {
  return BlockKindSpec{
      .name = "station",
      .summary =
          "a queueing station: servers working in parallel, a waiting line, a service-time distribution",
      .params =
          {
              ParamSpec{.name = "servers",
                        .type = ParamType::integer,
                        .unit = "count",
                        .min = 1,
                        .max = 1'000'000,
                        .default_value = 1,
                        .help = "the number of requests served at once (servers or worker threads)",
                        .source = "modelling choice: a single server unless stated"},
              ParamSpec{.name = "queue_capacity",
                        .type = ParamType::integer,
                        .unit = "requests",
                        .min = 0,
                        .max = 1e9,
                        .default_text = "unbounded",
                        .help = "the waiting places beyond those in service; an arrival finding them full is "
                                "rejected (0 = no waiting: an Erlang loss system)",
                        .source = "modelling choice: unbounded unless stated",
                        .no_default = true},
              ParamSpec{.name = "service_time",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .required = true,
                        .help = "the time one request occupies a server"},
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
              PresetSpec{.name = "lambda-sync",
                         .description = "an AWS Lambda function invoked synchronously at the default account "
                                        "concurrency: requests beyond it are throttled, not queued",
                         .values = {{"servers", 1000}, {"queue_capacity", 0}},
                         .source = "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html "
                                   "(1,000 concurrent executions per Region by default); "
                                   "https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html "
                                   "(invocations beyond concurrency are throttled)"},
          },
  };
}

constexpr std::string_view dynamodb_limits_url =
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput-scenarios.html";
constexpr std::string_view dynamodb_quota_url =
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html";
constexpr std::string_view dynamodb_units_url = "https://aws.amazon.com/dynamodb/pricing/provisioned/";
constexpr std::string_view kv_capacity_modes[] = {"on_demand", "provisioned"};
constexpr std::string_view kv_consistencies[] = {"eventual", "strong"};

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
                        .help = "reads: eventual (0.5 RCU per 4 KB) or strong (1 RCU per 4 KB)",
                        .source = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
                                  "HowItWorks.ReadConsistency.html",
                        .allowed = kv_consistencies},
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
          },
      .presets =
          {
              PresetSpec{.name = "aws.dynamodb.on_demand",
                         .description = "a newly created on-demand table: 12,000 RRU/s and 4,000 WRU/s at "
                                        "once (4 partitions), within the 40,000 units/s table quota",
                         .values = {{"partitions", 4}},
                         .source = "https://repost.aws/knowledge-center/on-demand-table-throttling-dynamodb; "
                                   "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
                                   "on-demand-capacity-mode.html"},
              PresetSpec{.name = "aws.dynamodb.provisioned",
                         .description = "a provisioned table with one partition's worth of capacity: 3,000 "
                                        "RCU/s and 1,000 WCU/s for the whole table",
                         .values = {{"read_capacity_units", 3000}, {"write_capacity_units", 1000}},
                         .source = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
                                   "warm-throughput-scenarios.html (per-partition limits)"},
          },
  };
}

constexpr std::string_view aurora_mysql_connections_url =
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Performance.html";
constexpr std::string_view read_routings[] = {"replicas", "writer"};

BlockKindSpec relational_database_kind() {
  return BlockKindSpec{
      .name = "relational_database",
      .summary =
          "an Aurora/RDS-like database: one writer and read replicas, each serving `connections` queries "
          "at once with its own waiting line; writes go to the writer, reads round robin to the replicas",
      .params =
          {
              ParamSpec{.name = "read_replicas",
                        .type = ParamType::integer,
                        .unit = "count",
                        .min = 0,
                        .max = 15,
                        .default_value = 1,
                        .help = "the read replica instances beside the writer (Aurora allows up to 15)",
                        .source = "aws-facts Aurora Max Aurora Replicas (15): "
                                  "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/"
                                  "Aurora.Overview.html; modelling choice: one replica by default, the "
                                  "failover target that aws-facts' 30 s Aurora failover assumes"},
              ParamSpec{.name = "connections",
                        .type = ParamType::integer,
                        .unit = "queries",
                        .min = 1,
                        .max = 16'000,
                        .default_value = 1000,
                        .help = "the queries one instance serves at once: its max_connections, each "
                                "connection taken to run one query",
                        .source = "modelling choice (no aws-facts figure): the Aurora MySQL default "
                                  "max_connections of a db.r6g.large, 1000 (16,000 at most), from "
                                  "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/"
                                  "AuroraMySQL.Managing.Performance.html"},
              ParamSpec{.name = "queue_capacity",
                        .type = ParamType::integer,
                        .unit = "queries",
                        .min = 0,
                        .max = 1e9,
                        .default_value = 0,
                        .help = "the waiting places of each instance beyond its connections (an "
                                "application-side pool or RDS Proxy); an arrival finding them full is "
                                "refused (0 = refused at once, MySQL's \"Too many connections\")",
                        .source = "modelling choice: a connection beyond max_connections is refused, as "
                                  "MySQL and PostgreSQL do"},
              ParamSpec{.name = "read_routing",
                        .type = ParamType::text,
                        .default_text = "replicas",
                        .help = "where reads (read, get, query, call) go: replicas (round robin over the "
                                "read replicas, the writer when there are none) or writer; writes (write, "
                                "set, delete, send) always go to the writer",
                        .source = "modelling choice: reads through the reader endpoint, which spreads "
                                  "connections over the replicas "
                                  "(https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/"
                                  "Aurora.Overview.Endpoints.html)",
                        .allowed = read_routings},
              ParamSpec{.name = "read_time",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .default_text = "lognormal, p50 1 ms, p99 5 ms",
                        .help = "the time one read query holds its connection",
                        .source = "modelling choice (no aws-facts figure): an indexed point read served "
                                  "from the buffer cache"},
              ParamSpec{.name = "write_time",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .default_text = "lognormal, p50 2 ms, p99 10 ms",
                        .help = "the time one write query holds its connection, commit included",
                        .source = "modelling choice (no aws-facts figure): a single-row write whose commit "
                                  "waits for a storage quorum across Availability Zones"},
          },
      .presets =
          {
              PresetSpec{.name = "aws.aurora.r6g.large",
                         .description = "an Aurora MySQL cluster of db.r6g.large instances (2 vCPU, 16 GiB): "
                                        "max_connections 1000 per instance, one Aurora Replica",
                         .values = {{"connections", 1000}, {"read_replicas", 1}},
                         .source = aurora_mysql_connections_url},
              PresetSpec{.name = "aws.rds.postgres",
                         .description = "an RDS for PostgreSQL db.r6g.large instance (16 GiB) without read "
                                        "replicas: max_connections LEAST(memory / 9531392, 5000), about 1800",
                         .values = {{"connections", 1802}, {"read_replicas", 0}},
                         .source =
                             "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/"
                             "CHAP_Limits.html#RDS_Limits.MaxConnections (the formula, applied to the "
                             "class's 16 GiB: the engine's reserved memory makes a real instance report "
                             "slightly fewer)"},
          },
  };
}

BlockKindSpec cache_kind() {
  constexpr std::string_view elasticache_blog =
      "https://aws.amazon.com/blogs/database/"
      "achieve-over-500-million-requests-per-second-per-cluster-with-amazon-elasticache-for-redis-7-1/";
  return BlockKindSpec{
      .name = "cache",
      .summary =
          "a keyed cache node (ElastiCache, DAX): LRU with a capacity and a TTL; the hit ratio "
          "emerges from key popularity, served like a station",
      .params =
          {
              ParamSpec{.name = "capacity_items",
                        .type = ParamType::integer,
                        .unit = "items",
                        .min = 0,
                        .max = 1e9,
                        .default_value = 1'000'000,
                        .help = "the keys the node holds; a set beyond it evicts the least recently used",
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
              ParamSpec{.name = "servers",
                        .type = ParamType::integer,
                        .unit = "count",
                        .min = 1,
                        .max = 1'000'000,
                        .default_value = 335,
                        .help = "the requests the node serves at once; more wait in line",
                        .source = "aws-facts ElastiCache Redis 7.1 throughput per node, over 1M requests/s: "
                                  "335 x the default 0.335 ms mean service time; "
                                  "https://aws.amazon.com/blogs/database/"
                                  "achieve-over-500-million-requests-per-second-per-cluster-with-amazon-"
                                  "elasticache-for-redis-7-1/"},
              ParamSpec{.name = "queue_capacity",
                        .type = ParamType::integer,
                        .unit = "requests",
                        .min = 0,
                        .max = 1e9,
                        .default_text = "unbounded",
                        .help = "the waiting places beyond those in service; an arrival finding them full is "
                                "refused",
                        .source = "modelling choice: unbounded unless stated",
                        .no_default = true},
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
          },
      .presets =
          {
              PresetSpec{.name = "aws.elasticache.redis",
                         .description = "an ElastiCache for Redis 7.1 node (r7g.4xlarge class): about 1M "
                                        "requests/s at sub-millisecond latency, keys without expiry",
                         .values = {{"servers", 335}, {"ttl_s", 0}},
                         .source = elasticache_blog},
              PresetSpec{.name = "aws.dax",
                         .description = "a DynamoDB Accelerator node's item cache: items expire 300 s after "
                                        "they are cached",
                         .values = {{"ttl_s", 300}},
                         .source =
                             "https://awsi.click/en/articles/dax-dynamodb-caching/ (item cache TTL "
                             "default 300 s); "
                             "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.html"},
              PresetSpec{.name = "aws.cloudfront",
                         .description =
                             "a CloudFront edge cache: objects live for the cache policy's default "
                             "TTL of one day (the edge latency is the service_time, set it to "
                             "match the clients' distance)",
                         .values = {{"ttl_s", 86'400}},
                         .source = "aws-facts CloudFront Default TTL (cache policy), 86400 s: "
                                   "https://docs.aws.amazon.com/AmazonCloudFront/latest/APIReference/"
                                   "API_CachePolicyConfig.html"},
          },
  };
}

constexpr std::string_view balancing_policies[] = {"round_robin", "least_outstanding", "random",
                                                   "power_of_two"};

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

constexpr std::string_view lambda_limits_url =
    "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html";
constexpr std::string_view lambda_scaling_url =
    "https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html";

BlockKindSpec function_kind() {
  return BlockKindSpec{
      .name = "function",
      .summary =
          "an AWS Lambda function: execution environments serve one invocation each; a new environment "
          "pays a cold start, and beyond the concurrency limit or scale-up rate invocations are "
          "throttled (429)",
      .params =
          {
              ParamSpec{.name = "concurrency_limit",
                        .type = ParamType::integer,
                        .unit = "environments",
                        .min = 1,
                        .max = 1'000'000,
                        .default_value = 1000,
                        .help = "the execution environments alive at once (account or reserved "
                                "concurrency); an invocation finding them all busy is throttled",
                        .source = lambda_limits_url},
              ParamSpec{.name = "scale_up_per_s",
                        .type = ParamType::number,
                        .unit = "environments/s",
                        .min = 0.001,
                        .max = 1e9,
                        .default_value = 100,
                        .help = "the steady rate at which new environments may start (token bucket refill); "
                                "an invocation needing a new one beyond it is throttled",
                        .source = "https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html (up to "
                                  "1,000 new execution environments every 10 s per function)"},
              ParamSpec{.name = "scale_up_burst",
                        .type = ParamType::integer,
                        .unit = "environments",
                        .min = 1,
                        .max = 1e9,
                        .default_value = 1000,
                        .help = "the new environments that may start at once (token bucket size); unused "
                                "rate does not accumulate beyond it",
                        .source = lambda_scaling_url},
              ParamSpec{.name = "idle_timeout_s",
                        .type = ParamType::number,
                        .unit = "s",
                        .min = 0.001,
                        .max = 86'400,
                        .default_value = 600,
                        .help = "how long an idle environment is kept warm before it is reclaimed; the next "
                                "invocation needing it pays a cold start",
                        .source = "modelling choice: AWS publishes no figure (aws-facts has none); idle "
                                  "environments are commonly observed to last several minutes"},
              ParamSpec{.name = "cold_start",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .default_text = "uniform(100 ms, 1000 ms)",
                        .help = "the init time a new environment adds to its first invocation",
                        .source =
                            "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html "
                            "(cold starts vary from under 100 ms to over 1 s)"},
              ParamSpec{.name = "duration",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .required = true,
                        .help = "the handler's own run time per invocation (the environment also stays busy "
                                "while the handler's downstream calls run)"},
          },
      .presets =
          {
              PresetSpec{
                  .name = "aws.lambda",
                  .description = "a Lambda function at the default account concurrency of 1,000, "
                                 "scaling by up to 1,000 environments every 10 s",
                  .values = {{"concurrency_limit", 1000}, {"scale_up_per_s", 100}, {"scale_up_burst", 1000}},
                  .source = "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html; "
                            "https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html"},
          },
  };
}

constexpr std::string_view s3_prefix_limits_url = "https://repost.aws/knowledge-center/http-5xx-errors-s3";

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

constexpr std::string_view sqs_fifo_throttling_url =
    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/"
    "troubleshooting-fifo-throttling-issues.html";
constexpr std::string_view sqs_queue_types[] = {"standard", "fifo"};

BlockKindSpec queue_kind() {
  return BlockKindSpec{
      .name = "queue",
      .summary =
          "an Amazon SQS queue (standard or FIFO): sends store messages, consumers receive one at a time and "
          "run the flow that names the queue in \"consume\"; a message whose processing outlasts the "
          "visibility timeout or fails is delivered again, so duplicates and dead letters emerge",
      .params =
          {
              ParamSpec{.name = "type",
                        .type = ParamType::text,
                        .default_text = "standard",
                        .help = "standard (at-least-once, best-effort order, no throughput limit) or fifo "
                                "(sends limited per second; one message in flight per message group, the "
                                "request key, delivered in order)",
                        .source = "modelling choice: SQS creates standard queues unless FIFO is asked for",
                        .allowed = sqs_queue_types},
              ParamSpec{.name = "consumers",
                        .type = ParamType::integer,
                        .unit = "count",
                        .min = 1,
                        .max = 1'000'000,
                        .default_value = 5,
                        .help = "the pollers receiving messages, each processing one message at a time (its "
                                "consumer-flow request) before receiving the next",
                        .source = "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html "
                                  "(Lambda starts polling a standard queue with 5 concurrent pollers)"},
              ParamSpec{.name = "visibility_timeout_s",
                        .type = ParamType::number,
                        .unit = "s",
                        .min = 0.001,
                        .max = 43'200,
                        .default_value = 30,
                        .help = "how long a received message stays invisible; if its processing has not "
                                "deleted it by then, another consumer receives it again",
                        .source = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/"
                                  "API_ChangeMessageVisibility.html (default 30 s, at most 12 h; 0 s is "
                                  "excluded as it would redeliver at the same instant)"},
              ParamSpec{.name = "max_receives",
                        .type = ParamType::integer,
                        .unit = "count",
                        .min = 0,
                        .max = 1000,
                        .default_value = 0,
                        .help =
                            "the redrive policy's maxReceiveCount: a message received this many times "
                            "without being deleted moves to the dead-letter queue; 0: no dead-letter queue",
                        .source = "modelling choice: SQS queues have no redrive policy unless one is set"},
              ParamSpec{.name = "fifo_send_rate_per_s",
                        .type = ParamType::number,
                        .unit = "messages/s",
                        .min = 0.001,
                        .max = 1e9,
                        .default_value = 300,
                        .help = "FIFO only: sends per second before throttling (300 without batching or "
                                "high-throughput mode; 3,000 with batches of 10; up to 70,000 in "
                                "high-throughput mode)",
                        .source = sqs_fifo_throttling_url},
              ParamSpec{.name = "send_latency",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .default_text = "lognormal, p50 16 ms, p99 50 ms",
                        .help = "the time until a send is acknowledged and the message stored (a synchronous "
                                "sender waits for it)",
                        .source = "https://paperzz.com/doc/8847683/cloud-performance-benchmark-series (16 ms "
                                  "for a 1 KB message, 2012); p99 50 ms: modelling choice"},
          },
      .presets =
          {
              PresetSpec{.name = "aws.sqs.standard",
                         .description = "an SQS standard queue with the default 30 s visibility timeout",
                         .values = {{"visibility_timeout_s", 30}},
                         .source = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/"
                                   "API_ChangeMessageVisibility.html"},
          },
  };
}

}  // namespace

void register_builtin_blocks(BlockCatalog& catalog) {
  catalog.add(station_kind());
  catalog.add(compute_kind());
  catalog.add(load_balancer_kind());
  catalog.add(cache_kind());
  catalog.add(kv_database_kind());
  catalog.add(relational_database_kind());
  catalog.add(function_kind());
  catalog.add(storage_kind());
  catalog.add(queue_kind());
}

}  // namespace sdsim
