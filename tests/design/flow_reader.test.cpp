// Flows as call trees: what the loader accepts and how it explains what it refuses.
#include <catch2/catch.hpp>

#include "sim/design/design.hpp"

using namespace sdsim;

namespace {

const char* blocks = R"("blocks": {
    "api": {"kind": "station", "service_time": {"dist": "constant", "value_ms": 1}},
    "cache": {"kind": "station", "service_time": {"dist": "constant", "value_ms": 1}},
    "db": {"kind": "station", "service_time": {"dist": "constant", "value_ms": 1}}})";

Loaded<Design> load_flows(const std::string& flows) {
  return load_design_text("flows.json", std::string("{") + blocks + R"(, "flows": )" + flows + "}");
}

bool has_problem(const Loaded<Design>& loaded, const std::string& pointer, const std::string& part) {
  for (const Diagnostic& d : loaded.diagnostics.items()) {
    if (d.pointer == pointer && d.message.find(part) != std::string::npos && !d.hint.empty()) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("A flow's call tree is read with every kind of call", "[design][flows]") {
  auto loaded = load_flows(R"({"read": {"entry": "api", "parallel": false, "calls": [
      {"to": "cache", "op": "get"},
      {"to": "db", "op": "read", "if": "miss", "p": 0.5},
      {"to": "db", "op": "send", "async": true, "parallel": true, "calls": [{"to": "cache", "op": "set"}]}]}})");
  INFO(loaded.diagnostics.format());
  REQUIRE(loaded.value);
  const FlowSpec& flow = loaded.value->flows.at(0);
  REQUIRE(flow.entry() == "api");
  REQUIRE(flow.root.calls.size() == 3);
  CHECK(flow.root.calls[0].operation == "get");
  CHECK(flow.root.calls[1].condition == CallCondition::if_miss);
  CHECK(flow.root.calls[1].probability == 0.5);
  CHECK(flow.root.calls[2].async);
  CHECK(flow.root.calls[2].parallel);
  CHECK(flow.root.calls[2].calls.at(0).to == "cache");
}

TEST_CASE("Mistakes in call trees are reported with their place and a fix", "[design][flows]") {
  auto loaded = load_flows(R"({"read": {"entry": "api", "calls": [
      {"to": "cache", "op": "gte", "if": "miss"},
      {"to": "db", "p": 1.5, "async": "yes", "calls": [{"to": "dbb"}, {"too": "db"}]}]}})");
  REQUIRE_FALSE(loaded.value);
  INFO(loaded.diagnostics.format());
  CHECK(has_problem(loaded, "/flows/read/calls/0/op", "gte"));
  CHECK(has_problem(loaded, "/flows/read/calls/1/p", "at most 1"));
  CHECK(has_problem(loaded, "/flows/read/calls/1/async", "true or false"));
  CHECK(has_problem(loaded, "/flows/read/calls/1/calls/1", "missing the required key \"to\""));
  CHECK(has_problem(loaded, "/flows/read/calls/1/calls/1/too", "unknown key"));
}

TEST_CASE("A call to an undeclared block is a dangling reference, however deep", "[design][flows]") {
  auto loaded =
      load_flows(R"({"read": {"entry": "api", "calls": [{"to": "db", "calls": [{"to": "cahce"}]}]}})");
  REQUIRE_FALSE(loaded.value);
  CHECK(has_problem(loaded, "/flows/read/calls/0/calls/0/to", "call target \"cahce\" is not a block"));
  CHECK(loaded.diagnostics.items().at(0).hint == "did you mean \"cache\"?");
  CHECK(loaded.diagnostics.items().at(0).line > 0);
}

TEST_CASE("The root call takes no probability, condition or async", "[design][flows]") {
  auto loaded = load_flows(R"({"read": {"entry": "api", "p": 0.5}})");
  REQUIRE_FALSE(loaded.value);
  CHECK(has_problem(loaded, "/flows/read/p", "unknown key"));
}

TEST_CASE("Calls and flows carry request and response sizes, within limits and only with regions",
          "[design][flows]") {
  const std::string regions = R"("regions": {"us-east-1": ["use1-az1"]}, )";
  auto load = [&](const std::string& top, const std::string& flows) {
    return load_design_text("flows.json", "{" + top + blocks + R"(, "flows": )" + flows + "}");
  };
  auto sized = load(regions, R"({"read": {"entry": "api", "request_kb": 2, "response_kb": 0.5,
      "calls": [{"to": "db", "request_kb": 1, "response_kb": 5000000}, {"to": "cache"}]}})");
  INFO(sized.diagnostics.format());
  REQUIRE(sized.value);
  const CallSpec& root = sized.value->flows.at(0).root;
  CHECK(root.request_kb == 2);
  CHECK(root.response_kb == 0.5);
  CHECK(root.calls.at(0).request_kb == 1);
  CHECK(root.calls.at(0).response_kb == 5'000'000);  // 5 GB, the largest single S3 PUT, is the most
  CHECK(root.calls.at(1).request_kb == 0);
  CHECK(root.calls.at(1).response_kb == 0);

  auto bad = load(regions, R"({"read": {"entry": "api", "response_kb": -1,
      "calls": [{"to": "db", "request_kb": 5000001, "size_kb": 3}]}})");
  REQUIRE_FALSE(bad.value);
  CHECK(has_problem(bad, "/flows/read/response_kb", "at least 0"));
  CHECK(has_problem(bad, "/flows/read/calls/0/request_kb", "at most 5000000"));
  CHECK(has_problem(bad, "/flows/read/calls/0/size_kb", "unknown key"));

  auto unplaced = load("", R"({"read": {"entry": "api", "calls": [{"to": "db", "request_kb": 1}]}})");
  REQUIRE_FALSE(unplaced.value);
  CHECK(has_problem(unplaced, "/flows/read/calls/0/request_kb", "no regions"));
  auto zero =
      load("", R"({"read": {"entry": "api", "request_kb": 0, "calls": [{"to": "db", "response_kb": 0}]}})");
  CHECK(zero.value);
}
