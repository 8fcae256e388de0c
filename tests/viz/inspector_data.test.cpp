// What the inspector says: the block's identity, its figures in the window shown and over the run (rates per
// second of the windows' spans), its cost, theory beside the simulation with warnings where they disagree.
#include "viz/inspector_data.hpp"

#include <catch2/catch.hpp>

using namespace sdsim;
using namespace sdsim::viz;

namespace {

// Two 2 s windows after 10 s of warm-up; api gets 200 then 400 arrivals, refusing 0 then 40.
trace::Trace api_trace() {
  trace::Trace t;
  t.start_s = 10;
  t.end_s = 14;
  t.window_s = 2;
  t.topology.blocks = {trace::BlockInfo{"api", "compute", {"az1", "az2"}, 4}};
  for (int w = 0; w < 2; ++w) {
    trace::Window window;
    window.end_s = 12 + 2 * w;
    const std::uint64_t arrivals = w == 0 ? 200 : 400;
    window.blocks.push_back(trace::BlockPoint{arrivals, arrivals - std::uint64_t{40} * w,
                                              std::uint64_t{40} * w, 4, w == 0 ? 0.5 : 0.9,
                                              w == 0 ? 2.0 : 4.0, 3});
    t.windows.push_back(window);
  }
  return t;
}

Layout one_glyph() {
  Layout l;
  l.glyphs.push_back(Glyph{{0}, "api", "compute", Rect{0, 0, 40, 40}, 0, 1});
  l.glyph_of_block = {0};
  return l;
}

const InspectorRow& row(const InspectorModel& m, const std::string& section, const std::string& name) {
  for (const InspectorSection& s : m.sections) {
    if (s.title.rfind(section, 0) != 0) continue;
    for (const InspectorRow& r : s.rows) {
      if (r.name == name) return r;
    }
  }
  FAIL("no row " << name << " in section " << section);
  static const InspectorRow none;
  return none;
}

}  // namespace

TEST_CASE("The inspector shows a block's figures in the window shown and over the run", "[inspector]") {
  trace::Trace t = api_trace();
  const Layout l = one_glyph();
  const InspectorModel m = inspector_model(t, l, 0, 13);
  CHECK(m.title == "api");
  CHECK(m.subtitle == "compute, 4 servers in az1, az2");
  SECTION("the window holding the moment, its rates per second") {
    CHECK(m.sections[0].title == "window 12.0-14.0 s");
    CHECK(row(m, "window", "arrivals").value == "200.0 /s");
    CHECK(row(m, "window", "refused").value == "10.00 %");
    CHECK(row(m, "window", "refused").warning);
    CHECK(row(m, "window", "utilization").value == "90.0 %");
    CHECK(row(m, "window", "utilization").warning);
  }
  SECTION("the whole run, time-weighted") {
    CHECK(row(m, "whole run", "arrivals").value == "150.0 /s");
    CHECK(row(m, "whole run", "utilization").value == "70.0 %");
    CHECK(row(m, "whole run", "in system (mean)").value == "3.00");
    CHECK_FALSE(row(m, "whole run", "utilization").warning);
  }
  SECTION("without cost or theory in the trace, no such sections") {
    CHECK(m.sections.size() == 2);
    CHECK(m.notes.empty());
  }
  SECTION("cost and theory when the trace holds them, disagreement flagged with its reason") {
    t.block_figures.resize(1);
    t.block_figures[0].usd_per_month = 61.32;
    t.block_figures[0].theory = trace::StationTheory{.arrival_rate_per_s = 150,
                                                     .utilization = 0.7,
                                                     .stable = true,
                                                     .mean_wait_ms = 1.25,
                                                     .p99_wait_ms = 20,
                                                     .sim_mean_wait_ms = 3.5,
                                                     .sim_p99_wait_ms = 31,
                                                     .agrees = false,
                                                     .reasons = {"refusals thin the arrivals"}};
    const InspectorModel full = inspector_model(t, l, 0, 13);
    CHECK(row(full, "cost", "at this load").value == "$61.32 /month");
    CHECK(row(full, "theory", "mean wait").value == "1.25 ms | 3.50 ms");
    CHECK(row(full, "theory", "mean wait").warning);
    CHECK(row(full, "theory", "verdict").value == "theory disagrees");
    CHECK(full.notes == std::vector<std::string>{"refusals thin the arrivals"});
  }
  SECTION("an unstable station's predicted wait is unbounded") {
    trace::StationTheory unstable;
    unstable.utilization = 1.3;
    unstable.agrees = false;
    t.block_figures = {trace::BlockFigures{std::nullopt, unstable}};
    const InspectorModel over = inspector_model(t, l, 0, 13);
    CHECK(row(over, "theory", "utilization").value == "130.0 %");
    CHECK(row(over, "theory", "mean wait").value.rfind("unbounded", 0) == 0);
  }
}

TEST_CASE("The inspector of a grouped glyph sums its blocks", "[inspector]") {
  trace::Trace t = api_trace();
  t.topology.blocks.push_back(trace::BlockInfo{"worker", "compute", {"az1"}, 2});
  for (trace::Window& w : t.windows)
    w.blocks.push_back(trace::BlockPoint{100, 100, 0, 2, 0.95, 1, 0});
  t.block_figures = {trace::BlockFigures{10, std::nullopt}, trace::BlockFigures{5.5, std::nullopt}};
  Layout l;
  l.glyphs.push_back(Glyph{{0, 1}, "2 blocks", "group", Rect{0, 0, 40, 40}, 0, 0});
  l.glyph_of_block = {0, 0};
  const InspectorModel m = inspector_model(t, l, 0, 11);
  CHECK(m.subtitle == "2 blocks grouped");
  CHECK(row(m, "window", "arrivals").value == "150.0 /s");
  CHECK(row(m, "window", "utilization").value == "95.0 %");  // the busiest
  CHECK(row(m, "cost", "at this load").value == "$15.50 /month");
}
