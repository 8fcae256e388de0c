// The comparison view's charts: one line per design on each shared chart, in the design's colour, labelled
// with its name, the axes covering every run.
#include "viz/comparison_data.hpp"

#include <catch2/catch.hpp>

using namespace sdsim;
using namespace sdsim::viz;

namespace {

trace::Trace run(const std::string& design, double p99, double end_s) {
  trace::Trace t;
  t.design = design;
  t.start_s = 0;
  t.end_s = end_s;
  t.window_s = 1;
  t.flows = {trace::FlowInfo{"buy", trace::FlowSlo{200, 99, 99}}};
  for (int w = 0; w < static_cast<int>(end_s); ++w) {
    trace::Window window;
    window.end_s = w + 1;
    trace::FlowPoint f;
    f.completed = 100;
    f.p99_ms = p99;
    window.flows.push_back(f);
    t.windows.push_back(window);
  }
  return t;
}

}  // namespace

TEST_CASE("Runs are overlaid, one line per design on each chart", "[comparison]") {
  const std::vector<ChartModel> charts = comparison_charts({run("small", 100, 10), run("large", 450, 20)});
  REQUIRE(charts.size() == 3);
  for (const ChartModel& m : charts) {
    REQUIRE(m.lines.size() == 2);
    CHECK(m.lines[0].label == "small");
    CHECK(m.lines[1].label == "large");
    CHECK(m.lines[0].colour == design_colour(0));
    CHECK(m.lines[1].colour == design_colour(1));
    CHECK(m.t1 >= 20);  // the longer run fits
  }
  CHECK(charts[0].title == "p99 latency");
  CHECK(charts[0].lines[1].points[0].second == 450);
  CHECK(charts[0].y_max >= 450);                              // the slower design fits
  CHECK(charts[0].references.size() == 1);                    // the objective, once
  CHECK(charts[1].lines[0].points[0].second == Approx(100));  // completed per second
  CHECK_FALSE(design_colour(0) == design_colour(1));
  CHECK(comparison_charts({}).empty());
}
