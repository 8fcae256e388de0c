// The sdsim program as a user meets it: help, validation, runs, outputs and exit codes.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli_test_support.hpp"

using namespace sdsim::cli_test;

TEST_CASE("Every command explains itself with --help", "[cli]") {
  for (const char* args :
       {"--help", "help", "run --help", "validate --help", "help run", "compare --help", "help compare"}) {
    Outcome o = run_sdsim(args);
    INFO(args << "\n" << o.output);
    REQUIRE(o.status == 0);
    REQUIRE(contains(o.output, "Usage"));
    REQUIRE(contains(o.output, "sdsim"));
  }
  Outcome none = run_sdsim("");
  REQUIRE(none.status == 2);
  Outcome unknown = run_sdsim("frobnicate");
  REQUIRE(unknown.status == 2);
  REQUIRE(contains(unknown.output, "unknown command 'frobnicate'"));
}

TEST_CASE("validate accepts the example designs and scenarios", "[cli]") {
  Outcome o = run_sdsim(
      "validate designs/checkout.json designs/scenarios/checkout-steady.json "
      "designs/scenarios/checkout-users.json");
  INFO(o.output);
  REQUIRE(o.status == 0);
  REQUIRE(contains(o.output, "ok: designs/checkout.json"));
  REQUIRE(contains(o.output, "ok: designs/scenarios/checkout-users.json"));
}

TEST_CASE("validate checks --set values as run would, without touching the files", "[cli]") {
  Outcome good = run_sdsim(
      "validate designs/checkout.json designs/scenarios/checkout-steady.json --set blocks/api/servers=64 "
      "--set load/checkout/rate_per_s=900");
  INFO(good.output);
  REQUIRE(good.status == 0);
  Outcome bad = run_sdsim(
      "validate designs/checkout.json designs/scenarios/checkout-steady.json --set blocks/api/servers=0 "
      "--set load/checkout/rate_per_s=-1");
  INFO(bad.output);
  REQUIRE(bad.status == 1);
  REQUIRE(contains(
      bad.output, "/blocks/api/servers: must be at least 1 (got 0) (value from --set blocks/api/servers=0)"));
  REQUIRE(contains(bad.output, "/load/checkout/rate_per_s"));
  REQUIRE(contains(bad.output, "(value from --set load/checkout/rate_per_s=-1)"));
  Outcome malformed = run_sdsim("validate designs/checkout.json --set servers");
  REQUIRE(malformed.status == 2);
  REQUIRE(contains(malformed.output, "expected PATH=VALUE"));
}

TEST_CASE("validate reports every problem with file, line, column and a fix", "[cli]") {
  auto dir = temp_dir("cli");
  std::ofstream(dir / "bad.json") << R"({
  "blocks": {
    "api": { "kind": "station", "servers": 0, "replica": 2,
             "service_time": { "dist": "exponential", "mean_ms": -1 },
             "next": [ { "to": "dbb" } ] },
    "db": { "kind": "station", "service_time": { "dist": "constant", "value_ms": 1 } }
  },
  "flows": { "main": { "entry": "api" } }
})";
  Outcome o = run_sdsim("validate " + (dir / "bad.json").string());
  INFO(o.output);
  REQUIRE(o.status == 1);
  REQUIRE(contains(o.output, "bad.json:3:33: error: /blocks/api/servers: must be at least 1 (got 0)"));
  REQUIRE(contains(o.output, "unknown key \"replica\""));
  REQUIRE(contains(o.output, "/blocks/api/service_time/mean_ms"));
  REQUIRE(contains(o.output, "route target \"dbb\" is not a block of this design"));
  REQUIRE(contains(o.output, "did you mean \"db\"?"));
  REQUIRE(contains(o.output, "fix:"));
}

TEST_CASE("validate explains a missing file and invalid JSON", "[cli]") {
  auto dir = temp_dir("cli");
  Outcome missing = run_sdsim("validate " + (dir / "nope.json").string());
  REQUIRE(missing.status == 1);
  REQUIRE(contains(missing.output, "cannot open the file"));
  std::ofstream(dir / "broken.json") << "{\n  \"blocks\": {\n    \"a\": 1,\n  }\n}\n";
  Outcome broken = run_sdsim("validate " + (dir / "broken.json").string());
  INFO(broken.output);
  REQUIRE(broken.status == 1);
  REQUIRE(contains(broken.output, "broken.json:4:3: error: invalid JSON"));
}

TEST_CASE("run prints a report with units and writes JSON atomically", "[cli]") {
  auto dir = temp_dir("cli");
  auto json = dir / "result.json";
  Outcome o = run_sdsim("run designs/mm1.json --replications 2 --json " + json.string());
  INFO(o.output);
  REQUIRE(o.status == 0);
  for (const char* part : {"End to end", "p99 ms", "util %", "server", "done/s"})
    REQUIRE(contains(o.output, part));
  std::string written = read_file(json);
  REQUIRE(contains(written, "\"format\": \"sdsim.result/1\""));
  // No temporary file is left beside the output.
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    REQUIRE_FALSE(contains(entry.path().filename().string(), ".tmp-"));
  }
}

TEST_CASE("The same design, scenario and seed give byte-identical JSON; another seed does not",
          "[cli][determinism]") {
  auto dir = temp_dir("cli");
  const std::string base = "run designs/checkout.json --quiet --fingerprint --replications 2 ";
  REQUIRE(run_sdsim(base + "--seed 5 --json " + (dir / "a.json").string()).status == 0);
  REQUIRE(run_sdsim(base + "--seed 5 --json " + (dir / "b.json").string()).status == 0);
  REQUIRE(run_sdsim(base + "--seed 6 --json " + (dir / "c.json").string()).status == 0);
  // Replications one after another give the same bytes as replications at once.
  REQUIRE(run_sdsim(base + "--seed 5 --jobs 1 --json " + (dir / "serial.json").string()).status == 0);
  std::string a = read_file(dir / "a.json"), b = read_file(dir / "b.json"), c = read_file(dir / "c.json");
  REQUIRE(!a.empty());
  REQUIRE(a == b);
  REQUIRE(a == read_file(dir / "serial.json"));
  REQUIRE(a != c);
  REQUIRE(contains(a, "\"event_fingerprints\""));
}

TEST_CASE("run --windows puts the per-window consistency series in the JSON, and only then", "[cli]") {
  auto dir = temp_dir("cli-windows");
  const std::string base =
      "run designs/profile-consistency.json --quiet --set scenario:duration_s=20 --json ";
  REQUIRE(run_sdsim(base + (dir / "plain.json").string()).status == 0);
  Outcome o = run_sdsim(base + (dir / "windows.json").string() + " --windows");
  INFO(o.output);
  REQUIRE(o.status == 0);
  const std::string plain = read_file(dir / "plain.json");
  const std::string windows = read_file(dir / "windows.json");
  REQUIRE(contains(plain, "\"consistency\""));
  CHECK_FALSE(contains(plain, "\"stale_pct\""));
  CHECK(contains(windows, "\"stale_pct\""));
  CHECK(contains(windows, "\"stale_p99_ms\""));
}

TEST_CASE("run refuses bad command lines with exit code 2", "[cli]") {
  REQUIRE(run_sdsim("run").status == 2);
  REQUIRE(run_sdsim("run designs/mm1.json --replications 0").status == 2);
  REQUIRE(run_sdsim("run designs/mm1.json --seed -3").status == 2);
  Outcome jobs = run_sdsim("run designs/mm1.json --jobs 0");
  REQUIRE(jobs.status == 2);
  REQUIRE(contains(jobs.output, "--jobs must be a whole number from 1 to 1024 (got '0')"));
  REQUIRE(run_sdsim("compare designs/mm1.json designs/mm1.json --jobs many").status == 2);
  Outcome typo = run_sdsim("run designs/mm1.json --sede 3");
  REQUIRE(typo.status == 2);
  REQUIRE(contains(typo.output, "did you mean '--seed'"));
}

TEST_CASE("run refuses a scenario that does not fit the design", "[cli]") {
  auto dir = temp_dir("cli");
  std::ofstream(dir / "s.json")
      << R"({"duration_s": 10, "load": {"request": {"type": "open", "rate_per_s": 5}}})";
  Outcome o = run_sdsim("run designs/mm1.json --scenario " + (dir / "s.json").string());
  INFO(o.output);
  REQUIRE(o.status == 1);
  REQUIRE(contains(o.output, "has no flow \"request\""));
  REQUIRE(contains(o.output, "did you mean \"requests\"?"));
}

TEST_CASE("run reports a bad design's and a bad scenario's problems together", "[cli]") {
  auto dir = temp_dir("cli");
  std::ofstream(dir / "d.json") << R"({"name": "d", "blocks": {}, "flows": {}, "colour": 1})";
  std::ofstream(dir / "s.json") << R"({"duration_s": -1, "load": {}})";
  Outcome both = run_sdsim("run " + (dir / "d.json").string() + " --scenario " + (dir / "s.json").string());
  INFO(both.output);
  REQUIRE(both.status == 1);
  REQUIRE(contains(both.output, "d.json:1:42: error: /colour: unknown key \"colour\""));
  REQUIRE(contains(both.output, "s.json:1:2: error: /duration_s: must be at least 0.001 s (got -1)"));
  // Without --scenario the bad design's own default cannot be trusted: its problems alone.
  Outcome alone = run_sdsim("run " + (dir / "d.json").string());
  REQUIRE(alone.status == 1);
  REQUIRE(contains(alone.output, "/colour"));
  REQUIRE_FALSE(contains(alone.output, "s.json"));
}

TEST_CASE("An unwritable output is an error, and nothing the user wrote is lost", "[cli]") {
  auto dir = temp_dir("cli");
  Outcome o = run_sdsim("run designs/mm1.json --replications 1 --quiet --json " + dir.string());
  REQUIRE(o.status == 3);
  REQUIRE(contains(o.output, "is a directory"));
  REQUIRE(std::filesystem::is_directory(dir));
}

TEST_CASE("run puts a verdict per flow with objectives first, then its detail, and the figures in JSON",
          "[cli][slo]") {
  auto dir = temp_dir("cli");
  // M/M/1 at rho 0.8: sojourn ~ Exp(20/s), so 37% of completions take over 50 ms and fewer than 0.01% over
  // 500 ms; nothing fails.
  auto scenario = [&](const std::string& name, double latency_ms) {
    std::ofstream(dir / name)
        << R"({"duration_s": 60, "warmup_s": 5, "window_s": 10, "load": {"requests": )"
           R"({"type": "open", "rate_per_s": 80}}, "slos": {"requests": {"latency_ms": )"
        << latency_ms << R"(, "availability": 99.9}}})";
    return (dir / name).string();
  };
  Outcome missed = run_sdsim("run designs/mm1.json --scenario " + scenario("missed.json", 50) + " --json " +
                             (dir / "missed-result.json").string());
  INFO(missed.output);
  REQUIRE(missed.status == 0);
  REQUIRE(contains(missed.output, "  requests: SLO missed: p99 "));
  REQUIRE(contains(missed.output,
                   "ms > 50 ms, availability 100.00% >= 99.9%, error budget 0% spent; first "
                   "breach at 5 s\n"));
  // The verdict comes before the tables, the detail after them.
  REQUIRE(missed.output.find("SLO missed") < missed.output.find("End to end"));
  REQUIRE(contains(missed.output, "SLO detail (windows of 10 s from 5 s"));
  REQUIRE(contains(missed.output, "slow (> 50 ms) "));
  REQUIRE(contains(missed.output, "windows meeting every objective: 0.0% of 6 with requests"));
  std::string json = read_file(dir / "missed-result.json");
  for (const char* part : {"\"slos\": [", "\"error_budget_spent\"", "\"first_breach_s\"", "\"windows\"",
                           "\"start_s\": [", "\"met\": ["})
    REQUIRE(contains(json, part));

  Outcome met = run_sdsim("run designs/mm1.json --scenario " + scenario("met.json", 500));
  INFO(met.output);
  REQUIRE(met.status == 0);
  REQUIRE(contains(met.output, "  requests: SLO met: p99 "));
  REQUIRE(contains(met.output, "ms <= 500 ms, availability 100.00% >= 99.9%, error budget 0% spent\n"));
  REQUIRE_FALSE(contains(met.output, "first breach"));
}

TEST_CASE("compare prints designs side by side with paired deltas and writes JSON", "[cli]") {
  auto dir = temp_dir("cli");
  auto json = dir / "compare.json";
  Outcome o = run_sdsim("compare designs/mm1.json designs/mm1.json --replications 2 --json " + json.string());
  INFO(o.output);
  REQUIRE(o.status == 0);
  for (const char* part : {"common random numbers", "Δ +0.000 ±0.000", "Verdict", "no clear best"})
    CHECK(contains(o.output, part));
  CHECK(contains(read_file(json), "\"format\": \"sdsim.comparison/1\""));
  Outcome one = run_sdsim("compare designs/mm1.json");
  CHECK(one.status == 2);
  CHECK(contains(one.output, "at least two design files"));
}
