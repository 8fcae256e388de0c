// Diagnostics: how problems are collected and printed, and the did-you-mean suggestions.
#include "sim/design/diagnostics.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace sdsim;

TEST_CASE("Diagnostics collect problems in the order they are found", "[design][diagnostics]") {
  Diagnostics diagnostics;
  CHECK(diagnostics.empty());
  CHECK(diagnostics.size() == 0);
  diagnostics.error("/a", "first", "fix a");
  diagnostics.error("", "second");
  REQUIRE(diagnostics.size() == 2);
  CHECK_FALSE(diagnostics.empty());
  CHECK(diagnostics.items()[0].pointer == "/a");
  CHECK(diagnostics.items()[0].message == "first");
  CHECK(diagnostics.items()[0].hint == "fix a");
  CHECK(diagnostics.items()[0].line == 0);
  CHECK(diagnostics.items()[0].file.empty());
  CHECK(diagnostics.items()[1].hint.empty());

  SECTION("append keeps both lists in order") {
    Diagnostics more;
    more.error("/b", "third", "fix b");
    diagnostics.append(more);
    REQUIRE(diagnostics.size() == 3);
    CHECK(diagnostics.items()[2].message == "third");
    CHECK(more.size() == 1);
  }
}

TEST_CASE("Diagnostics format as file:line:col, pointer, message and fix", "[design][diagnostics]") {
  Diagnostics diagnostics;
  diagnostics.error("/blocks/api/servers", "must be at least 1 (got 0)", "use 1 or more");
  Diagnostic& d = diagnostics.items()[0];

  SECTION("with a file and a position") {
    d.file = "designs/shop.json";
    d.line = 12;
    d.column = 7;
    CHECK(diagnostics.format() ==
          "designs/shop.json:12:7: error: /blocks/api/servers: must be at least 1 (got 0)\n"
          "    fix: use 1 or more\n");
  }
  SECTION("without a position the line and column are left out") {
    d.file = "shop.json";
    CHECK(diagnostics.format() ==
          "shop.json: error: /blocks/api/servers: must be at least 1 (got 0)\n"
          "    fix: use 1 or more\n");
  }
  SECTION("without a file the input is named <input>") {
    CHECK(diagnostics.format().rfind("<input>: error: ", 0) == 0);
  }
  SECTION("the whole document has no pointer; an empty hint prints no fix line") {
    Diagnostics whole;
    whole.error("", "invalid JSON");
    whole.items()[0].file = "x.json";
    whole.items()[0].line = 1;
    whole.items()[0].column = 1;
    CHECK(whole.format() == "x.json:1:1: error: invalid JSON\n");
  }
  SECTION("every problem is printed") {
    diagnostics.error("/flows", "no flows", "add one");
    std::string text = diagnostics.format();
    CHECK(text.find("/blocks/api/servers") != std::string::npos);
    CHECK(text.find("/flows: no flows") != std::string::npos);
    CHECK(text.find("    fix: add one\n") != std::string::npos);
  }
  SECTION("no problems print nothing") {
    CHECK(Diagnostics().format().empty());
  }
}

TEST_CASE("closest_match suggests the likely intended word", "[design][diagnostics]") {
  const std::vector<std::string> scenario_keys{"name", "duration_s",   "warmup_s",
                                               "seed", "replications", "load"};
  const std::vector<std::string> block_keys{"kind", "servers", "queue_capacity", "service_time", "next"};

  SECTION("typos close to one candidate") {
    CHECK(closest_match("replicatoins", scenario_keys) == "replications");
    CHECK(closest_match("replications_", scenario_keys) == "replications");
    CHECK(closest_match("seeed", scenario_keys) == "seed");
    CHECK(closest_match("sed", scenario_keys) == "seed");
    CHECK(closest_match("duration", scenario_keys) == "duration_s");
    CHECK(closest_match("warmup", scenario_keys) == "warmup_s");
    CHECK(closest_match("sevrers", block_keys) == "servers");
    CHECK(closest_match("server", block_keys) == "servers");
    CHECK(closest_match("nxet", block_keys) == "next");
    CHECK(closest_match("queue_capacty", block_keys) == "queue_capacity");
    CHECK(closest_match("service-time", block_keys) == "service_time");
  }
  SECTION("an exact match is its own suggestion") {
    CHECK(closest_match("load", scenario_keys) == "load");
  }
  SECTION("the nearest of several candidates wins") {
    CHECK(closest_match("ab", {"abcd", "abc"}) == "abc");
    CHECK(closest_match("abc", {"xbc", "abd"}) == "xbc");  // a tie keeps the first candidate
  }
  SECTION("unrelated words get no suggestion") {
    CHECK(closest_match("colour", scenario_keys).empty());
    CHECK(closest_match("throughput", block_keys).empty());
    CHECK(closest_match("", block_keys).empty());
  }
  SECTION("no candidates, no suggestion") {
    CHECK(closest_match("servers", {}).empty());
  }
  SECTION("case differences count as edits") {
    CHECK(closest_match("SERVERS", block_keys).empty());
  }
  SECTION("long words are compared without trouble") {
    std::string long_word(10'000, 'x');
    CHECK(closest_match(long_word, block_keys).empty());
  }
}

TEST_CASE("A truncated key is matched to the key it abbreviates", "[design][diagnostics]") {
  CHECK(closest_match("replica", {"name", "duration_s", "warmup_s", "seed", "replications", "load"}) ==
        "replications");
  CHECK(closest_match("rate", {"type", "rate_per_s"}) == "rate_per_s");
  CHECK(closest_match("mean", {"dist", "mean_ms"}) == "mean_ms");
}

TEST_CASE("Short words with nothing in common get no suggestion", "[design][diagnostics]") {
  CHECK(closest_match("zz", {"a", "b"}).empty());
  CHECK(closest_match("x", {"db"}).empty());
}
