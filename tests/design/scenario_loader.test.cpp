// load_scenario_file / load_scenario_text and check_scenario_fits: the example scenarios load and fit their
// designs; bad loads, absurd sizes and runs that would never finish are refused with a pointer and a hint.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "design_test_support.hpp"
#include "sim/catalog/slo_params.hpp"
#include "sim/design/design.hpp"
#include "sim/design/scenario.hpp"

using namespace sdsim;
using test::require_one;

namespace {

Loaded<Scenario> refused(const std::string& text) {
  Loaded<Scenario> loaded = load_scenario_text("steady.json", text);
  INFO(text);
  CHECK_FALSE(loaded.value);
  REQUIRE_FALSE(loaded.diagnostics.empty());
  test::require_messages_and_hints(loaded.diagnostics);
  for (const Diagnostic& d : loaded.diagnostics.items())
    CHECK(d.file == "steady.json");
  return loaded;
}

Scenario accepted(const std::string& text) {
  Loaded<Scenario> loaded = load_scenario_text("steady.json", text);
  INFO(text << "\n" << test::listing(loaded.diagnostics));
  REQUIRE(loaded.diagnostics.empty());
  REQUIRE(loaded.value);
  return *loaded.value;
}

std::string open_load(const std::string& top) {
  return R"({ )" + top + (top.empty() ? "" : ", ") +
         R"("load": { "checkout": { "type": "open", "rate_per_s": 10 } } })";
}

Design checkout_design() {
  Loaded<Design> loaded = load_design_file(test::source_path("designs/checkout.json"));
  REQUIRE(loaded.value);
  return *loaded.value;
}

}  // namespace

TEST_CASE("The example scenarios load and fit their designs", "[scenario][loader]") {
  Design checkout = checkout_design();
  Loaded<Design> mm1 = load_design_file(test::source_path("designs/mm1.json"));
  REQUIRE(mm1.value);

  SECTION("checkout-steady: an open load") {
    std::string path = test::source_path("designs/scenarios/checkout-steady.json");
    Loaded<Scenario> loaded = load_scenario_file(path);
    INFO(test::listing(loaded.diagnostics));
    REQUIRE(loaded.value);
    const Scenario& s = *loaded.value;
    CHECK(s.file == path);
    CHECK(s.name == "checkout-steady");
    CHECK(s.duration_s == 120);
    CHECK(s.warmup_s == 10);
    CHECK(s.seed == 42);
    CHECK(s.replications == 5);
    REQUIRE(s.loads.size() == 1);
    CHECK(s.loads[0].flow == "checkout");
    CHECK(s.loads[0].type == LoadSpec::Type::open);
    CHECK(s.loads[0].rate_per_s == 2400);
    CHECK(s.loads[0].pointer == "/load/checkout");
    CHECK(s.locator);
    Diagnostics fits = check_scenario_fits(s, checkout);
    INFO(test::listing(fits));
    CHECK(fits.empty());
  }
  SECTION("checkout-users: a closed load") {
    Loaded<Scenario> loaded = load_scenario_file(test::source_path("designs/scenarios/checkout-users.json"));
    INFO(test::listing(loaded.diagnostics));
    REQUIRE(loaded.value);
    REQUIRE(loaded.value->loads.size() == 1);
    const LoadSpec& load = loaded.value->loads[0];
    CHECK(load.type == LoadSpec::Type::closed);
    CHECK(load.users == 3000);
    CHECK(load.think.kind() == Distribution::Kind::exponential);
    CHECK(load.think.mean_ns() == Approx(1e9));
    CHECK(check_scenario_fits(*loaded.value, checkout).empty());
  }
  SECTION("mm1-rho-0.8") {
    Loaded<Scenario> loaded = load_scenario_file(test::source_path("designs/scenarios/mm1-rho-0.8.json"));
    REQUIRE(loaded.value);
    CHECK(loaded.value->loads[0].rate_per_s == 80);
    CHECK(check_scenario_fits(*loaded.value, *mm1.value).empty());
  }
  SECTION("each design's default scenario exists and fits") {
    for (const Design* d : {&checkout, &*mm1.value}) {
      Loaded<Scenario> loaded = load_scenario_file(d->default_scenario);
      INFO(d->default_scenario << "\n" << test::listing(loaded.diagnostics));
      REQUIRE(loaded.value);
      CHECK(check_scenario_fits(*loaded.value, *d).empty());
    }
  }
}

TEST_CASE("Optional scenario keys take their defaults", "[scenario][loader]") {
  Scenario s = accepted(open_load(R"("duration_s": 30)"));
  CHECK(s.name == "steady");
  CHECK(s.duration_s == 30);
  CHECK(s.warmup_s == 0);
  CHECK(s.seed == 1);
  CHECK(s.replications == 1);
  SECTION("$schema is allowed, seed 0 and the largest exact seed too") {
    Scenario t = accepted(open_load(R"("$schema": "x", "duration_s": 1, "seed": 9007199254740991)"));
    CHECK(t.seed == 9'007'199'254'740'991u);
    CHECK(accepted(open_load(R"("duration_s": 1, "seed": 0)")).seed == 0);
  }
  SECTION("several loads keep their order") {
    Scenario t = accepted(R"({ "duration_s": 1, "load": { "b": { "type": "open", "rate_per_s": 1 },
      "a": { "type": "closed", "users": 2, "think_time": { "dist": "constant", "value_ms": 0 } } } })");
    REQUIRE(t.loads.size() == 2);
    CHECK(t.loads[0].flow == "b");
    CHECK(t.loads[1].flow == "a");
    CHECK(t.loads[1].users == 2);
  }
}

TEST_CASE("Zero or negative rates and durations are refused", "[scenario][loader]") {
  SECTION("rates") {
    require_one(
        refused(R"({ "duration_s": 1, "load": { "f": { "type": "open", "rate_per_s": 0 } } })").diagnostics,
        "/load/f/rate_per_s", "must be at least 1e-06 requests/s (got 0)");
    require_one(
        refused(R"({ "duration_s": 1, "load": { "f": { "type": "open", "rate_per_s": -3 } } })").diagnostics,
        "/load/f/rate_per_s", "must be at least");
  }
  SECTION("users") {
    require_one(refused(R"({ "duration_s": 1, "load": { "f": { "type": "closed", "users": 0,
      "think_time": { "dist": "constant", "value_ms": 1 } } } })")
                    .diagnostics,
                "/load/f/users", "must be at least 1");
  }
  SECTION("durations") {
    require_one(refused(open_load(R"("duration_s": 0)")).diagnostics, "/duration_s",
                "must be at least 0.001 s");
    require_one(refused(open_load(R"("duration_s": 1, "warmup_s": -1)")).diagnostics, "/warmup_s",
                "must be at least 0 s");
    require_one(refused(open_load("")).diagnostics, "", "missing the required key \"duration_s\"");
  }
  SECTION("replications and seed") {
    require_one(refused(open_load(R"("duration_s": 1, "replications": 0)")).diagnostics, "/replications",
                "must be at least 1");
    require_one(refused(open_load(R"("duration_s": 1, "seed": -1)")).diagnostics, "/seed",
                "must be at least 0");
    require_one(refused(open_load(R"("duration_s": 1, "seed": 1.5)")).diagnostics, "/seed",
                "must be an integer");
  }
}

TEST_CASE("Absurd scenario sizes are refused with a message, not attempted", "[scenario][loader]") {
  SECTION("10^12 users") {
    require_one(refused(R"({ "duration_s": 1, "load": { "f": { "type": "closed", "users": 1000000000000,
      "think_time": { "dist": "constant", "value_ms": 1 } } } })")
                    .diagnostics,
                "/load/f/users", "must be at most 1000000");
  }
  SECTION("10^9 replications") {
    Loaded<Scenario> l = refused(open_load(R"("duration_s": 1, "replications": 1000000000)"));
    const Diagnostic& d = require_one(l.diagnostics, "/replications", "must be at most 1000");
    CHECK(d.message.find("refused rather than exhausting memory") != std::string::npos);
  }
  SECTION("a duration beyond a year, and a rate beyond 10^8/s") {
    require_one(refused(open_load(R"("duration_s": 1e9)")).diagnostics, "/duration_s",
                "must be at most 31536000 s");
    require_one(refused(open_load(R"("duration_s": 1, "warmup_s": 1e300)")).diagnostics, "/warmup_s",
                "must be at most");
    require_one(
        refused(R"({ "duration_s": 1, "load": { "f": { "type": "open", "rate_per_s": 1e9 } } })").diagnostics,
        "/load/f/rate_per_s", "must be at most 100000000 requests/s");
  }
  SECTION("a seed that a double cannot hold exactly") {
    require_one(refused(open_load(R"("duration_s": 1, "seed": 18446744073709551615)")).diagnostics, "/seed",
                "must be at most");
  }
}

TEST_CASE("Bad load entries are refused", "[scenario][loader]") {
  SECTION("unknown type") {
    Loaded<Scenario> l = refused(R"({ "duration_s": 1, "load": { "f": { "type": "poisson" } } })");
    const Diagnostic& d = require_one(l.diagnostics, "/load/f/type", "unknown load type \"poisson\"");
    CHECK(d.hint.find("\"open\"") != std::string::npos);
  }
  SECTION("keys of the other load type") {
    Loaded<Scenario> l = refused(R"({ "duration_s": 1, "load": {
      "f": { "type": "open", "rate_per_s": 5, "users": 3 },
      "g": { "type": "closed", "users": 3, "think_time": { "dist": "constant", "value_ms": 1 }, "rate_per_s": 5 } } })");
    CHECK(l.diagnostics.size() == 2);
    CHECK(require_one(l.diagnostics, "/load/f/users", "unknown key")
              .hint.find("accepts: type, profile, rate_per_s") != std::string::npos);
    require_one(l.diagnostics, "/load/g/rate_per_s", "unknown key");
  }
  SECTION("a closed load without think time, or with a bad one") {
    require_one(
        refused(R"({ "duration_s": 1, "load": { "f": { "type": "closed", "users": 3 } } })").diagnostics,
        "/load/f", "missing the required key \"think_time\"");
    require_one(refused(R"({ "duration_s": 1, "load": { "f": { "type": "closed", "users": 3,
      "think_time": { "dist": "exponential", "mean_ms": -1 } } } })")
                    .diagnostics,
                "/load/f/think_time/mean_ms", "must be at least");
  }
  SECTION("load of the wrong shape") {
    require_one(refused(R"({ "duration_s": 1, "load": [] })").diagnostics, "/load",
                "must be an object, not an array");
    require_one(refused(R"({ "duration_s": 1, "load": {} })").diagnostics, "/load", "no load is given");
    require_one(refused(R"({ "duration_s": 1, "load": { "f": 10 } })").diagnostics, "/load/f",
                "must be an object, not an integer");
    require_one(refused(R"({ "duration_s": 1 })").diagnostics, "", "missing the required key \"load\"");
  }
  SECTION("unknown keys with a suggestion") {
    Loaded<Scenario> l = refused(open_load(R"("duration_s": 1, "replicatoins": 2, "warmup": 5)"));
    CHECK(l.diagnostics.size() == 2);
    CHECK(require_one(l.diagnostics, "/replicatoins", "unknown key")
              .hint.find("did you mean \"replications\"?") != std::string::npos);
    CHECK(require_one(l.diagnostics, "/warmup", "unknown key").hint.find("did you mean \"warmup_s\"?") !=
          std::string::npos);
  }
  SECTION("a non-object top level") {
    for (const char* text : {"[]", "\"scenario\"", "0", "null"}) {
      Loaded<Scenario> l = refused(text);
      CHECK(l.diagnostics.size() == 1);
      require_one(l.diagnostics, "", "the scenario must be an object");
    }
  }
}

TEST_CASE("Several problems in one scenario are reported together", "[scenario][loader]") {
  Loaded<Scenario> l = refused(
      "{\n"
      "  \"duration_s\": -1,\n"
      "  \"replications\": 2.5,\n"
      "  \"load\": { \"a\": { \"type\": \"open\", \"rate_per_s\": 0 },\n"
      "            \"b\": { \"type\": \"closed\", \"users\": 0,\n"
      "                   \"think_time\": { \"dist\": \"pareto\", \"scale_ms\": 1 } } },\n"
      "  \"colour\": \"blue\"\n"
      "}");
  CHECK(l.diagnostics.size() == 6);
  CHECK(require_one(l.diagnostics, "/duration_s", "at least").line == 2);
  CHECK(require_one(l.diagnostics, "/replications", "must be an integer").line == 3);
  CHECK(require_one(l.diagnostics, "/load/a/rate_per_s", "at least").line == 4);
  CHECK(require_one(l.diagnostics, "/load/b/users", "at least").line == 5);
  const Diagnostic& shape =
      require_one(l.diagnostics, "/load/b/think_time", "missing the required key \"shape\"");
  CHECK(shape.line == 6);
  CHECK(shape.column == 20);
  CHECK(require_one(l.diagnostics, "/colour", "unknown key").line == 7);
}

TEST_CASE("A scenario must name only flows the design has", "[scenario][fits]") {
  Design design = checkout_design();
  Scenario s = accepted(
      "{ \"duration_s\": 60,\n"
      "  \"load\": { \"checkout\": { \"type\": \"open\", \"rate_per_s\": 10 },\n"
      "            \"chekout\": { \"type\": \"open\", \"rate_per_s\": 10 },\n"
      "            \"search\": { \"type\": \"closed\", \"users\": 1,\n"
      "                        \"think_time\": { \"dist\": \"constant\", \"value_ms\": 1 } } } }");
  Diagnostics fits = check_scenario_fits(s, design);
  INFO(test::listing(fits));
  REQUIRE(fits.size() == 2);
  test::require_messages_and_hints(fits);
  const Diagnostic& typo =
      require_one(fits, "/load/chekout", "the design \"checkout\" has no flow \"chekout\"");
  CHECK(typo.file == "steady.json");
  CHECK(typo.line == 3);
  CHECK(typo.column == 13);
  CHECK(typo.hint.find("did you mean \"checkout\"?") != std::string::npos);
  CHECK(typo.hint.find("the design's flows: checkout") != std::string::npos);
  const Diagnostic& other = require_one(fits, "/load/search", "has no flow \"search\"");
  CHECK(other.line == 4);
  CHECK(other.hint.find("did you mean") == std::string::npos);

  SECTION("a scenario built in code, without a locator, gets no position") {
    Scenario bare;
    bare.file = "code";
    LoadSpec load;
    load.flow = "nope";
    load.rate_per_s = 1;
    load.pointer = "/load/nope";
    bare.loads.push_back(load);
    Diagnostics d = check_scenario_fits(bare, design);
    REQUIRE(d.size() == 1);
    CHECK(d.items()[0].line == 0);
    CHECK(d.items()[0].file == "code");
  }
}

TEST_CASE("A scenario whose request count would be absurd is refused", "[scenario][fits]") {
  Design design = checkout_design();
  SECTION("10^8 requests/s for a year") {
    Scenario s = accepted(
        R"({ "duration_s": 31536000, "load": { "checkout": { "type": "open", "rate_per_s": 1e8 } } })");
    Diagnostics fits = check_scenario_fits(s, design);
    REQUIRE(fits.size() == 1);
    const Diagnostic& d = require_one(fits, "", "this run would simulate about 3153600000000000 requests");
    CHECK(d.line == 1);
    CHECK_FALSE(d.hint.empty());
  }
  SECTION("the largest sizes everywhere at once do not overflow the count") {
    Scenario s = accepted(R"({ "duration_s": 31536000, "warmup_s": 31536000, "replications": 1000,
                              "load": { "checkout": { "type": "open", "rate_per_s": 1e8 } } })");
    Diagnostics fits = check_scenario_fits(s, design);
    REQUIRE(fits.size() == 1);
    CHECK(fits.items()[0].message.find("more than the limit") != std::string::npos);
  }
  SECTION("warm-up and replications count") {
    // 1000/s * (2,000,000 + 600,000 s) * 2 = 5.2e9 > 5e9; without either it fits.
    Scenario s = accepted(R"({ "duration_s": 2000000, "warmup_s": 600000, "replications": 2,
                              "load": { "checkout": { "type": "open", "rate_per_s": 1000 } } })");
    CHECK(check_scenario_fits(s, design).size() == 1);
    s.replications = 1;
    CHECK(check_scenario_fits(s, design).empty());
    s.replications = 2;
    s.warmup_s = 0;
    CHECK(check_scenario_fits(s, design).empty());
  }
  SECTION("just under the limit fits") {
    Scenario s =
        accepted(R"({ "duration_s": 50, "load": { "checkout": { "type": "open", "rate_per_s": 1e8 } } })");
    CHECK(check_scenario_fits(s, design).empty());
  }
}

TEST_CASE("Bad scenario files are diagnosed, not thrown", "[scenario][loader][files]") {
  SECTION("missing") {
    Loaded<Scenario> l = load_scenario_file("no/such/scenario.json");
    CHECK_FALSE(l.value);
    REQUIRE(l.diagnostics.size() == 1);
    CHECK(l.diagnostics.items()[0].message == "cannot open the file");
    CHECK(l.diagnostics.items()[0].file == "no/such/scenario.json");
  }
  SECTION("a directory") {
    Loaded<Scenario> l = load_scenario_file(test::source_path("designs/scenarios"));
    CHECK_FALSE(l.value);
    CHECK(l.diagnostics.size() == 1);
  }
  SECTION("empty, invalid, garbage") {
    require_one(refused("").diagnostics, "", "invalid JSON");
    CHECK(require_one(refused("{\n  \"duration_s\": 60,\n  \"load\": {\n}").diagnostics, "", "invalid JSON")
              .line == 4);
    require_one(refused(std::string("\x00\x01\x02\xff", 4)).diagnostics, "", "invalid JSON");
  }
  SECTION("duplicate keys") {
    Loaded<Scenario> l = refused(open_load(R"("duration_s": 1, "duration_s": 2)"));
    require_one(l.diagnostics, "/duration_s", "duplicate key");
  }
}

TEST_CASE("A load without a type reports only the missing type", "[scenario][loader]") {
  Loaded<Scenario> l =
      load_scenario_text("s.json", R"({"duration_s": 1, "load": {"f": {"rate_per_s": 10}}})");
  CHECK(l.diagnostics.size() == 1);
  Loaded<Scenario> u =
      load_scenario_text("s.json", R"({"duration_s": 1, "load": {"f": {"type": "opne", "rate_per_s": 10}}})");
  CHECK(u.diagnostics.size() == 1);
}

TEST_CASE("A truncated scenario key gets a suggestion", "[scenario][loader]") {
  Loaded<Scenario> l = load_scenario_text("s.json", open_load(R"("duration_s": 1, "replica": 3)"));
  REQUIRE(l.diagnostics.size() == 1);
  CHECK(l.diagnostics.items()[0].hint.find("did you mean \"replications\"?") != std::string::npos);
}

TEST_CASE("A scenario states which keys requests touch", "[scenario][keys]") {
  auto zipf = load_scenario_text(
      "keys.json", R"({"duration_s": 1, "keys": {"count": 1000000000000, "popularity": "zipf", "skew": 1.1},
                       "load": {"f": {"type": "open", "rate_per_s": 1}}})");
  INFO(zipf.diagnostics.format());
  REQUIRE(zipf.value);
  CHECK(zipf.value->keys.is_zipf());
  CHECK(zipf.value->keys.count() == 1'000'000'000'000ull);
  CHECK(zipf.value->keys.skew() == 1.1);
  auto plain = load_scenario_text("plain.json",
                                  R"({"duration_s": 1, "load": {"f": {"type": "open", "rate_per_s": 1}}})");
  REQUIRE(plain.value);
  CHECK_FALSE(plain.value->keys.is_zipf());
  CHECK(plain.value->keys.count() == 1'000'000u);
  auto bad = load_scenario_text("bad.json",
                                R"({"duration_s": 1, "keys": {"count": 0, "popularity": "zipfian", "skwe": 1},
                      "load": {"f": {"type": "open", "rate_per_s": 1}}})");
  REQUIRE_FALSE(bad.value);
  std::string text = bad.diagnostics.format();
  CHECK(text.find("/keys/count: must be at least 1") != std::string::npos);
  CHECK(text.find("/keys/popularity") != std::string::npos);
  CHECK(text.find("did you mean \"skew\"") != std::string::npos);
}

namespace {

std::string profile_load(const std::string& body) {
  return R"({ "duration_s": 100, "load": { "checkout": { "type": "open", )" + body + " } } }";
}

// A scenario file and a CSV beside it in a fresh directory.
std::string scenario_with_csv(const std::string& name, const std::string& csv) {
  auto dir = std::filesystem::temp_directory_path() / ("sdsim-replay-" + name);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "rates.csv") << csv;
  std::string path = (dir / "replay.json").string();
  std::ofstream(path) << profile_load(R"("profile": "replay", "csv": "rates.csv")");
  return path;
}

}  // namespace

TEST_CASE("Open loads follow a profile over time", "[scenario][loader][profile]") {
  SECTION("a ramp") {
    Scenario s = accepted(
        profile_load(R"("profile": "ramp", "from_per_s": 10, "to_per_s": 110, "start_s": 20, "end_s": 70)"));
    const RateProfile& p = s.loads[0].profile;
    CHECK(p.rate_at(0) == 10);
    CHECK(p.rate_at(45) == Approx(60));
    CHECK(p.rate_at(90) == 110);
    // The mean over the 100 s run, for the size check.
    CHECK(s.loads[0].rate_per_s == Approx((10 * 20 + 60 * 50 + 110 * 30) / 100.0));
  }
  SECTION("steps") {
    Scenario s = accepted(profile_load(
        R"("profile": "step", "rate_per_s": 5, "steps": [{"at_s": 30, "rate_per_s": 50}, {"at_s": 60, "rate_per_s": 0}])"));
    const RateProfile& p = s.loads[0].profile;
    CHECK(p.rate_at(29) == 5);
    CHECK(p.rate_at(30) == 50);
    CHECK(p.rate_at(80) == 0);
  }
  SECTION("a spike") {
    Scenario s = accepted(profile_load(
        R"("profile": "spike", "rate_per_s": 100, "peak_per_s": 1000, "at_s": 40, "duration_s": 10)"));
    CHECK(s.loads[0].profile.rate_at(45) == 1000);
    CHECK(s.loads[0].profile.rate_at(51) == 100);
  }
  SECTION("a diurnal day compressed into the run") {
    Scenario s = accepted(profile_load(
        R"("profile": "diurnal", "trough_per_s": 10, "peak_per_s": 90, "period_s": 100, "peak_at_s": 50)"));
    CHECK(s.loads[0].profile.rate_at(50) == Approx(90));
    CHECK(s.loads[0].profile.rate_at(0) == Approx(10));
    CHECK(s.loads[0].rate_per_s == Approx(50).epsilon(1e-3));
  }
  SECTION("a replayed CSV of rates, relative to the scenario file") {
    std::string path = scenario_with_csv("rates", "time_s,rate_per_s\n0,10\n# a comment\n50, 30\n");
    Loaded<Scenario> loaded = load_scenario_file(path);
    INFO(test::listing(loaded.diagnostics));
    REQUIRE(loaded.value);
    CHECK(loaded.value->loads[0].profile.rate_at(49) == 10);
    CHECK(loaded.value->loads[0].profile.rate_at(50) == 30);
  }
  SECTION("a replayed CSV of arrival times") {
    std::string path = scenario_with_csv("times", "time_s\n0.5\n1.25\n1.25\n7\n");
    Loaded<Scenario> loaded = load_scenario_file(path);
    REQUIRE(loaded.value);
    REQUIRE(loaded.value->loads[0].trace);
    CHECK(*loaded.value->loads[0].trace ==
          std::vector<SimTime>{from_s(0.5), from_s(1.25), from_s(1.25), from_s(7)});
  }
}

TEST_CASE("Bad profiles are refused with a pointer and a fix", "[scenario][loader][profile]") {
  SECTION("a ramp that ends before it starts") {
    require_one(refused(profile_load(
                            R"("profile": "ramp", "from_per_s": 1, "to_per_s": 2, "start_s": 9, "end_s": 3)"))
                    .diagnostics,
                "/load/checkout/end_s", "not after its start");
  }
  SECTION("a key of another profile") {
    auto l = refused(
        profile_load(R"("profile": "ramp", "from_per_s": 1, "to_per_s": 2, "end_s": 3, "peak_per_s": 9)"));
    require_one(l.diagnostics, "/load/checkout/peak_per_s", "unknown key");
  }
  SECTION("an unknown profile") {
    require_one(refused(profile_load(R"("profile": "rampp", "rate_per_s": 1)")).diagnostics,
                "/load/checkout/profile", "rampp");
  }
  SECTION("steps out of order, each problem reported") {
    auto l = refused(profile_load(
        R"("profile": "step", "rate_per_s": 5, "steps": [{"at_s": 30, "rate_per_s": 50}, {"at_s": 20, "rate_per_s": -1}])"));
    require_one(l.diagnostics, "/load/checkout/steps/1/rate_per_s", "at least 0");
  }
  SECTION("a diurnal peak below its trough") {
    require_one(
        refused(profile_load(R"("profile": "diurnal", "trough_per_s": 10, "peak_per_s": 5)")).diagnostics,
        "/load/checkout/peak_per_s", "below the trough");
  }
  SECTION("a rate of 0 throughout") {
    require_one(
        refused(profile_load(R"("profile": "ramp", "from_per_s": 0, "to_per_s": 0, "end_s": 3)")).diagnostics,
        "/load/checkout", "0 throughout");
  }
  SECTION("a CSV with a bad header") {
    auto l = load_scenario_file(scenario_with_csv("header", "when,rate\n0,1\n"));
    CHECK_FALSE(l.value);
    require_one(l.diagnostics, "/load/checkout/csv", "line 1: the header");
  }
  SECTION("a CSV with unsorted times and a bad number: both lines named") {
    auto l = load_scenario_file(scenario_with_csv("rows", "time_s,rate_per_s\n5,1\n4,1\n6,lots\n"));
    CHECK_FALSE(l.value);
    require_one(l.diagnostics, "/load/checkout/csv", "line 3: the time 4 s comes before");
    require_one(l.diagnostics, "/load/checkout/csv", "line 4: the rate \"lots\"");
  }
  SECTION("a missing CSV") {
    auto l =
        load_scenario_text("s.json", profile_load(R"("profile": "replay", "csv": "/nonexistent/rates.csv")"));
    require_one(l.diagnostics, "/load/checkout/csv", "cannot read");
  }
}

TEST_CASE("Keys may have a hot-key share", "[scenario][loader]") {
  Scenario s = accepted(
      R"({ "duration_s": 10, "keys": { "count": 1000, "hot_share": 0.25, "hot_keys": 3 }, "load": { "f": { "type": "open", "rate_per_s": 1 } } })");
  CHECK(s.keys.hot_share() == 0.25);
  CHECK(s.keys.hot_keys() == 3);
  CHECK(s.keys.probability(0) == Approx(0.25 / 3 + 0.75 / 1000));
  require_one(
      refused(
          R"({ "keys": { "count": 2, "hot_share": 0.25, "hot_keys": 3 }, "load": { "f": { "type": "open", "rate_per_s": 1 } } })")
          .diagnostics,
      "/keys/hot_keys", "more than count");
  require_one(
      refused(R"({ "keys": { "hot_share": 1.5 }, "load": { "f": { "type": "open", "rate_per_s": 1 } } })")
          .diagnostics,
      "/keys/hot_share", "at most 1");
}

TEST_CASE("Service-level objectives: per flow, \"*\" for every flow, and the window length",
          "[scenario][loader][slo]") {
  SECTION("a flow's own keys override those of \"*\" one by one") {
    Scenario s = accepted(open_load(
        R"("duration_s": 60, "window_s": 5, "slos": {"*": {"availability": 99.9}, "checkout": {"latency_ms": 200, "percentile": 95}})"));
    CHECK(s.window_s == 5);
    REQUIRE(s.slos.size() == 2);
    auto checkout = slo_for(s, "checkout");
    REQUIRE(checkout);
    CHECK(*checkout->latency_ms == 200);
    CHECK(*checkout->percentile == 95);
    CHECK(*checkout->availability == 99.9);
    auto other = slo_for(s, "browse");
    REQUIRE(other);
    CHECK_FALSE(other->latency_ms);
    CHECK(*other->availability == 99.9);
  }
  SECTION("without slos no flow has objectives and the window is chosen from the duration") {
    Scenario s = accepted(open_load(R"("duration_s": 60)"));
    CHECK(s.slos.empty());
    CHECK(s.window_s == 0);
    CHECK_FALSE(slo_for(s, "checkout"));
  }
  SECTION("open ranges: a percentile of 0 or 100, an availability of 0") {
    auto l = refused(open_load(
        R"("duration_s": 60, "slos": {"checkout": {"latency_ms": 200, "percentile": 100, "availability": 0}})"));
    require_one(l.diagnostics, "/slos/checkout/percentile", "below 100");
    require_one(l.diagnostics, "/slos/checkout/availability", "above 0");
    l = refused(open_load(R"("duration_s": 60, "slos": {"checkout": {"latency_ms": 200, "percentile": 0}})"));
    require_one(l.diagnostics, "/slos/checkout/percentile", "above 0");
  }
  SECTION("out of range, misspelt, wrong type") {
    auto l = refused(open_load(
        R"("duration_s": 60, "slos": {"checkout": {"latency_ms": -1, "availabilty": 99}, "*": 3})"));
    require_one(l.diagnostics, "/slos/checkout/latency_ms", "at least");
    CHECK(test::find_at(l.diagnostics, "/slos/checkout/availabilty")->hint.find("availability") !=
          std::string::npos);
    require_one(l.diagnostics, "/slos/*", "must be an object");
    l = refused(open_load(R"("duration_s": 60, "slos": [1])"));
    require_one(l.diagnostics, "/slos", "must be an object");
  }
  SECTION("an entry that states no objective, or a percentile with nothing to bound") {
    auto l = refused(open_load(R"("duration_s": 60, "slos": {"checkout": {}})"));
    require_one(l.diagnostics, "/slos/checkout", "states no objective");
    l = refused(
        open_load(R"("duration_s": 60, "slos": {"checkout": {"percentile": 99, "availability": 99}})"));
    require_one(l.diagnostics, "/slos/checkout", "no latency_ms");
  }
  SECTION("a window so short the run would have more than 10000") {
    auto l =
        refused(open_load(R"("duration_s": 3600, "window_s": 0.1, "slos": {"*": {"availability": 99}})"));
    require_one(l.diagnostics, "/window_s", "36000 SLO windows");
  }
}

TEST_CASE("Objectives must name flows of the design, and their windows must fit in memory",
          "[scenario][loader][slo]") {
  Design checkout = checkout_design();
  SECTION("a misspelt flow, with a did-you-mean") {
    Scenario s = accepted(open_load(
        R"("duration_s": 60, "slos": {"chekout": {"availability": 99.9}, "*": {"latency_ms": 100}})"));
    Diagnostics d = check_scenario_fits(s, checkout);
    const Diagnostic& found = require_one(d, "/slos/chekout", "has no flow \"chekout\"");
    CHECK(found.hint.find("did you mean \"checkout\"?") != std::string::npos);
    CHECK(d.size() == 1);
  }
  SECTION("windows x flows x replications beyond the limit") {
    Scenario s = accepted(open_load(
        R"("duration_s": 10000, "window_s": 1, "replications": 1000, "slos": {"*": {"availability": 99.9}})"));
    s.loads[0].rate_per_s = 1e-3;  // keep the request-count check quiet
    Diagnostics d = check_scenario_fits(s, checkout);
    require_one(d, "/window_s", "window series");
  }
  SECTION("the default window: at least 60 windows") {
    CHECK(format::default_slo_window_s(60) == 1);
    CHECK(format::default_slo_window_s(2000) == 30);
    CHECK(format::default_slo_window_s(86400) == 900);  // 96 windows
    CHECK(format::default_slo_window_s(0.1) == 0.01);
  }
}
