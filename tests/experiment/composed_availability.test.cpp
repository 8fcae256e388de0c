// Availability on paper: published SLAs composed in series, by probability, in parallel behind DNS.
#include "sim/experiment/composed_availability.hpp"

#include <catch2/catch.hpp>

using namespace sdsim;

namespace {

std::vector<ComposedAvailability> compose(const char* text) {
  auto design = load_design_text("design.json", text);
  INFO(design.diagnostics.format());
  REQUIRE(design.value);
  return compose_availability(*design.value);
}

}  // namespace

TEST_CASE("Synchronous calls compose in series; probable calls by their share; async ones not at all",
          "[availability]") {
  const auto flows = compose(R"({ "name": "shop",
    "regions": { "us-east-1": ["a", "b", "c"] },
    "blocks": {
      "alb": { "kind": "load_balancer", "preset": "aws.alb", "target": "api" },
      "api": { "kind": "compute", "instances": 4, "service_time": { "dist": "constant", "value_ms": 1 } },
      "one-zone": { "kind": "compute", "instances": 4, "placement": ["a"],
                    "service_time": { "dist": "constant", "value_ms": 1 } },
      "table": { "kind": "kv_database", "preset": "aws.dynamodb.on_demand" },
      "thumbs": { "kind": "function", "duration": { "dist": "constant", "value_ms": 5 } },
      "mail": { "kind": "queue", "preset": "aws.sqs.standard" } },
    "flows": {
      "view": { "entry": "alb", "calls": [ { "to": "api", "calls": [
        { "to": "table", "op": "read" },
        { "to": "thumbs", "p": 0.3 },
        { "to": "mail", "op": "send", "async": true } ] } ] },
      "legacy": { "entry": "one-zone" } } })");
  REQUIRE(flows.size() == 2);
  // ALB 99.99% x EC2 Region-level 99.99% x DynamoDB 99.99% x (1 - 0.3 x Lambda's 0.05%).
  CHECK(flows[0].availability == Approx(0.9999 * 0.9999 * 0.9999 * (1 - 0.3 * 0.0005)).epsilon(1e-12));
  CHECK(flows[0].weakest == "thumbs");
  CHECK(flows[0].weakest_availability == Approx(0.9995));
  // A pool in one zone has only the instance-level SLA.
  CHECK(flows[1].availability == Approx(0.995));
}

TEST_CASE("DNS failover targets are alternatives: one region up suffices", "[availability]") {
  const auto flows = compose(R"({ "name": "global",
    "regions": { "us-east-1": ["use1-az1", "use1-az2"], "eu-west-1": ["euw1-az1", "euw1-az2"] },
    "blocks": {
      "dns": { "kind": "dns", "preset": "aws.route53", "policy": "failover" },
      "api-us": { "kind": "compute", "instances": 2, "placement": ["us-east-1"],
                  "service_time": { "dist": "constant", "value_ms": 1 } },
      "api-eu": { "kind": "compute", "instances": 2, "placement": ["eu-west-1"],
                  "service_time": { "dist": "constant", "value_ms": 1 } } },
    "flows": { "get": { "entry": "dns", "calls": [ { "to": "api-us" }, { "to": "api-eu" } ] } } })");
  REQUIRE(flows.size() == 1);
  // Route 53 100% x (1 - (1 - 0.9999)^2).
  CHECK(flows[0].availability == Approx(1 - 1e-4 * 1e-4).epsilon(1e-12));
}
