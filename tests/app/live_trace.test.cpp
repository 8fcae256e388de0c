// A live session's snapshots as a growing trace for the visualizer: windows, per-reason failures, blocks by
// name, faults that appear and end early when cleared, and paused snapshots that add no window.
#include "app/live_trace.hpp"

#include <catch2/catch.hpp>

#include "app/trace_recording.hpp"

using namespace sdsim;

namespace {

live::Snapshot snapshot(double t_s, double window_s) {
  live::Snapshot s;
  s.state = "running";
  s.t_s = t_s;
  s.end_s = 70;
  s.window_s = window_s;
  s.flows.push_back({"redirect", 3000, 0.99, 30, {{"unavailable", 20}, {"timeout", 10}}, 2, 8});
  s.blocks.push_back({"api", "compute", 0.6, 7, 8, 12, 3100, 3080, 5, 0.0016, "ok"});
  return s;
}

}  // namespace

TEST_CASE("Snapshots become windows of a trace drawn like a recorded one") {
  auto design = load_design_file("designs/url-shortener.json");
  auto scenario = load_scenario_file("designs/scenarios/url-shortener-steady.json");
  REQUIRE(design.value);
  REQUIRE(scenario.value);
  trace::Trace t = app::trace_outline(*design.value, *scenario.value);
  CHECK(t.end_s == 70);
  CHECK(t.windows.empty());
  REQUIRE(t.flows.size() == 2);
  app::LiveTrace builder(*design.value);

  CHECK(builder.add(t, snapshot(10.5, 0.5)));
  REQUIRE(t.windows.size() == 1);
  CHECK(t.start_s == 10);
  CHECK(t.window_s == 0.5);
  const trace::FlowPoint& redirect = t.windows[0].flows[0];
  CHECK(redirect.completed == 1500);
  CHECK(redirect.failed[2] == 20);  // unavailable
  CHECK(redirect.failed[3] == 10);  // timeout
  CHECK(redirect.failed_total() == 30);
  CHECK(t.windows[0].flows[1].completed == 0);  // shorten: not in the snapshot
  const trace::BlockInfo* api = t.find_block("api");
  REQUIRE(api);
  CHECK(api->servers == 12);
  const auto api_index = static_cast<std::size_t>(api - t.topology.blocks.data());
  CHECK(t.windows[0].blocks[api_index].utilization == 0.6);
  CHECK(t.windows[0].blocks[api_index].rejections == 5);

  // A fault appears; a paused snapshot (no new time) adds no window.
  live::Snapshot faulted = snapshot(11, 0.5);
  faulted.faults.push_back({3, "az_power_interruption", "use1-az1", 10.8, 60});
  CHECK(builder.add(t, faulted));
  REQUIRE(t.faults.size() == 1);
  CHECK(t.faults[0].zones == std::vector<std::string>{"use1-az1"});
  live::Snapshot paused = faulted;
  paused.window_s = 0;
  CHECK_FALSE(builder.add(t, paused));
  CHECK(t.windows.size() == 2);
  // Cleared at 12 s: it ends there, and stays drawn.
  CHECK(builder.add(t, snapshot(12, 1)));
  REQUIRE(t.faults.size() == 1);
  CHECK(t.faults[0].duration_s == Approx(1.2));
  CHECK(t.windows.size() == 3);
}
