// The JSON schemas: the checked-in copies are the generated ones, and every example file satisfies them
// (checked with a small validator for the keywords the generator uses).
#include "sim/catalog/schema.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace sdsim;
using nlohmann::json;

namespace {

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

fs::path source_path(const std::string& relative) {
  return fs::path(SDSIM_SOURCE_DIR) / relative;
}

// Enough of JSON Schema 2020-12 for the generated schemas; an unknown keyword fails the test, so the
// generator cannot emit a constraint this check silently skips.
class MiniValidator {
 public:
  explicit MiniValidator(json root) : root_(std::move(root)) {}

  std::vector<std::string> problems(const json& value) const {
    std::vector<std::string> out;
    check(root_, value, "", out);
    return out;
  }

 private:
  bool passes(const json& schema, const json& value) const {
    std::vector<std::string> out;
    check(schema, value, "", out);
    return out.empty();
  }

  static bool has_type(const json& value, const std::string& type) {
    if (type == "object") return value.is_object();
    if (type == "array") return value.is_array();
    if (type == "string") return value.is_string();
    if (type == "boolean") return value.is_boolean();
    if (type == "number") return value.is_number();
    if (type == "integer") {
      return value.is_number_integer() ||
             (value.is_number_float() && std::floor(value.get<double>()) == value.get<double>());
    }
    return false;
  }

  void check(const json& schema, const json& value, const std::string& at,
             std::vector<std::string>& out) const {
    static const std::set<std::string> annotations{"$schema", "title", "description", "default"};
    auto fail = [&](const std::string& what) { out.push_back((at.empty() ? "/" : at) + ": " + what); };
    for (auto it = schema.begin(); it != schema.end(); ++it) {
      const std::string& key = it.key();
      const json& k = it.value();
      if (annotations.count(key) || key == "$defs" || key == "then") continue;
      if (key == "$ref") {
        check(root_.at(json::json_pointer(k.get<std::string>().substr(1))), value, at, out);
      } else if (key == "type") {
        if (!has_type(value, k.get<std::string>())) fail("not of type " + k.get<std::string>());
      } else if (key == "enum") {
        if (std::find(k.begin(), k.end(), value) == k.end()) fail("not one of " + k.dump());
      } else if (key == "const") {
        if (value != k) fail("not " + k.dump());
      } else if (key == "minimum") {
        if (value.is_number() && value.get<double>() < k.get<double>()) fail("below " + k.dump());
      } else if (key == "maximum") {
        if (value.is_number() && value.get<double>() > k.get<double>()) fail("above " + k.dump());
      } else if (key == "exclusiveMinimum") {
        if (value.is_number() && value.get<double>() <= k.get<double>()) fail("not above " + k.dump());
      } else if (key == "exclusiveMaximum") {
        if (value.is_number() && value.get<double>() >= k.get<double>()) fail("not below " + k.dump());
      } else if (key == "minProperties" || key == "minItems") {
        if ((value.is_object() || value.is_array()) && value.size() < k.get<std::size_t>()) fail("too few");
      } else if (key == "maxProperties" || key == "maxItems") {
        if ((value.is_object() || value.is_array()) && value.size() > k.get<std::size_t>()) fail("too many");
      } else if (key == "required") {
        for (const json& name : k) {
          if (value.is_object() && !value.contains(name.get<std::string>())) fail("missing " + name.dump());
        }
      } else if (key == "properties") {
        for (auto p = k.begin(); p != k.end(); ++p) {
          if (value.is_object() && value.contains(p.key()))
            check(p.value(), value.at(p.key()), at + "/" + p.key(), out);
        }
      } else if (key == "additionalProperties") {
        if (!value.is_object()) continue;
        const json& declared = schema.contains("properties") ? schema.at("properties") : json::object();
        for (auto v = value.begin(); v != value.end(); ++v) {
          if (declared.contains(v.key())) continue;
          if (k.is_boolean()) {
            if (!k.get<bool>()) fail("unknown key \"" + v.key() + "\"");
          } else {
            check(k, v.value(), at + "/" + v.key(), out);
          }
        }
      } else if (key == "items" || key == "prefixItems") {
        if (!value.is_array()) continue;
        for (std::size_t i = 0; i < value.size(); ++i) {
          if (key == "items") check(k, value[i], at + "/" + std::to_string(i), out);
          if (key == "prefixItems" && i < k.size()) check(k[i], value[i], at + "/" + std::to_string(i), out);
        }
      } else if (key == "allOf") {
        for (const json& sub : k)
          check(sub, value, at, out);
      } else if (key == "oneOf") {
        int passing = 0;
        for (const json& sub : k)
          passing += passes(sub, value) ? 1 : 0;
        if (passing != 1) fail("matches " + std::to_string(passing) + " of the oneOf forms, not exactly one");
      } else if (key == "if") {
        if (passes(k, value) && schema.contains("then")) check(schema.at("then"), value, at, out);
      } else {
        fail("the test validator does not know the keyword \"" + key + "\"");
      }
    }
  }

  json root_;
};

json generated(const std::string& which) {
  auto schema = which == "design" ? design_schema(builtin_block_catalog()) : scenario_schema();
  return json::parse(schema_text(schema));
}

std::vector<fs::path> examples(const std::string& folder) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(source_path(folder))) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("The checked-in schemas are the generated ones, byte for byte", "[catalog][schema]") {
  for (std::string which : {"design", "scenario"}) {
    std::string file = "schemas/" + which + ".schema.json";
    INFO(file << " is out of date; regenerate it with: ./build/release/app/sdsim schema " << which << " > "
              << file);
    std::string text = which == "design" ? schema_text(design_schema(builtin_block_catalog()))
                                         : schema_text(scenario_schema());
    CHECK(read_text(source_path(file)) == text);
  }
}

TEST_CASE("Generating a schema twice gives the same bytes", "[catalog][schema]") {
  CHECK(schema_text(design_schema(builtin_block_catalog())) ==
        schema_text(design_schema(builtin_block_catalog())));
  CHECK(schema_text(scenario_schema()) == schema_text(scenario_schema()));
}

TEST_CASE("Every example design and scenario satisfies its schema and names it", "[catalog][schema]") {
  const std::vector<std::pair<std::string, std::string>> folders{{"designs", "design"},
                                                                 {"designs/scenarios", "scenario"}};
  for (const auto& [folder, which] : folders) {
    MiniValidator validator(generated(which));
    std::vector<fs::path> files = examples(folder);
    REQUIRE_FALSE(files.empty());
    for (const fs::path& file : files) {
      INFO(file.string());
      json doc = json::parse(read_text(file));
      std::vector<std::string> problems = validator.problems(doc);
      for (const std::string& p : problems)
        UNSCOPED_INFO(p);
      CHECK(problems.empty());
      REQUIRE(doc.contains("$schema"));
      fs::path named = file.parent_path() / doc["$schema"].get<std::string>();
      CHECK(fs::equivalent(named, source_path("schemas/" + which + ".schema.json")));
    }
  }
}

TEST_CASE("The design schema flags what the loader refuses", "[catalog][schema]") {
  MiniValidator validator(generated("design"));
  auto design_with = [](const std::string& block) {
    return json::parse(R"({ "blocks": { "api": )" + block + R"( }, "flows": { "f": { "entry": "api" } } })");
  };
  const std::string service = R"("service_time": { "dist": "constant", "value_ms": 1 })";
  CHECK(validator.problems(design_with(R"({ "kind": "station", )" + service + "}")).empty());
  CHECK(validator.problems(design_with(R"({ "kind": "station", "preset": "lambda-sync", )" + service + "}"))
            .empty());
  CHECK(validator
            .problems(
                design_with(R"({ "kind": "station", "next": [{ "to": "db", "p": 0.5 }], )" + service + "}"))
            .empty());

  const std::vector<std::string> bad_blocks{
      R"({ "kind": "station", "sevrers": 2, )" + service + "}",
      R"({ "kind": "statoin", )" + service + "}",
      R"({ "kind": "station", "servers": 0, )" + service + "}",
      R"({ "kind": "station", "servers": 2.5, )" + service + "}",
      R"({ "kind": "station", "preset": "lambda", )" + service + "}",
      R"({ "kind": "station" })",
      R"({ "kind": "station", "service_time": { "dist": "constant", "mean_ms": 1 } })",
      R"({ "kind": "station", "service_time": { "dist": "unifrom", "min_ms": 1, "max_ms": 2 } })",
      R"({ "kind": "station", "next": [{ "p": 0.5 }], )" + service + "}",
      R"({ "kind": "station", "next": [{ "to": "db", "p": 1.5 }], )" + service + "}",
      R"({ "servers": 2, )" + service + "}",
  };
  for (const std::string& bad : bad_blocks) {
    INFO(bad);
    CHECK_FALSE(validator.problems(design_with(bad)).empty());
  }
  CHECK_FALSE(validator.problems(json::parse(R"({ "blocks": {}, "flows": {} })")).empty());
  CHECK_FALSE(validator
                  .problems(json::parse(R"({ "nmae": "x", "blocks": { "a": { "kind": "station", )" + service +
                                        R"( } }, "flows": { "f": { "entry": "a" } } })"))
                  .empty());
}

TEST_CASE("The scenario schema flags what the loader refuses", "[catalog][schema]") {
  MiniValidator validator(generated("scenario"));
  auto scenario_with = [](const std::string& load) {
    return json::parse(R"({ "duration_s": 10, "load": { "f": )" + load + " } }");
  };
  CHECK(validator.problems(scenario_with(R"({ "type": "open", "rate_per_s": 5 })")).empty());
  CHECK(
      validator
          .problems(scenario_with(
              R"({ "type": "closed", "users": 5, "think_time": { "dist": "exponential", "mean_ms": 100 } })"))
          .empty());
  const std::vector<std::string> bad_loads{
      R"({ "type": "open" })",
      R"({ "type": "open", "rate_per_s": 5, "users": 3 })",
      R"({ "type": "opne", "rate_per_s": 5 })",
      R"({ "type": "closed", "users": 5 })",
      R"({ "type": "open", "rate_per_s": 0 })",
  };
  for (const std::string& bad : bad_loads) {
    INFO(bad);
    CHECK_FALSE(validator.problems(scenario_with(bad)).empty());
  }
  CHECK_FALSE(
      validator.problems(json::parse(R"({ "load": { "f": { "type": "open", "rate_per_s": 1 } } })")).empty());
  CHECK_FALSE(validator.problems(json::parse(R"({ "duration_s": 1, "replica": 2, "load": {} })")).empty());
}
