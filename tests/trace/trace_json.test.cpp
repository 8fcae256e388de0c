// Traces written as JSON lines read back equal, and damaged or foreign files are refused with a clear reason.
#include "trace/trace_json.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <limits>

using namespace sdsim::trace;

namespace {

Trace sample() {
  Trace t;
  t.design = "shop";
  t.scenario = "outage";
  t.seed = 42;
  t.start_s = 10;
  t.end_s = 12;
  t.window_s = 1;
  t.topology.regions = {Region{"us-east-1", {"use1-az1", "use1-az2"}}};
  t.topology.blocks = {BlockInfo{"api", "compute", {"use1-az1", "use1-az2"}, 4},
                       BlockInfo{"db", "kv_database", {}, 0}};
  t.topology.edges = {Edge{"client", "api", "buy"}, Edge{"api", "db", "buy"}};
  t.faults = {FaultWindow{"az_power_interruption", "use1-az1", 10.5, 1, {"use1-az1"}, {}}};
  t.flows = {FlowInfo{"buy", FlowSlo{200, 99, 99.9}}};
  for (int w = 0; w < 2; ++w) {
    Window window;
    window.end_s = 11 + w;
    FlowPoint f;
    f.completed = 100 + static_cast<std::uint64_t>(w);
    f.failed[2] = 7;
    f.p50_ms = 12.5;
    f.p99_ms = 180.25;
    f.reads = 3;
    f.stale_reads = 1;
    f.stale_p99_ms = 42.5;
    window.flows.push_back(f);
    window.blocks.push_back(BlockPoint{100, 99, 1, 4, 0.625, 3.5, 2});
    window.blocks.back().usd_per_hour = 0.125 * (w + 1);
    window.blocks.push_back(BlockPoint{99, 99, 0, 0, 0, 0.1, 0, 3, 1});
    t.windows.push_back(window);
  }
  t.headline.flows = {FlowHeadline{"buy", 100.5, 0.93, 12.5, 180.25}};
  t.headline.usd_per_month = 1234.5;
  t.headline.events = 5e6;
  return t;
}

std::string error_for(const std::string& text) {
  ReadResult r = read_trace_text("run.trace", text);
  CHECK_FALSE(r.trace);
  return r.error;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("A trace reads back as it was written", "[trace]") {
  const Trace t = sample();
  const std::string text = to_json_lines(t);
  ReadResult r = read_trace_text("run.trace", text);
  INFO(r.error);
  REQUIRE(r.trace);
  CHECK(to_json_lines(*r.trace) == text);
  const Trace& back = *r.trace;
  CHECK(back.topology.blocks[0].zones == std::vector<std::string>{"use1-az1", "use1-az2"});
  CHECK(back.flows[0].slo->availability == 99.9);
  CHECK_FALSE(back.flows.empty());
  CHECK(back.windows[1].flows[0].p99_ms == 180.25);
  CHECK(back.windows[1].flows[0].stale_p99_ms == 42.5);
  CHECK(back.windows[1].blocks[1].reads == 3);
  CHECK(back.windows[1].blocks[1].stale_reads == 1);
  CHECK(back.windows[1].flows[0].failed_total() == 7);
  CHECK(back.windows[0].blocks[0].utilization == 0.625);
  CHECK(back.faults[0].zones == std::vector<std::string>{"use1-az1"});
  CHECK(back.headline.usd_per_month == 1234.5);
  CHECK(back.windows[1].blocks[0].usd_per_hour == 0.25);
  CHECK_FALSE(back.windows[1].blocks[1].usd_per_hour);  // unpriced: no key, not $0
  SECTION("its first line names the format") {
    CHECK(text.rfind("{\"format\":\"sdsim.trace/1\"", 0) == 0);
  }
  SECTION("a block's cost and theory read back; a block without them has none") {
    Trace priced = t;
    priced.block_figures.resize(2);
    priced.block_figures[0].usd_per_month = 61.32;
    priced.block_figures[0].theory = StationTheory{.arrival_rate_per_s = 100,
                                                   .utilization = 0.625,
                                                   .stable = true,
                                                   .mean_wait_ms = 1.5,
                                                   .p99_wait_ms = 20,
                                                   .sim_mean_wait_ms = 1.6,
                                                   .sim_p99_wait_ms = 21,
                                                   .agrees = false,
                                                   .reasons = {"retries add load"}};
    const std::string with = to_json_lines(priced);
    ReadResult again = read_trace_text("run.trace", with);
    REQUIRE(again.trace);
    CHECK(to_json_lines(*again.trace) == with);
    const BlockFigures& api = again.trace->figures_of(0);
    CHECK(api.usd_per_month == 61.32);
    REQUIRE(api.theory);
    CHECK(api.theory->sim_mean_wait_ms == 1.6);
    CHECK_FALSE(api.theory->agrees);
    CHECK(api.theory->reasons == std::vector<std::string>{"retries add load"});
    CHECK_FALSE(again.trace->figures_of(1).usd_per_month);
    CHECK_FALSE(back.figures_of(0).theory);
    CHECK(back.block_figures.size() == 2);
  }
  SECTION("an unstable station's infinite prediction is written as 0, not as invalid JSON") {
    Trace unstable = t;
    unstable.block_figures.resize(2);
    StationTheory over;
    over.utilization = 1.2;
    over.mean_wait_ms = std::numeric_limits<double>::infinity();
    unstable.block_figures[0].theory = over;
    ReadResult again = read_trace_text("run.trace", to_json_lines(unstable));
    INFO(again.error);
    REQUIRE(again.trace);
    CHECK(again.trace->figures_of(0).theory->mean_wait_ms == 0);
    CHECK_FALSE(again.trace->figures_of(0).theory->stable);
  }
  SECTION("the t-visibility curves read back; a trace without them writes no such key") {
    Trace curved = t;
    curved.visibility = {
        FlowVisibility{"buy", {VisibilityBin{0, 1, 40, 0.25}, VisibilityBin{10000, 0, 5, 1}}}};
    const std::string with = to_json_lines(curved);
    ReadResult again = read_trace_text("run.trace", with);
    INFO(again.error);
    REQUIRE(again.trace);
    CHECK(to_json_lines(*again.trace) == with);
    REQUIRE(again.trace->visibility.size() == 1);
    CHECK(again.trace->visibility[0].bins[1].from_ms == 10000);
    CHECK(again.trace->visibility[0].bins[0].fresh_fraction == 0.25);
    CHECK(text.find("visibility") == std::string::npos);
  }
  SECTION("a window is found by time") {
    CHECK(back.window_at(10.2) == 0u);
    CHECK(back.window_at(11) == 0u);
    CHECK(back.window_at(11.5) == 1u);
    CHECK(back.window_at(99) == 1u);
  }
}

TEST_CASE("A damaged or foreign trace is refused with the reason", "[trace]") {
  const std::string text = to_json_lines(sample());
  SECTION("a file cut off in the middle of a line") {
    const std::string e = error_for(text.substr(0, text.size() - 10));
    CHECK(contains(e, "run.trace:7:"));
    CHECK(contains(e, "cut off"));
  }
  SECTION("a file cut off between lines, before its summary") {
    const std::string e = error_for(text.substr(0, text.rfind("{\"summary\"")));
    CHECK(contains(e, "ends before its summary"));
  }
  SECTION("another format version") {
    std::string other = text;
    other.replace(other.find("sdsim.trace/1"), 13, "sdsim.trace/9");
    const std::string e = error_for(other);
    CHECK(contains(e, "run.trace:1:"));
    CHECK(contains(e, "\"sdsim.trace/9\""));
    CHECK(contains(e, "sdsim run DESIGN --trace FILE"));
  }
  SECTION("not a trace at all") {
    CHECK(contains(error_for("{\"name\": \"shop\"}\n"), "not an sdsim trace"));
    CHECK(contains(error_for("hello\n"), "not a JSON object"));
    CHECK(contains(error_for(""), "empty"));
  }
  SECTION("a window that does not match the declared flows and blocks") {
    std::string broken = text;
    const std::size_t at = broken.find("{\"arrivals\":99");
    broken.erase(at - 1, broken.find('}', at) - at + 2);
    CHECK(contains(error_for(broken), "declares 1 and 2"));
  }
  SECTION("a missing file") {
    ReadResult r = read_trace_file("no/such/run.trace");
    CHECK_FALSE(r.trace);
    CHECK(contains(r.error, "no/such/run.trace: cannot open"));
  }
}
