// JsonLocator: JSON pointers to line:column in the original text, and the duplicate keys JSON parsers
// collapse.
#include "sim/design/json_locator.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "sim/design/diagnostics.hpp"
#include "sim/design/document.hpp"

using namespace sdsim;

namespace {

std::vector<std::string> duplicate_pointers(const JsonLocator& locator) {
  std::vector<std::string> out;
  for (const JsonLocator::Duplicate& d : locator.duplicate_keys())
    out.push_back(d.pointer);
  return out;
}

void require_at(const JsonLocator& locator, const std::string& pointer, int line, int column) {
  INFO("pointer " << (pointer.empty() ? "\"\"" : pointer));
  TextPosition p = locator.find(pointer);
  CHECK(p.line == line);
  CHECK(p.column == column);
}

}  // namespace

TEST_CASE("Pointers map to the line and column of the member's key", "[design][locator]") {
  const std::string text =
      "{\n"                                      // 1
      "  \"name\": \"shop\",\n"                  // 2
      "  \"blocks\": {\n"                        // 3
      "    \"api\": { \"kind\": \"station\",\n"  // 4
      "             \"servers\": 4 }\n"          // 5
      "  }\n"                                    // 6
      "}\n";
  JsonLocator locator(text);

  SECTION("the root is at the first character") {
    require_at(locator, "", 1, 1);
  }
  SECTION("top-level members point at their key") {
    require_at(locator, "/name", 2, 3);
    require_at(locator, "/blocks", 3, 3);
  }
  SECTION("nested members point at their key") {
    require_at(locator, "/blocks/api", 4, 5);
    require_at(locator, "/blocks/api/kind", 4, 14);
    require_at(locator, "/blocks/api/servers", 5, 14);
  }
  SECTION("an unknown pointer falls back to its nearest known ancestor") {
    require_at(locator, "/blocks/api/servers/extra", 5, 14);
    require_at(locator, "/blocks/db/kind", 3, 3);
    require_at(locator, "/nothing", 1, 1);
  }
  SECTION("no duplicates in a clean document") {
    CHECK(locator.duplicate_keys().empty());
  }
}

TEST_CASE("Array elements are located by index", "[design][locator]") {
  const std::string text =
      "{ \"next\": [ { \"to\": \"db\" },\n"
      "            { \"to\": \"cache\", \"p\": 0.5 } ],\n"
      "  \"points\": [[1, 0.5], [ 2 , 1 ]] }";
  JsonLocator locator(text);
  require_at(locator, "/next", 1, 3);
  require_at(locator, "/next/0", 1, 13);
  require_at(locator, "/next/0/to", 1, 15);
  require_at(locator, "/next/1", 2, 13);
  require_at(locator, "/next/1/p", 2, 30);
  require_at(locator, "/points/0", 3, 14);
  require_at(locator, "/points/0/1", 3, 18);
  require_at(locator, "/points/1/0", 3, 26);
  require_at(locator, "/points/1/1", 3, 30);
  SECTION("an index past the end falls back to the array") {
    require_at(locator, "/next/7", 1, 3);
  }
  SECTION("a top-level array") {
    JsonLocator top("[10,\n 20]");
    require_at(top, "/0", 1, 2);
    require_at(top, "/1", 2, 2);
  }
}

TEST_CASE("Keys with slash and tilde are escaped as ~1 and ~0", "[design][locator]") {
  SECTION("pointer_token escapes one reference token") {
    CHECK(pointer_token("api") == "api");
    CHECK(pointer_token("a/b") == "a~1b");
    CHECK(pointer_token("m~n") == "m~0n");
    CHECK(pointer_token("~/") == "~0~1");
    CHECK(pointer_token("") == "");
  }
  SECTION("escaped keys are found") {
    JsonLocator locator("{\n \"a/b\": 1,\n \"m~n\": { \"~1\": 2 },\n \"\": 3 }");
    require_at(locator, "/a~1b", 2, 2);
    require_at(locator, "/m~0n", 3, 2);
    require_at(locator, "/m~0n/~01", 3, 11);
    require_at(locator, "/", 4, 2);
  }
}

TEST_CASE("Brackets, quotes and escapes inside strings do not confuse the locator", "[design][locator]") {
  JsonLocator locator("{ \"d\": \"{[\\\"}]\\\\\", \"e\": \"\\n\", \"f\": true }");
  require_at(locator, "/d", 1, 3);
  require_at(locator, "/e", 1, 20);
  require_at(locator, "/f", 1, 31);
}

TEST_CASE("Windows line endings and tabs count as the user expects", "[design][locator]") {
  JsonLocator locator("{\r\n\t\"a\": 1,\r\n\t\"b\": [true, null]\r\n}");
  require_at(locator, "/a", 2, 2);
  require_at(locator, "/b", 3, 2);
  require_at(locator, "/b/1", 3, 14);
}

TEST_CASE("Duplicate keys are found in every object", "[design][locator]") {
  SECTION("at the top level") {
    JsonLocator locator(R"({"a": 1, "b": 2, "a": 3})");
    REQUIRE(duplicate_pointers(locator) == std::vector<std::string>{"/a"});
  }
  SECTION("nested, and inside arrays") {
    JsonLocator locator(R"({"x": {"k": 1, "k": 2, "k": 3}, "y": [{"p": 1, "p": 2}]})");
    REQUIRE(duplicate_pointers(locator) == std::vector<std::string>{"/x/k", "/x/k", "/y/0/p"});
  }
  SECTION("escaped keys") {
    JsonLocator locator(R"({"a/b": 1, "a/b": 2})");
    REQUIRE(duplicate_pointers(locator) == std::vector<std::string>{"/a~1b"});
  }
  SECTION("the same key in different objects is not a duplicate") {
    JsonLocator locator(R"({"a": {"k": 1}, "b": {"k": 2}, "k": [{"k": 1}, {"k": 2}]})");
    CHECK(locator.duplicate_keys().empty());
  }
  SECTION("keys that differ only in case are different keys") {
    JsonLocator locator(R"({"Servers": 1, "servers": 2})");
    CHECK(locator.duplicate_keys().empty());
  }
}

TEST_CASE("Parsing a document reports duplicate keys at the repeat, and still returns it",
          "[design][locator]") {
  Diagnostics diagnostics;
  auto doc =
      parse_json_document("dup.json", "{\n  \"a\": 1,\n  \"b\": { \"c\": 1, \"c\": 2 }\n}", diagnostics);
  CHECK(doc);
  REQUIRE(diagnostics.size() == 1);
  const Diagnostic& d = diagnostics.items()[0];
  CHECK(d.file == "dup.json");
  CHECK(d.pointer == "/b/c");
  CHECK(d.line == 3);
  CHECK(d.column == 18);
  CHECK(d.message.find("duplicate key") != std::string::npos);
  CHECK_FALSE(d.hint.empty());
}

TEST_CASE("Parse errors carry line and column", "[design][locator]") {
  Diagnostics diagnostics;
  SECTION("a missing comma") {
    CHECK_FALSE(parse_json_document("x.json", "{\n  \"a\": 1\n  \"b\": 2\n}", diagnostics));
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics.items()[0].line == 3);
  }
  SECTION("a trailing comma") {
    CHECK_FALSE(parse_json_document("x.json", "{ \"a\": [1, 2,] }", diagnostics));
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics.items()[0].line == 1);
    CHECK(diagnostics.items()[0].column == 14);
  }
  SECTION("an unterminated string at the end of the text") {
    CHECK_FALSE(parse_json_document("x.json", "{\n\"a\": \"abc", diagnostics));
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics.items()[0].line == 2);
  }
  SECTION("comments are not JSON") {
    CHECK_FALSE(parse_json_document("x.json", "{ // no\n}", diagnostics));
    REQUIRE(diagnostics.size() == 1);
  }
  for (const Diagnostic& d : diagnostics.items()) {
    CHECK(d.message.rfind("invalid JSON", 0) == 0);
    CHECK_FALSE(d.hint.empty());
    CHECK(d.file == "x.json");
  }
}

TEST_CASE("The locator survives text it was not meant for", "[design][locator]") {
  // It is documented to run on valid JSON only, but must never read out of bounds on anything else.
  for (const char* text :
       {"", "{", "[", "\"", "{\"a\"", "{\"a\":", "[1,", "\\", "{\"a\\", "}}]]", "\xff\xfe{"}) {
    JsonLocator locator(text);
    CHECK(locator.find("/a/b").line <= 1);
  }
}

// JSON parsers skip a UTF-8 byte order mark; the locator must too, without counting it as a column.
TEST_CASE("A UTF-8 byte order mark does not shift or hide positions", "[design][locator]") {
  JsonLocator locator("\xEF\xBB\xBF{\n  \"a\": 1,\n  \"a\": 2\n}");
  CHECK(locator.find("/a").line == 2);
  CHECK(duplicate_pointers(locator) == std::vector<std::string>{"/a"});
  CHECK(locator.duplicate_keys()[0].at.line == 3);
  CHECK(locator.find("/a").column == 3);
}

// "serv\u0065rs" and "servers" are the same key to a JSON parser, which keeps only the last.
TEST_CASE("Keys written with \\u escapes are decoded before comparing", "[design][locator]") {
  JsonLocator locator("{ \"serv\\u0065rs\": 1, \"servers\": 2 }");
  CHECK(duplicate_pointers(locator) == std::vector<std::string>{"/servers"});
  CHECK(locator.find("/servers").column == 3);
  CHECK(locator.duplicate_keys()[0].at.column == 22);
  JsonLocator pair("{\"\\ud83d\\ude00\": 1, \"\xF0\x9F\x98\x80\": 2}");
  CHECK(duplicate_pointers(pair).size() == 1);
}
