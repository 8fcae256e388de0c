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
