#include "app/cli_args.hpp"

#include <catch2/catch.hpp>

using namespace sdsim::app;

TEST_CASE("Options take values in either spelling and flags take none", "[cli_args]") {
  std::string error;
  auto parsed = parse_args({"design.json", "--seed", "7", "--json=out.json", "--quiet"},
                           {{"seed", true}, {"json", true}, {"quiet", false}}, error);
  REQUIRE(parsed);
  REQUIRE(parsed->positional == std::vector<std::string>{"design.json"});
  REQUIRE(parsed->value("seed") == "7");
  REQUIRE(parsed->value("json") == "out.json");
  REQUIRE(parsed->has("quiet"));
}

TEST_CASE("Unknown options, missing values and bad numbers are explained", "[cli_args]") {
  std::string error;
  REQUIRE_FALSE(parse_args({"--sed", "7"}, {{"seed", true}}, error));
  REQUIRE(error.find("did you mean '--seed'") != std::string::npos);
  REQUIRE_FALSE(parse_args({"--seed"}, {{"seed", true}}, error));
  REQUIRE(error.find("needs a value") != std::string::npos);
  REQUIRE_FALSE(parse_args({"-s"}, {{"seed", true}}, error));
  REQUIRE_FALSE(parse_count("seed", "12x", 0, 10, error));
  REQUIRE(error.find("whole number") != std::string::npos);
  REQUIRE_FALSE(parse_count("replications", "0", 1, 1000, error));
  REQUIRE(parse_count("replications", "10", 1, 1000, error) == 10u);
}
