// read_distribution: every documented form is accepted with the right parameters; every bad form is refused
// with a pointer to the offending value and a hint.
#include "sim/design/distribution_spec.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <optional>
#include <sstream>
#include <string>

#include "design_test_support.hpp"

using namespace sdsim;
using test::require_one;

namespace {

struct Read {
  std::optional<Distribution> distribution;
  Diagnostics diagnostics;
};

Read read(const std::string& json) {
  Read out;
  Json value = Json::parse(json);
  out.distribution = read_distribution(value, "/blocks/api/service_time", out.diagnostics, "service_time");
  return out;
}

Read accepted(const std::string& json) {
  Read r = read(json);
  INFO(json << "\n" << test::listing(r.diagnostics));
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.distribution);
  return r;
}

Read refused(const std::string& json) {
  Read r = read(json);
  INFO(json);
  CHECK_FALSE(r.distribution);
  REQUIRE_FALSE(r.diagnostics.empty());
  test::require_messages_and_hints(r.diagnostics);
  return r;
}

std::string points_json(std::size_t count) {
  std::ostringstream out;
  out << R"({"dist": "empirical", "points_ms": [)";
  for (std::size_t i = 0; i < count; ++i) {
    out << (i ? "," : "") << "[" << i << "," << (i + 1 == count ? "1" : "0.5") << "]";
  }
  out << "]}";
  return out.str();
}

}  // namespace

TEST_CASE("Every distribution form is accepted with its parameters in milliseconds",
          "[design][distribution]") {
  SECTION("constant") {
    Read r = accepted(R"({"dist": "constant", "value_ms": 5})");
    CHECK(r.distribution->kind() == Distribution::Kind::constant);
    CHECK(r.distribution->mean_ns() == Approx(5e6));
  }
  SECTION("constant zero") {
    CHECK(accepted(R"({"dist": "constant", "value_ms": 0})").distribution->mean_ns() == 0);
  }
  SECTION("exponential") {
    Read r = accepted(R"({"dist": "exponential", "mean_ms": 2.5})");
    CHECK(r.distribution->kind() == Distribution::Kind::exponential);
    CHECK(r.distribution->mean_ns() == Approx(2.5e6));
  }
  SECTION("lognormal from p50 and p99") {
    Read r = accepted(R"({"dist": "lognormal", "p50_ms": 4, "p99_ms": 40})");
    CHECK(r.distribution->kind() == Distribution::Kind::lognormal);
    CHECK(r.distribution->quantile_ns(0.5) == Approx(4e6));
    CHECK(r.distribution->quantile_ns(0.99) == Approx(40e6));
  }
  SECTION("uniform") {
    Read r = accepted(R"({"dist": "uniform", "min_ms": 2, "max_ms": 8})");
    CHECK(r.distribution->kind() == Distribution::Kind::uniform);
    CHECK(r.distribution->mean_ns() == Approx(5e6));
  }
  SECTION("uniform with min equal to max") {
    CHECK(accepted(R"({"dist": "uniform", "min_ms": 3, "max_ms": 3})").distribution->mean_ns() ==
          Approx(3e6));
  }
  SECTION("pareto") {
    Read r = accepted(R"({"dist": "pareto", "scale_ms": 1, "shape": 2.5})");
    CHECK(r.distribution->kind() == Distribution::Kind::pareto);
    CHECK(r.distribution->mean_ns() == Approx(1e6 * 2.5 / 1.5));
  }
  SECTION("pareto with an infinite mean is allowed") {
    CHECK(std::isinf(accepted(R"({"dist": "pareto", "scale_ms": 1, "shape": 0.5})").distribution->mean_ns()));
  }
  SECTION("empirical") {
    Read r = accepted(R"({"dist": "empirical", "points_ms": [[1, 0.5], [4, 0.9], [20, 1]]})");
    CHECK(r.distribution->kind() == Distribution::Kind::empirical);
    CHECK(r.distribution->quantile_ns(0.5) == Approx(1e6));
  }
  SECTION("empirical with repeated durations or probabilities (steps)") {
    accepted(R"({"dist": "empirical", "points_ms": [[0, 0], [5, 0.5], [5, 0.8], [9, 0.8], [9, 1]]})");
  }
  SECTION("empirical with the largest number of points") {
    accepted(points_json(100'000));
  }
  SECTION("a whole number written with a fraction, and the range limits") {
    accepted(R"({"dist": "constant", "value_ms": 86400000})");
    accepted(R"({"dist": "exponential", "mean_ms": 0.000001})");
    accepted(R"({"dist": "pareto", "scale_ms": 1, "shape": 100})");
    accepted(R"({"dist": "pareto", "scale_ms": 1.0, "shape": 0.1})");
  }
}

TEST_CASE("The documented distribution forms are all accepted", "[design][distribution]") {
  std::istringstream forms(distribution_forms());
  int count = 0;
  for (std::string line; std::getline(forms, line); ++count) {
    INFO(line);
    accepted(line);
  }
  CHECK(count == 6);
}

TEST_CASE("Bad distribution forms are refused with a pointer and a hint", "[design][distribution]") {
  const std::string at = "/blocks/api/service_time";

  SECTION("not an object") {
    require_one(refused(R"("5ms")").diagnostics, at, "must be an object, not a string");
    require_one(refused("5").diagnostics, at, "must be an object, not an integer");
    require_one(refused("[1, 2]").diagnostics, at, "must be an object, not an array");
    require_one(refused("null").diagnostics, at, "must be an object, not null");
  }
  SECTION("no dist") {
    Read r = refused(R"({"mean_ms": 5})");
    require_one(r.diagnostics, at, "missing the required key \"dist\"");
    CHECK(r.diagnostics.size() == 1);  // the other keys cannot be judged without the kind
  }
  SECTION("dist of the wrong type") {
    require_one(refused(R"({"dist": 3, "mean_ms": 5})").diagnostics, at + "/dist",
                "must be a string, not an integer");
  }
  SECTION("unknown dist, with a suggestion") {
    Read r = refused(R"({"dist": "exponentail", "mean_ms": 5})");
    const Diagnostic& d = require_one(r.diagnostics, at + "/dist", "unknown distribution \"exponentail\"");
    CHECK(d.hint.find("did you mean \"exponential\"?") != std::string::npos);
    CHECK(r.diagnostics.size() == 1);
  }
  SECTION("unknown dist, unlike any") {
    Read r = refused(R"({"dist": "gamma"})");
    const Diagnostic& d = require_one(r.diagnostics, at + "/dist", "unknown distribution");
    CHECK(d.hint.find("did you mean") == std::string::npos);
    CHECK(d.hint.find("constant, exponential, lognormal, uniform, pareto, empirical") != std::string::npos);
  }
  SECTION("a required parameter missing") {
    require_one(refused(R"({"dist": "constant"})").diagnostics, at, "missing the required key \"value_ms\"");
    require_one(refused(R"({"dist": "exponential"})").diagnostics, at,
                "missing the required key \"mean_ms\"");
    Read r = refused(R"({"dist": "lognormal"})");
    require_one(r.diagnostics, at, "\"p50_ms\"");
    require_one(r.diagnostics, at, "\"p99_ms\"");
    require_one(refused(R"({"dist": "uniform", "min_ms": 1})").diagnostics, at, "\"max_ms\"");
    require_one(refused(R"({"dist": "pareto", "shape": 2})").diagnostics, at, "\"scale_ms\"");
    require_one(refused(R"({"dist": "empirical"})").diagnostics, at, "\"points_ms\"");
  }
  SECTION("a parameter of the wrong type") {
    require_one(refused(R"({"dist": "constant", "value_ms": "5"})").diagnostics, at + "/value_ms",
                "must be a number, not a string");
    require_one(refused(R"({"dist": "exponential", "mean_ms": true})").diagnostics, at + "/mean_ms",
                "must be a number, not a boolean");
    require_one(refused(R"({"dist": "empirical", "points_ms": {"1": 1}})").diagnostics, at + "/points_ms",
                "must be an array, not an object");
  }
  SECTION("zero or negative durations") {
    require_one(refused(R"({"dist": "exponential", "mean_ms": 0})").diagnostics, at + "/mean_ms",
                "must be at least 1e-06 ms (got 0)");
    require_one(refused(R"({"dist": "constant", "value_ms": -1})").diagnostics, at + "/value_ms",
                "must be at least 0 ms (got -1)");
    require_one(refused(R"({"dist": "lognormal", "p50_ms": -4, "p99_ms": 40})").diagnostics, at + "/p50_ms",
                "must be at least");
    require_one(refused(R"({"dist": "pareto", "scale_ms": 0, "shape": 2})").diagnostics, at + "/scale_ms",
                "must be at least");
    require_one(refused(R"({"dist": "uniform", "min_ms": -2, "max_ms": 3})").diagnostics, at + "/min_ms",
                "must be at least");
  }
  SECTION("durations longer than a day") {
    require_one(refused(R"({"dist": "exponential", "mean_ms": 1e12})").diagnostics, at + "/mean_ms",
                "must be at most 86400000 ms");
    require_one(refused(R"({"dist": "uniform", "min_ms": 0, "max_ms": 1e300})").diagnostics, at + "/max_ms",
                "must be at most");
  }
  SECTION("lognormal p99 not above p50") {
    Read r = refused(R"({"dist": "lognormal", "p50_ms": 4, "p99_ms": 4})");
    const Diagnostic& d = require_one(r.diagnostics, at + "/p99_ms", "p99_ms must be above p50_ms");
    CHECK(d.hint.find("constant") != std::string::npos);
  }
  SECTION("uniform max below min") {
    require_one(refused(R"({"dist": "uniform", "min_ms": 8, "max_ms": 2})").diagnostics, at + "/max_ms",
                "max_ms must be at least min_ms");
  }
  SECTION("pareto shape out of range") {
    require_one(refused(R"({"dist": "pareto", "scale_ms": 1, "shape": 0})").diagnostics, at + "/shape",
                "must be at least 0.1");
    require_one(refused(R"({"dist": "pareto", "scale_ms": 1, "shape": 101})").diagnostics, at + "/shape",
                "must be at most 100");
  }
  SECTION("a key that belongs to another form") {
    Read r = refused(R"({"dist": "constant", "value_ms": 5, "mean_ms": 5})");
    const Diagnostic& d =
        require_one(r.diagnostics, at + "/mean_ms", "unknown key \"mean_ms\" in service_time");
    CHECK(d.hint.find("accepts: dist, value_ms") != std::string::npos);
    CHECK(r.diagnostics.size() == 1);
  }
  SECTION("a misspelled parameter is both missing and unknown, with a suggestion") {
    Read r = refused(R"({"dist": "exponential", "mean_sm": 5})");
    require_one(r.diagnostics, at, "missing the required key \"mean_ms\"");
    const Diagnostic& d = require_one(r.diagnostics, at + "/mean_sm", "unknown key \"mean_sm\"");
    CHECK(d.hint.find("did you mean \"mean_ms\"?") != std::string::npos);
    CHECK(r.diagnostics.size() == 2);
  }
  SECTION("several problems are reported together") {
    Read r = refused(R"({"dist": "lognormal", "p50_ms": "4", "p99_ms": -1, "p90_ms": 9})");
    CHECK(r.diagnostics.size() == 3);
    require_one(r.diagnostics, at + "/p50_ms", "must be a number");
    require_one(r.diagnostics, at + "/p99_ms", "must be at least");
    require_one(r.diagnostics, at + "/p90_ms", "unknown key");
  }
}

TEST_CASE("Bad empirical lists are refused point by point", "[design][distribution]") {
  const std::string at = "/blocks/api/service_time/points_ms";
  SECTION("too few points") {
    require_one(refused(R"({"dist": "empirical", "points_ms": []})").diagnostics, at, "got 0");
    require_one(refused(R"({"dist": "empirical", "points_ms": [[1, 1]]})").diagnostics, at, "got 1");
  }
  SECTION("an enormous list is refused without reading it") {
    Read r = refused(points_json(100'001));
    CHECK(r.diagnostics.size() == 1);
    require_one(r.diagnostics, at, "needs between 2 and 100000 points, got 100001");
  }
  SECTION("a point that is not a pair of numbers") {
    Read r =
        refused(R"({"dist": "empirical", "points_ms": [[1, 0.5], 3, [2], [1, 2, 3], ["4", 1], [5, null]]})");
    CHECK(r.diagnostics.size() == 5);
    for (int i = 1; i <= 5; ++i) {
      require_one(r.diagnostics, at + "/" + std::to_string(i),
                  "each point must be [duration_ms, cumulative_probability]");
    }
  }
  SECTION("values out of range") {
    Read r = refused(R"({"dist": "empirical", "points_ms": [[-1, 0.1], [1, 1.5], [1e9, 1], [2, -0.1]]})");
    CHECK(r.diagnostics.size() == 4);
    for (int i = 0; i < 4; ++i)
      require_one(r.diagnostics, at + "/" + std::to_string(i), "must be 0 to 86400000 ms");
  }
  SECTION("falling durations or probabilities") {
    Read r = refused(R"({"dist": "empirical", "points_ms": [[1, 0.5], [0.5, 0.7], [3, 0.6], [4, 1]]})");
    require_one(r.diagnostics, at + "/1", "points must rise");
    require_one(r.diagnostics, at + "/2", "points must rise");
    CHECK(r.diagnostics.size() == 2);
  }
  SECTION("the last point below probability 1") {
    require_one(refused(R"({"dist": "empirical", "points_ms": [[1, 0.5], [4, 0.99]]})").diagnostics,
                at + "/1", "the last point must have probability 1");
  }
}
