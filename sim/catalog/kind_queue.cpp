// The "queue" block kind: its parameters and presets, declared once.
#include "sim/catalog/availability_params.hpp"
#include "sim/catalog/builtin_kinds.hpp"
#include "sim/catalog/price_params.hpp"

namespace sdsim {

namespace {

constexpr std::string_view sqs_fifo_throttling_url =
    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/"
    "troubleshooting-fifo-throttling-issues.html";
constexpr std::string_view sqs_fifo_sources =
    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/"
    "troubleshooting-fifo-throttling-issues.html; aws-facts SQS FIFO price: "
    "https://cloudburn.io/blog/amazon-sqs-pricing";
constexpr std::string_view sqs_queue_types[] = {"standard", "fifo"};

}  // namespace

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
              price_per_million_requests(0.40,
                                         "USD per million API calls: each send, receive and delete (64 KB "
                                         "chunks, batching and empty receives are not counted)",
                                         prices::sqs_source),
              sla_availability(99.9,
                               "Amazon SQS SLA, 99.9% monthly uptime "
                               "(https://aws.amazon.com/messaging/sla/); aws-facts has "
                               "no SQS SLA"),
          },
      .presets =
          {
              PresetSpec{.name = "aws.sqs.standard",
                         .description = "an SQS standard queue with the default 30 s visibility timeout",
                         .values = {{"visibility_timeout_s", 30}},
                         .source = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/"
                                   "API_ChangeMessageVisibility.html"},
              PresetSpec{.name = "aws.sqs.fifo",
                         .description = "an SQS FIFO queue without batching or high-throughput mode: 300 "
                                        "sends/s, 30 s visibility timeout",
                         .values = {{.param = "type", .text = "fifo"},
                                    {"fifo_send_rate_per_s", 300},
                                    {"visibility_timeout_s", 30},
                                    {"price_per_million_requests", 0.5}},
                         .source = sqs_fifo_sources},
              PresetSpec{.name = "aws.sqs.fifo.batched",
                         .description = "an SQS FIFO queue sending batches of 10: 3,000 messages/s",
                         .values = {{.param = "type", .text = "fifo"},
                                    {"fifo_send_rate_per_s", 3000},
                                    {"visibility_timeout_s", 30},
                                    {"price_per_million_requests", 0.5}},
                         .source = sqs_fifo_sources},
              PresetSpec{.name = "aws.sqs.fifo.high_throughput",
                         .description = "an SQS FIFO queue in high-throughput mode (us-east-1, us-west-2, "
                                        "eu-west-1): 70,000 sends/s",
                         .values = {{.param = "type", .text = "fifo"},
                                    {"price_per_million_requests", 0.5},
                                    {"fifo_send_rate_per_s", 70000},
                                    {"visibility_timeout_s", 30}},
                         .source = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/"
                                   "SQSDeveloperGuide/quotas-messages.html; aws-facts SQS FIFO price: "
                                   "https://cloudburn.io/blog/amazon-sqs-pricing"},
          },
  };
}

}  // namespace sdsim
