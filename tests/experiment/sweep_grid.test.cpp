// The grid of a sweep: lists and ranges become axes, plain values fixed overrides, floating-point ranges
// land on their written values without drift, and bad or absurd grids are refused with the reason.
#include "sim/experiment/sweep_grid.hpp"

#include <catch2/catch.hpp>

using namespace sdsim;

namespace {

std::vector<std::string> range(const std::string& text) {
  std::string error;
  auto values = expand_range(text, error);
  INFO(text << ": " << error);
  REQUIRE(values);
  return *values;
}

std::string grid_error(const std::vector<std::string>& sets) {
  std::string error;
  auto grid = parse_sweep_grid(sets, error);
  REQUIRE_FALSE(grid);
  return error;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("Lists become axes and plain values stay fixed", "[sweep]") {
  std::string error;
  auto grid =
      parse_sweep_grid({"blocks/api/servers=1,2,4", "duration_s=10", "load/get/rate_per_s=100,200"}, error);
  INFO(error);
  REQUIRE(grid);
  REQUIRE(grid->fixed == std::vector<std::string>{"duration_s=10"});
  REQUIRE(grid->axes.size() == 2);
  REQUIRE(grid->axes[0].path == "blocks/api/servers");
  REQUIRE(grid->axes[0].values == std::vector<std::string>{"1", "2", "4"});
  REQUIRE(grid->size() == 6);
}

TEST_CASE("Points run in grid order, the last axis fastest", "[sweep]") {
  std::string error;
  auto grid = parse_sweep_grid({"blocks/x=1,2", "blocks/y=10,20,30"}, error);
  REQUIRE(grid);
  REQUIRE(grid->coordinates(0) == std::vector<std::size_t>{0, 0});
  REQUIRE(grid->coordinates(1) == std::vector<std::size_t>{0, 1});
  REQUIRE(grid->coordinates(3) == std::vector<std::size_t>{1, 0});
  REQUIRE(grid->coordinates(5) == std::vector<std::size_t>{1, 2});
  REQUIRE(grid->values(4) == std::vector<std::string>{"2", "20"});
  REQUIRE(grid->settings(4) == std::vector<std::string>{"blocks/x=2", "blocks/y=20"});
}

TEST_CASE("A grid without axes is the one point of its fixed values", "[sweep]") {
  std::string error;
  auto grid = parse_sweep_grid({"duration_s=5"}, error);
  REQUIRE(grid);
  REQUIRE(grid->size() == 1);
  REQUIRE(grid->settings(0) == std::vector<std::string>{"duration_s=5"});
}

TEST_CASE("Commas inside JSON values do not split them", "[sweep]") {
  std::string error;
  auto grid = parse_sweep_grid({R"(regions/r=["a","b"])", R"(blocks/x/name="p,q",r)"}, error);
  INFO(error);
  REQUIRE(grid);
  REQUIRE(grid->fixed == std::vector<std::string>{R"(regions/r=["a","b"])"});
  REQUIRE(grid->axes.at(0).values == std::vector<std::string>{R"("p,q")", "r"});
}

TEST_CASE("Ranges include hi and are computed without drift", "[sweep]") {
  REQUIRE(range("2:8:2") == std::vector<std::string>{"2", "4", "6", "8"});
  REQUIRE(range("2:9:2") == std::vector<std::string>{"2", "4", "6", "8"});
  // 0.1 + 0.1 + 0.1 is 0.30000000000000004 and (0.7 - 0.1) / 0.1 is 5.999...: neither may show.
  REQUIRE(range("0.1:0.7:0.1") == std::vector<std::string>{"0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"});
  auto tenths = range("0:1:0.1");
  REQUIRE(tenths.size() == 11);
  REQUIRE(tenths[3] == "0.3");
  REQUIRE(tenths.back() == "1.0");
  REQUIRE(range("-1:1:0.5") == std::vector<std::string>{"-1.0", "-0.5", "0.0", "0.5", "1.0"});
  REQUIRE(range("1e-3:3e-3:1e-3") == std::vector<std::string>{"0.001", "0.002", "0.003"});
  REQUIRE(range("5:5:1") == std::vector<std::string>{"5"});
}

TEST_CASE("Lists may mix values and ranges", "[sweep]") {
  std::string error;
  auto grid = parse_sweep_grid({"blocks/api/servers=1,2,4:16:4"}, error);
  REQUIRE(grid);
  REQUIRE(grid->axes.at(0).values == std::vector<std::string>{"1", "2", "4", "8", "12", "16"});
  auto one = parse_sweep_grid({"blocks/api/servers=4:4:1"}, error);
  REQUIRE(one);
  REQUIRE(one->axes.size() == 1);  // a range is an axis even with one value
}

TEST_CASE("Text that is not three numbers is a value, not a range", "[sweep]") {
  std::string error;
  REQUIRE_FALSE(expand_range("us-east-1:a:b", error));
  REQUIRE_FALSE(expand_range("1:2", error));
  REQUIRE_FALSE(expand_range("1:2:3:4", error));
  REQUIRE(error.empty());
}

TEST_CASE("Bad ranges, empty items and absurd grids are refused with the reason", "[sweep]") {
  REQUIRE(contains(grid_error({"blocks/api/servers=8:2:2"}), "hi is below lo"));
  REQUIRE(contains(grid_error({"blocks/api/servers=2:8:0"}), "step must be positive"));
  REQUIRE(contains(grid_error({"blocks/api/servers=2:8:-2"}), "step must be positive"));
  REQUIRE(contains(grid_error({"blocks/api/servers=1,,2"}), "item 2 of the list is empty"));
  REQUIRE(contains(grid_error({"blocks/api/servers=1,2,"}), "item 3 of the list is empty"));
  REQUIRE(contains(grid_error({"blocks/api/servers"}), "expected PATH=VALUE"));
  REQUIRE(contains(grid_error({"blocks/api/servers=1,2", "blocks/api/servers=3,4"}), "already swept"));
  REQUIRE(contains(grid_error({"blocks/api/servers=0:1e9:1"}), "more than 100000 values"));
  const std::string too_many = grid_error({"blocks/x=1:1000:1", "blocks/y=1:1000:1"});
  REQUIRE(contains(too_many, "1000000 points (1000 x 1000)"));
  REQUIRE(contains(too_many, "at most 100000"));
}
