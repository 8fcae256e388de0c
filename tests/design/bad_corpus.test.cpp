// The corpus of bad inputs under tests/design/bad/: each <name>.expected lists the problems loading
// <name>.json must report, one per line, all at once, none missing and no extra ones:
//
//   LINE:COLUMN POINTER MESSAGE-SUBSTRING [| fix: HINT-SUBSTRING]
//
// POINTER is "" for the whole document; "*" in place of LINE:COLUMN or POINTER accepts any. Lines starting
// with
// '#' are comments, except these headers:
//   # load: PATH        load PATH (relative to bad/) instead of <name>.json (e.g. "." for a directory)
//   # design: PATH      for scenarios that load, check_scenario_fits against PATH (relative to the repository
//                       root); designs/checkout.json when not given
//   # known-bug: TEXT   the loader does not yet behave as the expected lines say; the test then requires that
//   it
//                       still misbehaves, so a fix is noticed and the header removed.
// The file name prefix decides the loader: design-* or scenario-*. A .expected file without its .json is the
// missing-file case.
#include <algorithm>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "design_test_support.hpp"
#include "sim/design/design.hpp"
#include "sim/design/scenario.hpp"

namespace fs = std::filesystem;
using namespace sdsim;

namespace {

struct Expectation {
  std::optional<std::pair<int, int>> position;  // none for "*"
  std::optional<std::string> pointer;           // none for "*"
  std::string message_part;
  std::string hint_part;
  std::string text;
};

struct CorpusEntry {
  std::string name;
  std::string load_path;
  std::string design_path;
  bool known_bug = false;
  std::vector<Expectation> expected;
};

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

Expectation parse_expectation(const std::string& line) {
  Expectation x;
  x.text = line;
  std::istringstream in(line);
  std::string position, pointer;
  in >> position >> pointer;
  std::string rest;
  std::getline(in, rest);
  rest = trim(rest);
  if (position != "*:*" && position != "*") {
    auto colon = position.find(':');
    REQUIRE(colon != std::string::npos);
    x.position = std::make_pair(std::stoi(position.substr(0, colon)), std::stoi(position.substr(colon + 1)));
  }
  if (pointer == "\"\"") {
    x.pointer = "";
  } else if (pointer != "*") {
    x.pointer = pointer;
  }
  auto fix = rest.find("| fix:");
  if (fix != std::string::npos) {
    x.hint_part = trim(rest.substr(fix + 6));
    rest = trim(rest.substr(0, fix));
  }
  x.message_part = rest;
  return x;
}

CorpusEntry read_entry(const fs::path& expected_file) {
  CorpusEntry entry;
  entry.name = expected_file.stem().string();
  entry.load_path = (expected_file.parent_path() / (entry.name + ".json")).string();
  entry.design_path = test::source_path("designs/checkout.json");
  std::istringstream in(test::read_text(expected_file.string()));
  for (std::string line; std::getline(in, line);) {
    line = trim(line);
    if (line.empty()) continue;
    if (line.rfind("# load:", 0) == 0) {
      entry.load_path = (expected_file.parent_path() / trim(line.substr(7))).string();
    } else if (line.rfind("# design:", 0) == 0) {
      entry.design_path = test::source_path(trim(line.substr(9)));
    } else if (line.rfind("# known-bug:", 0) == 0) {
      entry.known_bug = true;
    } else if (line[0] != '#') {
      entry.expected.push_back(parse_expectation(line));
    }
  }
  return entry;
}

bool matches(const Expectation& x, const Diagnostic& d) {
  if (x.position && (d.line != x.position->first || d.column != x.position->second)) return false;
  if (x.pointer && d.pointer != *x.pointer) return false;
  if (d.message.find(x.message_part) == std::string::npos) return false;
  return d.hint.find(x.hint_part) != std::string::npos;
}

std::string as_expected_line(const Diagnostic& d) {
  return std::to_string(d.line) + ":" + std::to_string(d.column) + " " +
         (d.pointer.empty() ? "\"\"" : d.pointer) + " " + d.message + "  [fix: " + d.hint + "]";
}

struct Outcome {
  Diagnostics diagnostics;
  bool accepted = false;  // the loader returned a value and, for scenarios, it fits the design
  std::string exception;  // what escaped the loader, if anything
};

Outcome run_loader(const CorpusEntry& entry) {
  Outcome out;
  try {
    if (entry.name.rfind("design-", 0) == 0) {
      Loaded<Design> loaded = load_design_file(entry.load_path);
      out.diagnostics = loaded.diagnostics;
      out.accepted = loaded.value.has_value();
    } else {
      Loaded<Scenario> loaded = load_scenario_file(entry.load_path);
      out.diagnostics = loaded.diagnostics;
      if (loaded.value) {
        Loaded<Design> design = load_design_file(entry.design_path);
        REQUIRE(design.value);
        out.diagnostics.append(check_scenario_fits(*loaded.value, *design.value));
        out.accepted = out.diagnostics.empty();
      }
    }
  } catch (const std::exception& e) {
    out.exception = e.what();
  }
  return out;
}

// Pairs every expectation with a distinct diagnostic; returns the unmatched on both sides.
void pair_up(const std::vector<Expectation>& expected, const Diagnostics& actual,
             std::vector<std::string>& missing, std::vector<std::string>& extra) {
  std::vector<bool> used(actual.size(), false);
  for (const Expectation& x : expected) {
    bool found = false;
    for (std::size_t i = 0; i < actual.size(); ++i) {
      if (!used[i] && matches(x, actual.items()[i])) {
        used[i] = true;
        found = true;
        break;
      }
    }
    if (!found) missing.push_back(x.text);
  }
  for (std::size_t i = 0; i < actual.size(); ++i) {
    if (!used[i]) extra.push_back(as_expected_line(actual.items()[i]));
  }
}

}  // namespace

TEST_CASE("Every bad input in the corpus reports exactly its expected problems",
          "[design][scenario][corpus]") {
  fs::path dir = test::source_path("tests/design/bad");
  REQUIRE(fs::is_directory(dir));
  std::vector<fs::path> expected_files, json_files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".expected") expected_files.push_back(e.path());
    if (e.path().extension() == ".json") json_files.push_back(e.path());
  }
  std::sort(expected_files.begin(), expected_files.end());
  REQUIRE(expected_files.size() >= 30);

  // Every corpus file has its sidecar.
  for (const fs::path& json : json_files) {
    INFO(json.filename().string() << " has no .expected sidecar");
    CHECK(fs::exists(fs::path(json).replace_extension(".expected")));
  }

  for (const fs::path& file : expected_files) {
    CorpusEntry entry = read_entry(file);
    INFO("corpus entry " << entry.name << " (loading " << entry.load_path << ")");
    bool design = entry.name.rfind("design-", 0) == 0, scenario = entry.name.rfind("scenario-", 0) == 0;
    REQUIRE((design || scenario));
    REQUIRE_FALSE(entry.expected.empty());

    Outcome outcome = run_loader(entry);
    std::vector<std::string> missing, extra;
    pair_up(entry.expected, outcome.diagnostics, missing, extra);
    bool hints = std::all_of(outcome.diagnostics.items().begin(), outcome.diagnostics.items().end(),
                             [](const Diagnostic& d) { return !d.hint.empty() && !d.message.empty(); });
    bool files = std::all_of(outcome.diagnostics.items().begin(), outcome.diagnostics.items().end(),
                             [&](const Diagnostic& d) { return !d.file.empty(); });
    bool as_expected =
        outcome.exception.empty() && !outcome.accepted && missing.empty() && extra.empty() && hints && files;

    std::string report;
    if (!outcome.exception.empty()) report += "exception escaped the loader: " + outcome.exception + "\n";
    for (const std::string& m : missing)
      report += "missing:    " + m + "\n";
    for (const std::string& x : extra)
      report += "unexpected: " + x + "\n";
    INFO(report);
    if (entry.known_bug) {
      INFO("marked known-bug, but now behaves as expected: remove the known-bug header from "
           << file.string());
      CHECK_FALSE(as_expected);
    } else {
      CHECK(outcome.exception.empty());
      CHECK_FALSE(outcome.accepted);
      CHECK(missing.empty());
      CHECK(extra.empty());
      CHECK(hints);
      CHECK(files);
    }
  }
}
