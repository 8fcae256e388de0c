// load_design_file / load_design_text: the example designs load, defaults apply, and every class of problem
// is reported (all at once, each with a pointer, a position and a hint) instead of crashing or guessing.
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "design_test_support.hpp"
#include "sim/design/design.hpp"
#include "sim/design/document.hpp"

using namespace sdsim;
using test::require_one;

namespace {

Loaded<Design> refused(const std::string& text) {
  Loaded<Design> loaded = load_design_text("shop.json", text);
  INFO(text);
  CHECK_FALSE(loaded.value);
  REQUIRE_FALSE(loaded.diagnostics.empty());
  test::require_messages_and_hints(loaded.diagnostics);
  for (const Diagnostic& d : loaded.diagnostics.items())
    CHECK(d.file == "shop.json");
  return loaded;
}

Design accepted(const std::string& text) {
  Loaded<Design> loaded = load_design_text("shop.json", text);
  INFO(text << "\n" << test::listing(loaded.diagnostics));
  REQUIRE(loaded.diagnostics.empty());
  REQUIRE(loaded.value);
  return *loaded.value;
}

// A one-station design with `station` spliced into the station's object.
std::string one_station(const std::string& station) {
  return R"({ "blocks": { "api": { "kind": "station", "service_time": { "dist": "constant", "value_ms": 1 })" +
         (station.empty() ? std::string() : ", " + station) +
         R"( } }, "flows": { "browse": { "entry": "api" } } })";
}

// Blocks a, b, c (constant service) with the given "next" lists, entered at a.
std::string routed(const std::string& a_next, const std::string& b_next, const std::string& c_next = "") {
  auto block = [](const std::string& next) {
    return R"({ "kind": "station", "service_time": { "dist": "constant", "value_ms": 1 })" +
           (next.empty() ? std::string() : R"(, "next": )" + next) + " }";
  };
  return R"({ "blocks": { "a": )" + block(a_next) + R"(, "b": )" + block(b_next) + R"(, "c": )" +
         block(c_next) + R"( }, "flows": { "f": { "entry": "a" } } })";
}

}  // namespace

TEST_CASE("The example designs load", "[design][loader]") {
  SECTION("checkout") {
    std::string path = test::source_path("designs/checkout.json");
    Loaded<Design> loaded = load_design_file(path);
    INFO(test::listing(loaded.diagnostics));
    REQUIRE(loaded.value);
    const Design& d = *loaded.value;
    CHECK(d.file == path);
    CHECK(d.name == "checkout");
    CHECK_FALSE(d.description.empty());
    CHECK(std::filesystem::path(d.default_scenario) ==
          std::filesystem::path(test::source_path("designs/scenarios/checkout-steady.json"))
              .lexically_normal());
    REQUIRE(d.blocks.size() == 4);
    CHECK(d.blocks[0].name == "web");  // the author's order is kept
    const BlockSpec* api = d.find_block("api");
    REQUIRE(api);
    CHECK(api->kind == "station");
    CHECK(api->pointer == "/blocks/api");
    CHECK(api->station.servers == 192);
    CHECK(api->station.queue_capacity == 2000u);
    CHECK(api->station.service.kind() == Distribution::Kind::lognormal);
    CHECK(api->next.empty());  // the checkout flow uses calls, not forwarding routes
    const BlockSpec* payments = d.find_block("payments");
    REQUIRE(payments);
    CHECK_FALSE(payments->station.queue_capacity);  // unbounded unless stated
    const CallSpec& root = d.find_flow("checkout")->root;
    REQUIRE(root.calls.size() == 1);
    CHECK(root.calls[0].to == "api");
    REQUIRE(root.calls[0].calls.size() == 2);
    CHECK(root.calls[0].calls[0].to == "payments");
    CHECK(root.calls[0].calls[0].probability == Approx(0.3));
    CHECK(root.calls[0].calls[0].pointer == "/flows/checkout/calls/0/calls/0");
    CHECK(root.calls[0].calls[1].operation == "write");
    CHECK(root.calls[0].calls[1].probability == 1.0);  // "p" defaults to 1
    CHECK(d.find_block("nope") == nullptr);
    REQUIRE(d.flows.size() == 1);
    CHECK(d.find_flow("checkout")->entry() == "web");
    CHECK(d.find_flow("checkout")->pointer == "/flows/checkout");
    CHECK(d.find_flow("browse") == nullptr);
  }
  SECTION("mm1") {
    Loaded<Design> loaded = load_design_file(test::source_path("designs/mm1.json"));
    INFO(test::listing(loaded.diagnostics));
    REQUIRE(loaded.value);
    REQUIRE(loaded.value->blocks.size() == 1);
    CHECK(loaded.value->blocks[0].station.servers == 1);
    CHECK(loaded.value->blocks[0].station.service.mean_ns() == Approx(10e6));
  }
  SECTION("from the repository root, as the tests run") {
    Loaded<Design> loaded = load_design_file("designs/mm1.json");
    CHECK(loaded.value);
  }
}

TEST_CASE("Optional design keys take their defaults", "[design][loader]") {
  Design d = accepted(one_station(""));
  CHECK(d.name == "shop");  // the file's stem
  CHECK(d.description.empty());
  CHECK(d.default_scenario.empty());
  REQUIRE(d.blocks.size() == 1);
  CHECK(d.blocks[0].station.servers == 1);
  CHECK_FALSE(d.blocks[0].station.queue_capacity);
  CHECK(d.blocks[0].next.empty());

  SECTION("$schema is allowed") {
    accepted(R"({ "$schema": "https://example.com/design.json", "blocks": { "a": { "kind": "station",
      "service_time": { "dist": "constant", "value_ms": 1 } } }, "flows": { "f": { "entry": "a" } } })");
  }
  SECTION("queue_capacity 0 is an Erlang loss system, and whole numbers may have a fraction part") {
    Design loss = accepted(one_station(R"("servers": 3.0, "queue_capacity": 0)"));
    CHECK(loss.blocks[0].station.servers == 3);
    CHECK(loss.blocks[0].station.queue_capacity == 0u);
  }
  SECTION("the limits themselves are accepted") {
    Design big = accepted(one_station(R"("servers": 1000000, "queue_capacity": 1000000000)"));
    CHECK(big.blocks[0].station.servers == 1'000'000);
    CHECK(big.blocks[0].station.queue_capacity == 1'000'000'000u);
  }
}

TEST_CASE("Routes may split, loop with an exit, or sum to exactly one", "[design][loader][routing]") {
  SECTION("probabilities summing to 1 with rounding noise") {
    accepted(routed(R"([{"to": "b", "p": 0.1}, {"to": "b", "p": 0.2}, {"to": "c", "p": 0.7}])", ""));
    accepted(routed(R"([{"to": "b", "p": 0.3333333333333333}, {"to": "b", "p": 0.3333333333333333},
                        {"to": "c", "p": 0.3333333333333334}])",
                    ""));
  }
  SECTION("a retry loop that sometimes exits") {
    accepted(routed(R"([{"to": "b"}])", R"([{"to": "a", "p": 0.5}])"));
  }
  SECTION("a self-loop below probability one") {
    accepted(routed(R"([{"to": "a", "p": 0.99}])", ""));
  }
  SECTION("a cycle that leaves through another block") {
    accepted(routed(R"([{"to": "b"}])", R"([{"to": "a", "p": 0.5}, {"to": "c", "p": 0.5}])"));
  }
  SECTION("an empty next list returns to the client") {
    accepted(routed("[]", ""));
  }
}

TEST_CASE("Routing cycles with no way out are refused", "[design][loader][routing]") {
  SECTION("a self-loop with probability 1") {
    Loaded<Design> loaded = refused(routed(R"([{"to": "a"}])", ""));
    CHECK(loaded.diagnostics.size() == 1);
    require_one(loaded.diagnostics, "/blocks/a/next", "can never return to the client");
  }
  SECTION("a two-block cycle, and a block that feeds it") {
    Loaded<Design> loaded = refused(routed(R"([{"to": "b"}])", R"([{"to": "c"}])", R"([{"to": "b"}])"));
    CHECK(loaded.diagnostics.size() == 3);
    require_one(loaded.diagnostics, "/blocks/a/next", "\"a\"");
    require_one(loaded.diagnostics, "/blocks/b/next", "\"b\"");
    require_one(loaded.diagnostics, "/blocks/c/next", "\"c\"");
  }
  SECTION("an exit with probability zero is no exit") {
    Loaded<Design> loaded = refused(routed(R"([{"to": "b", "p": 0}, {"to": "a", "p": 1}])", ""));
    require_one(loaded.diagnostics, "/blocks/a/next", "cycle with no way out");
  }
  SECTION("the diagnostic points at the block's next list") {
    Loaded<Design> loaded = refused(
        "{\n \"blocks\": {\n  \"a\": { \"kind\": \"station\",\n"
        "   \"service_time\": { \"dist\": \"constant\", \"value_ms\": 1 },\n"
        "   \"next\": [ { \"to\": \"a\" } ] } },\n"
        " \"flows\": { \"f\": { \"entry\": \"a\" } } }");
    const Diagnostic& d = require_one(loaded.diagnostics, "/blocks/a/next", "cycle");
    CHECK(d.line == 5);
    CHECK(d.column == 4);
  }
}

TEST_CASE("Route probabilities above one are refused", "[design][loader][routing]") {
  Loaded<Design> loaded = refused(routed(R"([{"to": "b", "p": 0.5}, {"to": "c", "p": 0.6}])", ""));
  const Diagnostic& d = require_one(loaded.diagnostics, "/blocks/a/next", "more than 1");
  CHECK(d.message.find("1.1") != std::string::npos);
  CHECK(loaded.diagnostics.size() == 1);  // no cycle report on top
  SECTION("and a single probability above one or below zero") {
    require_one(refused(routed(R"([{"to": "b", "p": 1.01}])", "")).diagnostics, "/blocks/a/next/0/p",
                "must be at most 1");
    require_one(refused(routed(R"([{"to": "b", "p": -0.1}])", "")).diagnostics, "/blocks/a/next/0/p",
                "must be at least 0");
  }
}

TEST_CASE("Dangling block names are refused with a suggestion", "[design][loader][references]") {
  Loaded<Design> loaded = refused(
      R"({ "blocks": { "web": { "kind": "station", "service_time": { "dist": "constant", "value_ms": 1 },
           "next": [ { "to": "dbb", "p": 0.5 }, { "to": "queue", "p": 0.5 } ] },
         "db": { "kind": "station", "service_time": { "dist": "constant", "value_ms": 1 } } },
         "flows": { "browse": { "entry": "Web" }, "admin": { "entry": "backoffice" } } })");
  CHECK(loaded.diagnostics.size() == 4);
  CHECK(
      require_one(loaded.diagnostics, "/blocks/web/next/0/to", "route target \"dbb\" is not a block").hint ==
      "did you mean \"db\"?");
  CHECK(require_one(loaded.diagnostics, "/flows/browse/entry", "entry block \"Web\"").hint ==
        "did you mean \"web\"?");
  CHECK(require_one(loaded.diagnostics, "/blocks/web/next/1/to", "\"queue\"").hint.find("declare it") !=
        std::string::npos);
  require_one(loaded.diagnostics, "/flows/admin/entry", "\"backoffice\"");

  SECTION("a block with its own errors is still a valid target") {
    Loaded<Design> l = refused(R"({ "blocks": { "a": { "kind": "station", "servers": 0,
      "service_time": { "dist": "constant", "value_ms": 1 } } }, "flows": { "f": { "entry": "a" } } })");
    CHECK(l.diagnostics.size() == 1);
    require_one(l.diagnostics, "/blocks/a/servers", "must be at least 1");
  }
}

TEST_CASE("Station parameters out of range are refused", "[design][loader]") {
  SECTION("servers (c) = 0 and negative") {
    require_one(refused(one_station(R"("servers": 0)")).diagnostics, "/blocks/api/servers",
                "must be at least 1 (got 0)");
    require_one(refused(one_station(R"("servers": -4)")).diagnostics, "/blocks/api/servers",
                "must be at least 1");
  }
  SECTION("absurd sizes are refused, not allocated") {
    require_one(refused(one_station(R"("servers": 1000000000)")).diagnostics, "/blocks/api/servers",
                "must be at most 1000000");
    require_one(refused(one_station(R"("servers": 18446744073709551615)")).diagnostics, "/blocks/api/servers",
                "must be at most");
    require_one(refused(one_station(R"("servers": 1e300)")).diagnostics, "/blocks/api/servers",
                "must be at most");
    require_one(refused(one_station(R"("queue_capacity": 1000000000001)")).diagnostics,
                "/blocks/api/queue_capacity", "must be at most 1000000000 requests");
    require_one(refused(one_station(R"("queue_capacity": -1)")).diagnostics, "/blocks/api/queue_capacity",
                "must be at least 0");
  }
  SECTION("fractions where a count is needed") {
    require_one(refused(one_station(R"("servers": 2.5)")).diagnostics, "/blocks/api/servers",
                "must be an integer, not a number");
  }
  SECTION("a station without a service time") {
    Loaded<Design> l =
        refused(R"({ "blocks": { "api": { "kind": "station" } }, "flows": { "f": { "entry": "api" } } })");
    require_one(l.diagnostics, "/blocks/api", "missing the required key \"service_time\"");
  }
  SECTION("a missing or unknown kind") {
    Loaded<Design> l = refused(R"({ "blocks": { "api": { "servers": 2,
        "service_time": { "dist": "constant", "value_ms": 1 } }, "db": { "kind": "Station" } },
        "flows": { "f": { "entry": "api" } } })");
    require_one(l.diagnostics, "/blocks/api", "missing the required key \"kind\"");
    CHECK(require_one(l.diagnostics, "/blocks/db/kind", "unknown block kind \"Station\"")
              .hint.find("did you mean \"station\"?") != std::string::npos);
  }
}

TEST_CASE("Unknown keys are refused with a did-you-mean hint", "[design][loader]") {
  Loaded<Design> l = refused(one_station(R"("severs": 2, "queue_capacity": 5, "nexts": [], "color": "red")"));
  CHECK(l.diagnostics.size() == 3);
  const Diagnostic& severs =
      require_one(l.diagnostics, "/blocks/api/severs", "unknown key \"severs\" in block \"api\"");
  CHECK(severs.hint.find("did you mean \"servers\"?") != std::string::npos);
  CHECK(severs.hint.find("accepts: kind, servers, queue_capacity, service_time, next") != std::string::npos);
  CHECK(require_one(l.diagnostics, "/blocks/api/nexts", "unknown key").hint.find("did you mean \"next\"?") !=
        std::string::npos);
  CHECK(require_one(l.diagnostics, "/blocks/api/color", "unknown key").hint.rfind("remove it", 0) == 0);

  SECTION("at the top level and in flows") {
    Loaded<Design> top = refused(R"({ "nmae": "x", "blocks": { "a": { "kind": "station",
      "service_time": { "dist": "constant", "value_ms": 1 } } }, "flows": { "f": { "entry": "a", "entyr": "a" } } })");
    CHECK(top.diagnostics.size() == 2);
    CHECK(require_one(top.diagnostics, "/nmae", "in the design").hint.find("did you mean \"name\"?") !=
          std::string::npos);
    CHECK(require_one(top.diagnostics, "/flows/f/entyr", "in flow \"f\"")
              .hint.find("did you mean \"entry\"?") != std::string::npos);
  }
}

TEST_CASE("Wrong types are refused with the expected and actual types", "[design][loader]") {
  Loaded<Design> l = refused(R"({ "name": 1, "description": null, "default_scenario": false,
      "blocks": { "a": { "kind": "station", "servers": "2", "service_time": { "dist": "constant", "value_ms": 1 },
                         "next": "b" }, "b": [], "k": { "kind": 7, "servers": "2" } },
      "flows": { "f": "a", "g": { "entry": 3 } } })");
  require_one(l.diagnostics, "/name", "must be a string, not an integer");
  require_one(l.diagnostics, "/description", "must be a string, not null");
  require_one(l.diagnostics, "/default_scenario", "must be a string, not a boolean");
  require_one(l.diagnostics, "/blocks/a/servers", "must be an integer, not a string");
  require_one(l.diagnostics, "/blocks/a/next", "must be an array, not a string");
  // Without a readable kind the block's other keys cannot be judged, so they raise nothing more.
  require_one(l.diagnostics, "/blocks/k/kind", "must be a string, not an integer");
  require_one(l.diagnostics, "/blocks/b", "block \"b\" must be an object, not an array");
  require_one(l.diagnostics, "/flows/f", "flow \"f\" must be an object, not a string");
  require_one(l.diagnostics, "/flows/g/entry", "must be a string, not an integer");
  CHECK(l.diagnostics.size() == 9);

  SECTION("blocks and flows must be objects") {
    Loaded<Design> arrays = refused(R"({ "blocks": [], "flows": "f" })");
    require_one(arrays.diagnostics, "/blocks", "must be an object, not an array");
    require_one(arrays.diagnostics, "/flows", "must be an object, not a string");
  }
}

TEST_CASE("The top level must be an object with blocks and flows", "[design][loader]") {
  for (const char* text : {"[]", "null", "3", "\"design\"", "true"}) {
    Loaded<Design> l = refused(text);
    CHECK(l.diagnostics.size() == 1);
    const Diagnostic& d = require_one(l.diagnostics, "", "the design must be an object");
    CHECK(d.line == 1);
    CHECK(d.column == 1);
  }
  SECTION("missing sections") {
    Loaded<Design> l = refused("{}");
    require_one(l.diagnostics, "", "missing the required key \"blocks\"");
    require_one(l.diagnostics, "", "missing the required key \"flows\"");
  }
  SECTION("empty sections") {
    Loaded<Design> l = refused(R"({"blocks": {}, "flows": {}})");
    require_one(l.diagnostics, "/blocks", "no blocks");
    require_one(l.diagnostics, "/flows", "no flows");
  }
}

TEST_CASE("Several problems in one design are reported together", "[design][loader]") {
  const std::string text = test::read_text(test::source_path("tests/design/bad/design-many-problems.json"));
  Loaded<Design> l = refused(text);
  CHECK(l.diagnostics.size() == 10);
  SECTION("each with its own line") {
    std::set<int> lines;
    for (const Diagnostic& d : l.diagnostics.items())
      lines.insert(d.line);
    CHECK(lines.size() >= 9);
  }
}

TEST_CASE("Bad files are diagnosed, not thrown", "[design][loader][files]") {
  SECTION("a missing file") {
    Loaded<Design> l = load_design_file("no/such/design.json");
    CHECK_FALSE(l.value);
    REQUIRE(l.diagnostics.size() == 1);
    CHECK(l.diagnostics.items()[0].file == "no/such/design.json");
    CHECK(l.diagnostics.items()[0].message == "cannot open the file");
    CHECK_FALSE(l.diagnostics.items()[0].hint.empty());
  }
  SECTION("a directory") {
    Loaded<Design> l = load_design_file(test::source_path("designs"));
    CHECK_FALSE(l.value);
    REQUIRE(l.diagnostics.size() == 1);
    CHECK_FALSE(l.diagnostics.items()[0].hint.empty());
  }
  SECTION("an empty file or text") {
    Loaded<Design> l = refused("");
    require_one(l.diagnostics, "", "invalid JSON");
    CHECK(l.diagnostics.items()[0].line == 1);
  }
  SECTION("a file larger than the limit is refused before it is read") {
    std::filesystem::path big = std::filesystem::temp_directory_path() / "sdsim-design-tests-too-big.json";
    {
      std::ofstream out(big, std::ios::binary);
      std::string spaces(1 << 20, ' ');
      for (std::size_t i = 0; i <= max_file_bytes >> 20; ++i)
        out << spaces;
    }
    Loaded<Design> l = load_design_file(big.string());
    std::filesystem::remove(big);
    CHECK_FALSE(l.value);
    REQUIRE(l.diagnostics.size() == 1);
    CHECK(l.diagnostics.items()[0].message.find("the limit is 16777216") != std::string::npos);
    CHECK_FALSE(l.diagnostics.items()[0].hint.empty());
  }
  SECTION("nesting deeper than the limit") {
    std::string deep = R"({"blocks": )" + std::string(max_nesting, '[') + std::string(max_nesting, ']') + "}";
    require_one(refused(deep).diagnostics, "", "nested more than 64 deep");
    std::string just =
        R"({"blocks": )" + std::string(max_nesting - 1, '[') + std::string(max_nesting - 1, ']') + "}";
    Loaded<Design> l = refused(just);  // deep but within the limit: judged on its merits
    require_one(l.diagnostics, "/blocks", "must be an object");
  }
  SECTION("very deep nesting does not overflow the stack") {
    std::string deep = std::string(1'000'000, '[') + std::string(1'000'000, ']');
    require_one(refused(deep).diagnostics, "", "nested more than 64 deep");
    std::string unbalanced(1'000'000, '{');
    require_one(refused(unbalanced).diagnostics, "", "nested more than 64 deep");
  }
  SECTION("binary garbage") {
    std::string garbage;
    for (int i = 0; i < 4096; ++i)
      garbage += static_cast<char>((i * 7919 + 13) % 256);
    Loaded<Design> l = refused(garbage);
    CHECK(l.diagnostics.size() == 1);
    const char nul_inside[] = "{\"blocks\": {\"a\0b\": 1}}";
    refused(std::string(nul_inside, sizeof nul_inside - 1));
  }
  SECTION("a UTF-8 byte order mark is accepted") {
    Design d = accepted("\xEF\xBB\xBF" + one_station(""));
    CHECK(d.blocks.size() == 1);
  }
  SECTION("a very large number of blocks is refused") {
    std::ostringstream text;
    text << R"({"flows": {"f": {"entry": "b0"}}, "blocks": {)";
    for (int i = 0; i <= 10'000; ++i) {
      text << (i ? "," : "") << "\"b" << i
           << R"(": {"kind": "station", "service_time": {"dist": "constant", "value_ms": 1}})";
    }
    text << "}}";
    require_one(refused(text.str()).diagnostics, "/blocks", "more than 10000 blocks");
  }
}

TEST_CASE("A number too large for a double is diagnosed, not thrown", "[design][loader]") {
  Loaded<Design> l;
  REQUIRE_NOTHROW(l = load_design_text("shop.json", one_station(R"("servers": 1e400)")));
  CHECK_FALSE(l.value);
  CHECK_FALSE(l.diagnostics.empty());
}

TEST_CASE("Diagnostics in a file with a byte order mark have their real position", "[design][loader]") {
  Loaded<Design> l =
      load_design_text("shop.json", "\xEF\xBB\xBF{\n  \"nmae\": 1,\n" + one_station("").substr(1));
  const Diagnostic& d = require_one(l.diagnostics, "/nmae", "unknown key");
  CHECK(d.line == 2);
  CHECK(d.column == 3);
}

TEST_CASE("A directory passed as a design file is called a directory", "[design][loader]") {
  Loaded<Design> l = load_design_file(test::source_path("designs"));
  REQUIRE(l.diagnostics.size() == 1);
  CHECK(l.diagnostics.items()[0].message.find("directory") != std::string::npos);
}
