// What the charts show: each window's figures at its middle, objectives as reference lines, faults as spans,
// failures per second by reason.
#include "viz/chart_data.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace sdsim;
using namespace sdsim::viz;

namespace {

// Two flows, the second with objectives; 3 windows of 2 s after 10 s of warm-up; a fault from 12 s for 1 s.
trace::Trace two_flows() {
  trace::Trace t;
  t.start_s = 10;
  t.end_s = 16;
  t.window_s = 2;
  t.flows = {trace::FlowInfo{"browse", std::nullopt}, trace::FlowInfo{"buy", trace::FlowSlo{250, 99, 99.5}}};
  t.faults = {trace::FaultWindow{"brownout", "db", 12, 1, {}, {"db"}}};
  for (int w = 0; w < 3; ++w) {
    trace::Window window;
    window.end_s = 12 + 2 * w;
    trace::FlowPoint browse;
    browse.completed = 100;
    trace::FlowPoint buy;
    buy.completed = w == 1 ? 0 : 190;
    buy.failed[1] = 10;  // throttled
    buy.p50_ms = 50;
    buy.p99_ms = 200 + 10 * w;
    window.flows = {browse, buy};
    t.windows.push_back(window);
  }
  return t;
}

}  // namespace

TEST_CASE("Charts follow the flow with an objective and draw it", "[charts]") {
  const trace::Trace t = two_flows();
  REQUIRE(focus_flow(t) == 1);
  const ChartModel latency = latency_chart(t, 1);
  REQUIRE(latency.references.size() == 1);
  CHECK(latency.references[0].value == 250);
  CHECK(latency.references[0].label == "objective p99 <= 250 ms");
  // Windows where nothing completed have no latency point; points sit mid-window.
  REQUIRE(latency.lines[1].points.size() == 2);
  CHECK(latency.lines[1].points[0] == std::pair<double, double>{11, 200});
  CHECK(latency.lines[1].points[1] == std::pair<double, double>{15, 220});
  CHECK(latency.y_max >= 250);
  REQUIRE(latency.faults.size() == 1);
  CHECK(latency.faults[0] == std::pair<double, double>{12, 14});  // at least one window long

  const ChartModel availability = availability_chart(t, 1);
  REQUIRE(availability.references.size() == 1);
  CHECK(availability.references[0].value == 99.5);
  CHECK(availability.lines[0].points[0].second == Approx(95));
  CHECK(availability.lines[0].points[1].second == 0);
  CHECK(availability.y_min == 0);
  CHECK(availability.y_max == 100);
}

TEST_CASE("Throughput is per second, with a line per failure reason that occurs", "[charts]") {
  const ChartModel m = throughput_chart(two_flows());
  REQUIRE(m.lines.size() == 2);  // completed and throttled only
  CHECK(m.lines[0].label == "completed");
  CHECK(m.lines[0].points[0].second == Approx(145));  // (100 + 190) / 2 s
  CHECK(m.lines[1].label == "throttled");
  CHECK(m.lines[1].points[0].second == Approx(5));
  CHECK(m.y_unit == "requests/s");
}

TEST_CASE("The consistency chart follows the most-read flow's stale share", "[charts]") {
  trace::Trace t = two_flows();
  CHECK_FALSE(most_read_flow(t));
  t.windows[0].flows[0].reads = 50;
  t.windows[0].flows[0].stale_reads = 5;
  t.windows[2].flows[1].reads = 10;
  REQUIRE(most_read_flow(t) == 0u);
  const ChartModel m = consistency_chart(t, 0);
  REQUIRE(m.lines[0].points.size() == 1);
  CHECK(m.lines[0].points[0].second == Approx(10));
  CHECK(m.y_max >= 10);
}

TEST_CASE("The t-visibility chart puts each bin at its upper edge on a log axis in ms", "[charts]") {
  trace::Trace t = two_flows();
  CHECK_FALSE(visibility_chart(t, 1));
  t.visibility = {
      trace::FlowVisibility{"buy",
                            {trace::VisibilityBin{0, 1, 40, 0.25}, trace::VisibilityBin{50, 100, 30, 0.9},
                             trace::VisibilityBin{10000, 0, 5, 1}}}};
  CHECK_FALSE(visibility_chart(t, 0));  // browse has no curve
  const auto m = visibility_chart(t, 1);
  REQUIRE(m);
  CHECK(m->log_x);
  CHECK(m->x_unit == "ms since the newest write");
  REQUIRE(m->lines[0].points.size() == 3);
  CHECK(m->lines[0].points[0] == std::pair<double, double>{0, 25});  // 1 ms
  CHECK(m->lines[0].points[1].first == Approx(2));                   // 100 ms
  CHECK(m->lines[0].points[1].second == Approx(90));
  CHECK(m->lines[0].points[2].first == Approx(std::log10(20000)));  // the open bin at twice its start
  CHECK(m->t0 == 0);
  CHECK(m->t1 == 5);
  CHECK(m->y_max == 100);
}

TEST_CASE("The staleness chart plots the stale reads' age p99 in the windows that had stale reads",
          "[charts]") {
  trace::Trace t = two_flows();
  t.windows[0].flows[1].stale_reads = 4;
  t.windows[0].flows[1].stale_p99_ms = 120;
  t.windows[2].flows[1].stale_reads = 2;
  t.windows[2].flows[1].stale_p99_ms = 30;
  const ChartModel m = staleness_chart(t, 1);
  REQUIRE(m.lines.size() == 1);
  REQUIRE(m.lines[0].points.size() == 2);  // the middle window had none: no point, not 0
  CHECK(m.lines[0].points[0] == std::pair{11.0, 120.0});
  CHECK(m.lines[0].points[1] == std::pair{15.0, 30.0});
  CHECK(m.y_max >= 120);
  CHECK(m.y_unit.find("ms") != std::string::npos);
  REQUIRE(m.faults.size() == 1);
  CHECK(m.faults[0] == std::pair{12.0, 14.0});  // a fault shorter than a window spans one window
}

TEST_CASE("The cost chart has the total and the costliest blocks, the rest summed", "[charts]") {
  trace::Trace t = two_flows();
  SECTION("a trace without window cost has no cost chart") {
    CHECK_FALSE(cost_chart(t));
  }
  for (const char* name : {"a", "b", "c", "free"})
    t.topology.blocks.push_back(trace::BlockInfo{name, "compute", {}, 1});
  for (std::size_t w = 0; w < t.windows.size(); ++w) {
    t.windows[w].blocks.resize(4);
    t.windows[w].blocks[0].usd_per_hour = 1.0;
    t.windows[w].blocks[1].usd_per_hour = 4.0 + static_cast<double>(w);
    t.windows[w].blocks[2].usd_per_hour = 0.5;
  }
  SECTION("every priced block its own line when few, costliest first; an unpriced block none") {
    const auto m = cost_chart(t);
    REQUIRE(m);
    REQUIRE(m->lines.size() == 4);
    CHECK(m->lines[0].label == "total");
    CHECK(m->lines[1].label == "b");
    CHECK(m->lines[2].label == "a");
    CHECK(m->lines[3].label == "c");
    CHECK(m->lines[0].points[2] == std::pair{15.0, 7.5});
    CHECK(m->lines[1].points[1] == std::pair{13.0, 5.0});
    CHECK(m->y_max >= 7.5);
    CHECK(m->faults.size() == 1);
  }
  SECTION("past the limit, the cheaper blocks are summed as other") {
    const auto m = cost_chart(t, 1);
    REQUIRE(m);
    REQUIRE(m->lines.size() == 3);
    CHECK(m->lines[1].label == "b");
    CHECK(m->lines[2].label == "other");
    CHECK(m->lines[2].points[0] == std::pair{11.0, 1.5});
  }
}

TEST_CASE("Every chart over time marks the faults", "[charts]") {
  trace::Trace t = two_flows();
  t.topology.blocks.push_back(trace::BlockInfo{"db", "relational_database", {}, 1});
  for (trace::Window& w : t.windows) {
    w.blocks.resize(1);
    w.blocks[0].usd_per_hour = 1;
  }
  const std::vector<ChartModel> charts{latency_chart(t, 1),      throughput_chart(t),
                                       availability_chart(t, 1), consistency_chart(t, 1),
                                       staleness_chart(t, 1),    *cost_chart(t)};
  for (const ChartModel& m : charts) {
    INFO(m.title);
    REQUIRE(m.faults.size() == 1);
    CHECK(m.faults[0] == std::pair{12.0, 14.0});
  }
}
