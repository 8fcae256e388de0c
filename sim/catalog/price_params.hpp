#pragma once
// The price parameters of the block kinds: what a block is billed for, in US dollars at us-east-1 on-demand
// list prices. Each priced kind declares the ones it bills beside its behaviour; the run turns the block's
// billable usage into $/month with them (sim/metrics/cost).
#include <string_view>

#include "sim/catalog/param_spec.hpp"

namespace sdsim {

namespace prices {

// The sources of the defaults, as aws-facts records them.
inline constexpr std::string_view alb_source =
    "aws-facts ALB hourly charge us-east-1 (LCU-hours not modelled): "
    "https://cloud-horizons.com/blog/alb-the-line-item-nobody-watches/";
inline constexpr std::string_view lambda_source =
    "aws-facts Lambda price per request and per GB-second (x86): "
    "https://docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html";
inline constexpr std::string_view dynamodb_source =
    "aws-facts DynamoDB on-demand and provisioned prices: "
    "https://airbyte.com/data-engineering-resources/dynamodb-pricing";
inline constexpr std::string_view s3_source =
    "aws-facts S3 Standard GET and PUT request prices: "
    "https://devnotes.tech/understanding-aws-s3-pricing-a-complete-cost-breakdown-with-examples";
inline constexpr std::string_view sqs_source =
    "aws-facts SQS standard and FIFO request prices: "
    "https://cloudburn.io/blog/amazon-sqs-pricing";
inline constexpr std::string_view kinesis_source =
    "aws-facts Kinesis Data Streams provisioned shard-hour (PUT payload units not modelled): "
    "https://kindatechnical.com/aws-kinesis/lesson-29-understanding-kinesis-pricing.html";
inline constexpr std::string_view aurora_source =
    "aws-facts Aurora MySQL db.r6g.large on-demand: "
    "https://store-v2-khaki.vercel.app/rds-vs-aurora-cost-calculator.html";
inline constexpr std::string_view route53_source =
    "Route 53 standard queries, $0.40 per million (https://aws.amazon.com/route53/pricing/); aws-facts has "
    "no "
    "Route 53 price";

}  // namespace prices

// `price_per_hour`: USD per hour for each billed unit `per` ("instance", "node", "shard"...).
constexpr ParamSpec price_per_hour(double usd, std::string_view help, std::string_view source) {
  return ParamSpec{.name = "price_per_hour",
                   .type = ParamType::number,
                   .unit = "USD/h",
                   .min = 0,
                   .max = 100'000,
                   .default_value = usd,
                   .help = help,
                   .source = source};
}

// `price_per_million_requests`: USD per million billed requests (invocations, API calls, queries).
constexpr ParamSpec price_per_million_requests(double usd, std::string_view help, std::string_view source) {
  return ParamSpec{.name = "price_per_million_requests",
                   .type = ParamType::number,
                   .unit = "USD/million",
                   .min = 0,
                   .max = 1'000'000,
                   .default_value = usd,
                   .help = help,
                   .source = source};
}

// `price_per_million_reads` / `price_per_million_writes`: USD per million read or write request units.
constexpr ParamSpec price_per_million_reads(double usd, std::string_view help, std::string_view source) {
  return ParamSpec{.name = "price_per_million_reads",
                   .type = ParamType::number,
                   .unit = "USD/million",
                   .min = 0,
                   .max = 1'000'000,
                   .default_value = usd,
                   .help = help,
                   .source = source};
}
constexpr ParamSpec price_per_million_writes(double usd, std::string_view help, std::string_view source) {
  return ParamSpec{.name = "price_per_million_writes",
                   .type = ParamType::number,
                   .unit = "USD/million",
                   .min = 0,
                   .max = 1'000'000,
                   .default_value = usd,
                   .help = help,
                   .source = source};
}

}  // namespace sdsim
