#pragma once
// Parameters shared by every block kind and file format: the hops of a route and the six duration
// distribution forms. The loaders validate against them and the schema generator describes them.
#include <array>
#include <string_view>

#include "sim/catalog/param_spec.hpp"

namespace sdsim::format {

inline constexpr ParamSpec route_to{
    .name = "to", .type = ParamType::text, .required = true, .help = "the name of the next block"};
inline constexpr ParamSpec route_p{.name = "p",
                                   .type = ParamType::number,
                                   .min = 0,
                                   .max = 1,
                                   .default_value = 1,
                                   .help = "the probability of taking this hop",
                                   .source = "modelling choice: a hop listed alone is always taken"};

inline constexpr double max_ms =
    86'400'000;  // one day: longer service or think times are surely a unit mistake

inline constexpr ParamSpec dist_kind{
    .name = "dist",
    .type = ParamType::text,
    .required = true,
    .help = "the distribution: constant, exponential, lognormal, uniform, pareto or empirical"};
inline constexpr ParamSpec value_ms{.name = "value_ms",
                                    .type = ParamType::number,
                                    .unit = "ms",
                                    .min = 0,
                                    .max = max_ms,
                                    .required = true,
                                    .help = "the fixed duration"};
inline constexpr ParamSpec mean_ms{.name = "mean_ms",
                                   .type = ParamType::number,
                                   .unit = "ms",
                                   .min = 1e-6,
                                   .max = max_ms,
                                   .required = true,
                                   .help = "the mean duration"};
inline constexpr ParamSpec p50_ms{.name = "p50_ms",
                                  .type = ParamType::number,
                                  .unit = "ms",
                                  .min = 1e-6,
                                  .max = max_ms,
                                  .required = true,
                                  .help = "the median"};
inline constexpr ParamSpec p99_ms{.name = "p99_ms",
                                  .type = ParamType::number,
                                  .unit = "ms",
                                  .min = 1e-6,
                                  .max = max_ms,
                                  .required = true,
                                  .help = "the 99th percentile (above p50_ms)"};
inline constexpr ParamSpec min_ms{.name = "min_ms",
                                  .type = ParamType::number,
                                  .unit = "ms",
                                  .min = 0,
                                  .max = max_ms,
                                  .required = true,
                                  .help = "the shortest duration"};
inline constexpr ParamSpec max_ms_spec{.name = "max_ms",
                                       .type = ParamType::number,
                                       .unit = "ms",
                                       .min = 0,
                                       .max = max_ms,
                                       .required = true,
                                       .help = "the longest duration (at least min_ms)"};
inline constexpr ParamSpec scale_ms{.name = "scale_ms",
                                    .type = ParamType::number,
                                    .unit = "ms",
                                    .min = 1e-6,
                                    .max = max_ms,
                                    .required = true,
                                    .help = "the smallest duration (Pareto scale)"};
inline constexpr ParamSpec shape{.name = "shape",
                                 .type = ParamType::number,
                                 .min = 0.1,
                                 .max = 100,
                                 .required = true,
                                 .help = "the tail index (Pareto shape; a finite mean needs more than 1)"};
inline constexpr ParamSpec points_ms{
    .name = "points_ms",
    .type = ParamType::list,
    .required = true,
    .help = "[[duration_ms, cumulative_probability], ...] rising to probability 1"};

// One way of writing a distribution: {"dist": name, first: ..., second: ...}; `second` is null for
// one-parameter forms.
struct DistributionForm {
  std::string_view name;
  std::string_view summary;
  const ParamSpec* first;
  const ParamSpec* second;
};

inline constexpr std::array<DistributionForm, 6> dist_forms{{
    {"constant", "always the same duration", &value_ms, nullptr},
    {"exponential", "memoryless, as in M/M/c queues", &mean_ms, nullptr},
    {"lognormal", "the usual shape of measured latencies, stated by median and p99", &p50_ms, &p99_ms},
    {"uniform", "equally likely anywhere between two bounds", &min_ms, &max_ms_spec},
    {"pareto", "heavy-tailed: rare very long durations", &scale_ms, &shape},
    {"empirical", "a measured cumulative distribution, interpolated linearly", &points_ms, nullptr},
}};

inline constexpr ParamSpec design_blocks{
    .name = "blocks",
    .type = ParamType::object,
    .required = true,
    .help = "an object naming each block: { \"api\": { \"kind\": \"station\", ... } }"};

// Which keys requests touch: what makes caches hit and database partitions run hot.
inline constexpr ParamSpec scenario_keys{.name = "keys",
                                         .type = ParamType::object,
                                         .help =
                                             "the keys requests touch: {\"count\": 1000000, \"popularity\": "
                                             "\"zipf\", \"skew\": 0.99}"};
inline constexpr ParamSpec keys_count{
    .name = "count",
    .type = ParamType::integer,
    .unit = "keys",
    .min = 1,
    .max = 1e15,
    .default_value = 1'000'000,
    .help = "how many distinct keys exist (memory grows only with keys touched)",
    .source = "modelling choice: a million items"};
inline constexpr std::array<std::string_view, 2> key_popularities{"uniform", "zipf"};
inline constexpr ParamSpec keys_popularity{.name = "popularity",
                                           .type = ParamType::text,
                                           .default_text = "uniform",
                                           .help =
                                               "how requests pick keys: uniform, or zipf (key k with "
                                               "probability proportional to 1 / k^skew)",
                                           .source = "modelling choice: no hot keys unless stated",
                                           .allowed = key_popularities};
inline constexpr ParamSpec keys_skew{.name = "skew",
                                     .type = ParamType::number,
                                     .min = 0,
                                     .max = 10,
                                     .default_value = 0.99,
                                     .help =
                                         "the Zipf exponent s: 0 is uniform, about 1 is typical of web "
                                         "content popularity",
                                     .source =
                                         "Breslau et al., Web caching and Zipf-like distributions (1999): "
                                         "exponents 0.64 to 0.83 for proxies; 0.99 is YCSB's default"};

inline constexpr ParamSpec keys_hot_share{
    .name = "hot_share",
    .type = ParamType::number,
    .min = 0,
    .max = 1,
    .default_value = 0,
    .help =
        "the fraction of requests that go to the hot keys (a celebrity, a flash-sale item), on top of the "
        "popularity curve",
    .source = "modelling choice: no hot key unless stated"};
inline constexpr ParamSpec keys_hot_keys{.name = "hot_keys",
                                         .type = ParamType::integer,
                                         .unit = "keys",
                                         .min = 1,
                                         .max = 1e6,
                                         .default_value = 1,
                                         .help = "how many keys share hot_share (keys 0, 1, ...)",
                                         .source = "modelling choice: one hot key"};

// Placement: regions hold Availability Zones; blocks run in zones; every hop pays one-way latency.
inline constexpr ParamSpec design_regions{
    .name = "regions",
    .type = ParamType::object,
    .help =
        "the regions and their Availability Zones: { \"us-east-1\": [\"use1-az1\", \"use1-az2\"] }; "
        "without regions, hops between blocks take no time"};
inline constexpr ParamSpec design_network{.name = "network",
                                          .type = ParamType::object,
                                          .help =
                                              "one-way latencies, link bandwidths and transfer prices of "
                                              "a hop, by where its ends are"};
inline constexpr ParamSpec network_same_az{
    .name = "same_az_ms",
    .type = ParamType::number,
    .unit = "ms",
    .min = 0,
    .max = 10'000,
    .default_value = 0.25,
    .help = "one-way latency between blocks in the same Availability Zone",
    .source = "half the 0.5 ms intra-datacenter round trip, https://gist.github.com/jboner/2841832"};
inline constexpr ParamSpec network_cross_az{
    .name = "cross_az_ms",
    .type = ParamType::number,
    .unit = "ms",
    .min = 0,
    .max = 10'000,
    .default_value = 0.5,
    .help = "one-way latency between Availability Zones of one region",
    .source =
        "half the typical 1 ms inter-AZ round trip (AWS), "
        "https://gist.github.com/rjhintz/a27d0ef48121a410e714"};
inline constexpr ParamSpec network_cross_region{
    .name = "cross_region_ms",
    .type = ParamType::number,
    .unit = "ms",
    .min = 0,
    .max = 10'000,
    .default_value = 75,
    .help =
        "one-way latency between regions not listed in region_pairs_ms (us-east-1 to us-west-2 is built in "
        "at 27.5 ms, half the measured 55 ms round trip)",
    .source = "half the 150 ms US-Europe round trip, https://gist.github.com/jboner/2841832"};
inline constexpr ParamSpec network_region_pairs{
    .name = "region_pairs_ms",
    .type = ParamType::object,
    .help = "one-way latency per region pair, both directions: { \"us-east-1|eu-west-1\": 38 }"};
inline constexpr ParamSpec network_client{
    .name = "client_ms",
    .type = ParamType::number,
    .unit = "ms",
    .min = 0,
    .max = 10'000,
    .default_value = 0,
    .help =
        "one-way latency from the clients to the first region (clients reaching other regions also pay "
        "the cross-region latency)",
    .source = "modelling choice: clients at the region's edge, so reports show the system's own latency"};
inline constexpr ParamSpec network_same_az_gbps{
    .name = "same_az_gbps",
    .type = ParamType::number,
    .unit = "Gbit/s",
    .min = 0.001,
    .max = 1'000,
    .default_value = 5,
    .help = "link bandwidth a payload crosses between blocks in the same Availability Zone",
    .source =
        "EC2 single-flow limit outside a cluster placement group, "
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-network-bandwidth.html"};
inline constexpr ParamSpec network_cross_az_gbps{
    .name = "cross_az_gbps",
    .type = ParamType::number,
    .unit = "Gbit/s",
    .min = 0.001,
    .max = 1'000,
    .default_value = 5,
    .help = "link bandwidth a payload crosses between Availability Zones of one region",
    .source =
        "EC2 single-flow limit outside a cluster placement group, "
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-network-bandwidth.html"};
inline constexpr ParamSpec network_cross_region_gbps{
    .name = "cross_region_gbps",
    .type = ParamType::number,
    .unit = "Gbit/s",
    .min = 0.001,
    .max = 1'000,
    .default_value = 5,
    .help = "link bandwidth a payload crosses between regions",
    .source =
        "EC2 limit for traffic leaving the region (instances under 32 vCPUs), "
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-network-bandwidth.html"};
inline constexpr ParamSpec network_client_gbps{
    .name = "client_gbps",
    .type = ParamType::number,
    .unit = "Gbit/s",
    .min = 0.001,
    .max = 1'000,
    .default_value = 5,
    .help =
        "link bandwidth a payload crosses between the clients and the system (clients reaching another "
        "region get the slower of this and cross_region_gbps)",
    .source =
        "EC2 limit for traffic to the internet gateway (instances under 32 vCPUs), clients at the region's "
        "edge as for client_ms, "
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-network-bandwidth.html"};
inline constexpr std::string_view network_prices_source =
    "aws-facts Network data transfer prices, us-east-1: "
    "https://www.usage.ai/blogs/aws/networking-cost/data-transfer-costs/";
inline constexpr ParamSpec network_cross_az_price{
    .name = "cross_az_usd_per_gb",
    .type = ParamType::number,
    .unit = "USD/GB",
    .min = 0,
    .max = 100,
    .default_value = 0.02,
    .help =
        "what a GB crossing between Availability Zones costs: $0.01 out of one zone and $0.01 into the other",
    .source = network_prices_source};
inline constexpr ParamSpec network_cross_region_price{
    .name = "cross_region_usd_per_gb",
    .type = ParamType::number,
    .unit = "USD/GB",
    .min = 0,
    .max = 100,
    .default_value = 0.02,
    .help = "what a GB sent from one region to another costs (a typical US pair; it varies by pair)",
    .source = network_prices_source};
inline constexpr ParamSpec network_internet_out_price{
    .name = "internet_out_usd_per_gb",
    .type = ParamType::number,
    .unit = "USD/GB",
    .min = 0,
    .max = 100,
    .default_value = 0.09,
    .help =
        "what a GB answered to clients over the internet costs (the first 10 TB/month tier; inbound is "
        "free, the 100 GB free allowance is not counted)",
    .source = network_prices_source};
inline constexpr ParamSpec block_placement{
    .name = "placement",
    .type = ParamType::list,
    .help =
        "the Availability Zones (or whole regions) the block runs in, calls spread evenly across them; "
        "default: every zone of the first region"};

// A flow is a tree of calls: the flow object is the root call (with "entry" in place of "to").
inline constexpr ParamSpec design_flows{
    .name = "flows",
    .type = ParamType::object,
    .required = true,
    .help = "an object naming each request type: { \"browse\": { \"entry\": \"api\", \"calls\": [...] } }"};
inline constexpr ParamSpec flow_entry{.name = "entry",
                                      .type = ParamType::text,
                                      .required = true,
                                      .help = "the name of the block the flow's requests arrive at"};
inline constexpr ParamSpec flow_consume{
    .name = "consume",
    .type = ParamType::text,
    .help =
        "the queue or stream block whose consumers run one request of this flow per message or record "
        "received; such a flow takes no load in the scenario (at most one consumer flow per queue or "
        "stream)"};
inline constexpr ParamSpec call_to{
    .name = "to", .type = ParamType::text, .required = true, .help = "the block called"};
inline constexpr std::array<std::string_view, 10> call_operations{
    "call", "read", "write", "get", "set", "delete", "send", "receive", "query", "invoke"};
inline constexpr ParamSpec call_op{.name = "op",
                                   .type = ParamType::text,
                                   .default_text = "call",
                                   .help = "what the block is asked to do",
                                   .source = "modelling choice: a plain call",
                                   .allowed = call_operations};
inline constexpr ParamSpec call_p{.name = "p",
                                  .type = ParamType::number,
                                  .min = 0,
                                  .max = 1,
                                  .default_value = 1,
                                  .help = "the probability that this call is made",
                                  .source = "modelling choice: a listed call is always made"};
inline constexpr std::array<std::string_view, 2> call_conditions{"hit", "miss"};
inline constexpr ParamSpec call_if{.name = "if",
                                   .type = ParamType::text,
                                   .help =
                                       "make the call only when the previous call (for a first call: the "
                                       "block making it) answered with a cache hit (or a miss): cache-aside "
                                       "reads the database on \"miss\"",
                                   .allowed = call_conditions};
inline constexpr ParamSpec call_async{
    .name = "async",
    .type = ParamType::boolean,
    .help = "true: the caller does not wait for the answer (send to a queue)",
    .source = "modelling choice: calls are synchronous"};
inline constexpr ParamSpec call_parallel{.name = "parallel",
                                         .type = ParamType::boolean,
                                         .help =
                                             "true: this call's own calls start together and are joined "
                                             "(fan-out); false: one after another",
                                         .source = "modelling choice: calls run in sequence"};
// 5 GB, the largest object one S3 PUT accepts
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/upload-objects.html): a bigger single call is surely
// a unit mistake.
inline constexpr double max_payload_kb = 5'000'000;
inline constexpr ParamSpec call_request_kb{
    .name = "request_kb",
    .type = ParamType::number,
    .unit = "KB",
    .min = 0,
    .max = max_payload_kb,
    .default_value = 0,
    .help =
        "the size of the request sent to the block (KB of 1000 bytes): each network hop takes its latency "
        "plus size / bandwidth; needs regions; at most 5 GB, S3's single-PUT limit",
    .source = "modelling choice: a small call whose transfer time is negligible"};
inline constexpr ParamSpec call_response_kb{
    .name = "response_kb",
    .type = ParamType::number,
    .unit = "KB",
    .min = 0,
    .max = max_payload_kb,
    .default_value = 0,
    .help = "the size of the block's successful answer, carried back to the caller (KB of 1000 bytes)",
    .source = "modelling choice: a small answer whose transfer time is negligible"};
// Resilience on a call (sim/core/resilience.hpp): the caller's timeout per attempt, retries, a retry budget
// and a circuit breaker. None unless stated.
inline constexpr ParamSpec call_timeout{
    .name = "timeout_ms",
    .type = ParamType::number,
    .unit = "ms",
    .min = 0.001,
    .max = max_ms,
    .default_text = "none",
    .help =
        "how long the caller waits for each attempt: then it sees a timeout and moves on, while the callee "
        "goes on serving the abandoned attempt (its late answer is discarded); on a flow, the client's "
        "timeout",
    .source = "modelling choice: a caller waits as long as it takes unless stated",
    .no_default = true};
inline constexpr ParamSpec call_retry{
    .name = "retry",
    .type = ParamType::object,
    .help =
        "retry a failed attempt (any failure but circuit_open) after exponential backoff: {\"max\": 2, "
        "\"backoff_ms\": 100, \"max_backoff_ms\": 20000, \"jitter\": \"full\"}; each retry is new load on "
        "the callee"};
inline constexpr ParamSpec retry_max{
    .name = "max",
    .type = ParamType::integer,
    .unit = "count",
    .min = 0,
    .max = 100,
    .default_value = 2,
    .help = "retries after the first attempt",
    .source =
        "AWS SDKs' standard retry mode: three attempts (not in aws-facts.json), "
        "https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html"};
inline constexpr ParamSpec retry_backoff{
    .name = "backoff_ms",
    .type = ParamType::number,
    .unit = "ms",
    .min = 0,
    .max = max_ms,
    .default_value = 100,
    .help =
        "the backoff before the first retry; retry k (from 0) waits backoff_ms x 2^k, capped, then jittered",
    .source =
        "modelling choice: the 100 ms base delay of the AWS SDKs for Java v2 and JavaScript v3 in standard "
        "mode (not in aws-facts.json), "
        "https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html"};
inline constexpr ParamSpec retry_max_backoff{
    .name = "max_backoff_ms",
    .type = ParamType::number,
    .unit = "ms",
    .min = 0,
    .max = max_ms,
    .default_value = 20'000,
    .help = "the cap on a backoff before jitter (at least backoff_ms)",
    .source =
        "AWS SDKs' standard retry mode: 20 s maximum backoff (not in aws-facts.json), "
        "https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html"};
inline constexpr std::array<std::string_view, 3> retry_jitters{"full", "equal", "none"};
inline constexpr ParamSpec retry_jitter{
    .name = "jitter",
    .type = ParamType::text,
    .default_text = "full",
    .help =
        "full: uniform in [0, backoff]; equal: backoff / 2 plus uniform in [0, backoff / 2]; none: the "
        "backoff itself (synchronised retries)",
    .source =
        "AWS Architecture Blog, Exponential Backoff And Jitter (full jitter does the least work), "
        "https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/",
    .allowed = retry_jitters};
inline constexpr ParamSpec call_retry_budget{
    .name = "retry_budget",
    .type = ParamType::object,
    .help =
        "cap the call's retries: over the last 10 s, at most ratio x first attempts plus min_per_s x 10 s "
        "(Finagle's RetryBudget); a retry over budget is not made: {\"ratio\": 0.2, \"min_per_s\": 10}"};
inline constexpr ParamSpec budget_ratio{.name = "ratio",
                                        .type = ParamType::number,
                                        .min = 0,
                                        .max = 10,
                                        .default_value = 0.2,
                                        .help = "retries allowed per first attempt",
                                        .source =
                                            "Finagle RetryBudget default percentCanRetry 20%, "
                                            "https://twitter.github.io/finagle/guide/Clients.html"};
inline constexpr ParamSpec budget_min_per_s{
    .name = "min_per_s",
    .type = ParamType::number,
    .unit = "retries/s",
    .min = 0,
    .max = 1e6,
    .default_value = 10,
    .help = "retries allowed per second whatever the traffic (so that a quiet caller can still retry)",
    .source =
        "Finagle RetryBudget default minRetriesPerSec 10, "
        "https://twitter.github.io/finagle/guide/Clients.html"};
inline constexpr ParamSpec call_circuit_breaker{
    .name = "circuit_breaker",
    .type = ParamType::object,
    .help =
        "stop calling a failing callee: when failures reach failure_ratio of at least min_calls calls in the "
        "last window_s, calls fail at once (circuit_open) for open_s, then one trial call decides: "
        "{\"failure_ratio\": 0.5, \"window_s\": 10, \"min_calls\": 20, \"open_s\": 5}"};
inline constexpr ParamSpec breaker_failure_ratio{
    .name = "failure_ratio",
    .type = ParamType::number,
    .min = 0.001,
    .max = 1,
    .default_value = 0.5,
    .help = "the failed share of calls (timeouts included) that opens the breaker",
    .source =
        "Resilience4j default failureRateThreshold 50%, https://resilience4j.readme.io/docs/circuitbreaker"};
inline constexpr ParamSpec breaker_window{
    .name = "window_s",
    .type = ParamType::number,
    .unit = "s",
    .min = 0.001,
    .max = 86'400,
    .default_value = 10,
    .help = "the sliding window the failure ratio is measured over (ten buckets)",
    .source =
        "Hystrix metrics.rollingStats.timeInMilliseconds 10000, "
        "https://github.com/Netflix/Hystrix/wiki/Configuration"};
inline constexpr ParamSpec breaker_min_calls{
    .name = "min_calls",
    .type = ParamType::integer,
    .unit = "count",
    .min = 1,
    .max = 1e9,
    .default_value = 20,
    .help = "the fewest calls in the window before the breaker may open",
    .source =
        "Hystrix circuitBreaker.requestVolumeThreshold 20, "
        "https://github.com/Netflix/Hystrix/wiki/Configuration"};
inline constexpr ParamSpec breaker_open{
    .name = "open_s",
    .type = ParamType::number,
    .unit = "s",
    .min = 0.001,
    .max = 86'400,
    .default_value = 5,
    .help = "how long the breaker stays open before letting one trial call through",
    .source =
        "Hystrix circuitBreaker.sleepWindowInMilliseconds 5000, "
        "https://github.com/Netflix/Hystrix/wiki/Configuration"};
inline constexpr ParamSpec call_calls{.name = "calls",
                                      .type = ParamType::list,
                                      .help =
                                          "the calls the block makes while serving this one, holding its "
                                          "server: [{\"to\": \"db\", \"op\": \"read\"}, ...]"};

}  // namespace sdsim::format

namespace sdsim::format {

// The top level of a design file (the loader's blocks and flows are described by the catalog and the
// schema's flows section).
inline constexpr ParamSpec design_name{
    .name = "name", .type = ParamType::text, .help = "a short title for reports"};
inline constexpr ParamSpec design_description{
    .name = "description",
    .type = ParamType::text,
    .help = "what the design is and which interview prompt it answers"};
inline constexpr ParamSpec design_default_scenario{
    .name = "default_scenario",
    .type = ParamType::text,
    .help = "the scenario file used when none is given, relative to this file"};

// A scenario file.
inline constexpr ParamSpec scenario_name{
    .name = "name", .type = ParamType::text, .help = "a short title for reports"};
inline constexpr ParamSpec scenario_description{.name = "description",
                                                .type = ParamType::text,
                                                .help = "what the scenario asks of the design, for readers"};
inline constexpr ParamSpec scenario_duration{.name = "duration_s",
                                             .type = ParamType::number,
                                             .unit = "s",
                                             .min = 0.001,
                                             .max = 31'536'000,
                                             .required = true,
                                             .help = "the simulated time measured, after warm-up"};
inline constexpr ParamSpec scenario_warmup{
    .name = "warmup_s",
    .type = ParamType::number,
    .unit = "s",
    .min = 0,
    .max = 31'536'000,
    .default_value = 0,
    .help = "simulated time run first and discarded, so statistics start from a loaded system",
    .source = "modelling choice: no warm-up unless stated"};
inline constexpr ParamSpec scenario_seed{.name = "seed",
                                         .type = ParamType::integer,
                                         .min = 0,
                                         .max = 9'007'199'254'740'991.0,
                                         .default_value = 1,
                                         .help = "the random seed: the same seed gives the same results",
                                         .source = "modelling choice: any fixed seed"};
inline constexpr ParamSpec scenario_replications{
    .name = "replications",
    .type = ParamType::integer,
    .unit = "count",
    .min = 1,
    .max = 1000,
    .default_value = 1,
    .help = "independent runs with derived seeds, for confidence intervals",
    .source = "modelling choice: one run unless stated (no confidence interval)"};
inline constexpr ParamSpec scenario_load{
    .name = "load",
    .type = ParamType::object,
    .required = true,
    .help = "the load per flow: { \"browse\": { \"type\": \"open\", \"rate_per_s\": 100 } }"};
inline constexpr std::array<std::string_view, 2> load_types{"open", "closed"};
inline constexpr ParamSpec load_type{
    .name = "type",
    .type = ParamType::text,
    .required = true,
    .help = "\"open\" (Poisson arrivals at a rate) or \"closed\" (users who wait and think)"};
inline constexpr ParamSpec load_rate{.name = "rate_per_s",
                                     .type = ParamType::number,
                                     .unit = "requests/s",
                                     .min = 1e-6,
                                     .max = 1e8,
                                     .required = true,
                                     .help = "the mean arrival rate of a Poisson process"};
inline constexpr ParamSpec load_users{
    .name = "users",
    .type = ParamType::integer,
    .unit = "count",
    .min = 1,
    .max = 1'000'000,
    .required = true,
    .help = "the number of concurrent users, each with one request outstanding at most"};
inline constexpr ParamSpec load_think{.name = "think_time",
                                      .type = ParamType::distribution,
                                      .unit = "ms",
                                      .required = true,
                                      .help = "the pause between a response and the user's next request"};

}  // namespace sdsim::format
