// Sweep results: the Pareto frontier of a hand-made set, and merging shards, which must hold every point of
// one sweep exactly once.
#include "sim/experiment/sweep.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace sdsim;

namespace {

// A sweep of 6 points over one axis, split into `count` shards; point i costs 10 * (i + 1) USD/month and
// its p99 falls as the cost grows, except point 4, which is slower than point 3 and dearer.
std::vector<Sweep> shards_of(std::uint32_t count) {
  Sweep base;
  base.design = "d";
  base.design_digest = "0000000000000001";
  base.scenario = "s";
  base.scenario_digest = "0000000000000002";
  base.seed = 7;
  base.replications = 2;
  base.grid.axes.push_back({"blocks/api/servers", {"1", "2", "3", "4", "5", "6"}});
  base.pareto_flow = "get";
  const double p99[] = {90, 60, 40, 30, 35, 20};
  std::vector<Sweep> out;
  for (std::uint32_t k = 1; k <= count; ++k) {
    Sweep shard = base;
    shard.shard = SweepShard{k, count};
    for (std::size_t i = 0; i < 6; ++i) {
      if (!shard.shard->holds(i)) continue;
      SweepPoint p;
      p.index = i;
      p.flows.push_back({"get", {}, {}, {}, {}, {p99[i], 1, 0}});
      p.availability = {i == 5 ? 0.99 : 1.0, 0, 0};
      p.usd_per_month = {10.0 * static_cast<double>(i + 1), 0, 0};
      shard.points.push_back(p);
    }
    out.push_back(shard);
  }
  return out;
}

std::vector<std::string> names_of(std::size_t n) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < n; ++i)
    names.push_back("part-" + std::to_string(i + 1) + ".json");
  return names;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("The Pareto frontier holds the points no other point dominates", "[sweep]") {
  // (p99, cost): (1,5) and (5,1) trade off; (2,2) beats (3,3) on both; (2,4) loses to (2,2) on cost alone.
  const std::vector<std::pair<double, double>> points{{1, 5}, {3, 3}, {2, 2}, {5, 1}, {2, 4}, {6, 6}};
  REQUIRE(pareto_frontier(points) == std::vector<bool>{true, false, true, true, false, false});
}

TEST_CASE("Equal points are both on the frontier, points without a figure on none", "[sweep]") {
  const double nan = std::nan("");
  const std::vector<std::pair<double, double>> points{{1, 1}, {1, 1}, {nan, 0}, {0, nan}, {2, 2}};
  REQUIRE(pareto_frontier(points) == std::vector<bool>{true, true, false, false, false});
  REQUIRE(pareto_frontier(std::vector<std::pair<double, double>>{}).empty());
}

TEST_CASE("Shards merge into the whole sweep with both frontiers marked", "[sweep]") {
  std::vector<Sweep> shards = shards_of(3);
  std::swap(shards[0], shards[2]);  // any order
  std::string error;
  auto merged = merge_shards(shards, names_of(3), error);
  INFO(error);
  REQUIRE(merged);
  REQUIRE_FALSE(merged->shard);
  REQUIRE(merged->points.size() == 6);
  std::vector<bool> latency, availability;
  for (std::size_t i = 0; i < 6; ++i) {
    REQUIRE(merged->points[i].index == i);
    latency.push_back(merged->points[i].latency_frontier);
    availability.push_back(merged->points[i].availability_frontier);
  }
  REQUIRE(latency == std::vector<bool>{true, true, true, true, false, true});
  // Points 0 to 4 are equally available, so only the cheapest counts; point 5 is less available and dearest.
  REQUIRE(availability == std::vector<bool>{true, false, false, false, false, false});
}

TEST_CASE("Merging refuses a missing point, a point given twice and shards of another sweep", "[sweep]") {
  std::string error;
  SECTION("a shard is missing") {
    std::vector<Sweep> shards = shards_of(3);
    shards.pop_back();
    REQUIRE_FALSE(merge_shards(shards, names_of(2), error));
    REQUIRE(contains(error, "2 of 6 points are missing (2, 5)"));
    REQUIRE(contains(error, "shard 3/3"));
  }
  SECTION("a file holds a point of another shard") {
    std::vector<Sweep> shards = shards_of(2);
    shards[0].points.push_back(shards[1].points[0]);
    shards[1].points.erase(shards[1].points.begin());
    REQUIRE_FALSE(merge_shards(shards, names_of(2), error));
    REQUIRE(contains(error, "part-1.json (shard 1/2) holds point 1, which is not in that shard"));
  }
  SECTION("the same shard twice") {
    std::vector<Sweep> shards = shards_of(2);
    shards.push_back(shards[1]);
    REQUIRE_FALSE(merge_shards(shards, names_of(3), error));
    REQUIRE(contains(error, "shard 2/2 is given twice: part-2.json and part-3.json"));
  }
  SECTION("a point twice in one file") {
    std::vector<Sweep> shards = shards_of(2);
    shards[0].points.push_back(shards[0].points[0]);
    REQUIRE_FALSE(merge_shards(shards, names_of(2), error));
    REQUIRE(contains(error, "point 0 appears twice"));
  }
  SECTION("another design, seed or grid") {
    std::vector<Sweep> shards = shards_of(2);
    Sweep other = shards[1];
    other.design_digest = "00000000000000ff";
    REQUIRE_FALSE(merge_shards(std::vector<Sweep>{shards[0], other}, names_of(2), error));
    REQUIRE(
        contains(error, "part-2.json is not a shard of the same sweep as part-1.json: the design differs"));
    other = shards[1];
    other.seed = 8;
    REQUIRE_FALSE(merge_shards(std::vector<Sweep>{shards[0], other}, names_of(2), error));
    REQUIRE(contains(error, "the seed differs"));
    other = shards[1];
    other.grid.axes[0].values.back() = "7";
    REQUIRE_FALSE(merge_shards(std::vector<Sweep>{shards[0], other}, names_of(2), error));
    REQUIRE(contains(error, "the swept values differ"));
    other = shards_of(3)[1];
    REQUIRE_FALSE(merge_shards(std::vector<Sweep>{shards[0], other}, names_of(2), error));
    REQUIRE(contains(error, "the shard count differs"));
  }
  SECTION("a whole sweep is not a shard") {
    std::vector<Sweep> shards = shards_of(1);
    shards[0].shard.reset();
    REQUIRE_FALSE(merge_shards(shards, names_of(1), error));
    REQUIRE(contains(error, "not a shard"));
  }
}
