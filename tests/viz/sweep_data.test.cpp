// The sweep view's charts: every point a marker at its cost, the frontier a line in cost order, axes
// labelled.
#include "viz/sweep_data.hpp"

#include <catch2/catch.hpp>

using namespace sdsim::viz;

TEST_CASE("A sweep becomes two trade-off charts against cost, with the frontier drawn", "[sweep]") {
  TradeOffs s{"shop", "steady", "buy", {}};
  s.points = {TradeOffPoint{300, 80, 99.9, true, true}, TradeOffPoint{100, 250, 99.0, true, false},
              TradeOffPoint{200, 260, 99.5, false, true}};
  const std::vector<ChartModel> charts = trade_off_charts(s);
  REQUIRE(charts.size() == 2);
  const ChartModel& latency = charts[0];
  CHECK(latency.title == "p99 latency (buy) against cost");
  CHECK(latency.x_unit == "cost (USD/month)");
  CHECK(latency.y_unit == "p99 latency (ms)");
  REQUIRE(latency.markers.size() == 2);
  CHECK(latency.markers[0].points.size() == 3);
  CHECK(latency.markers[1].label == "on the Pareto frontier");
  CHECK(latency.markers[1].points.size() == 2);
  REQUIRE(latency.lines.size() == 1);
  CHECK(latency.lines[0].label.empty());
  CHECK(latency.lines[0].points == std::vector<std::pair<double, double>>{{100, 250}, {300, 80}});
  CHECK(latency.t0 <= 100);
  CHECK(latency.t1 >= 300);
  CHECK(latency.y_max >= 260);
  const ChartModel& availability = charts[1];
  CHECK(availability.lines[0].points == std::vector<std::pair<double, double>>{{200, 99.5}, {300, 99.9}});
  CHECK(availability.y_max == 100);
  CHECK(availability.y_min < 99);  // the worst point, 99.0, sits above the bottom
  CHECK(availability.y_min >= 98);
}
