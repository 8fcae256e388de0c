// sdsim sweep and sdsim merge as a user meets them: help, a small sweep end to end, results that do not
// depend on --jobs or on sharding, and clear refusals.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "cli_test_support.hpp"

using namespace sdsim::cli_test;

namespace {

// Four points of the URL shortener over short runs: a few tenths of a second in all.
const std::string small_sweep =
    "sweep designs/url-shortener.json --set blocks/api/instances=2:5:1 --set duration_s=3 --set warmup_s=1 "
    "--replications 2";

}  // namespace

TEST_CASE("sweep and merge explain themselves with --help", "[cli][sweep]") {
  for (const char* args : {"sweep --help", "help sweep", "merge --help", "help merge"}) {
    Outcome o = run_sdsim(args);
    INFO(args << "\n" << o.output);
    REQUIRE(o.status == 0);
    REQUIRE(contains(o.output, "Usage: sdsim"));
    REQUIRE(contains(o.output, "Examples:"));
  }
  REQUIRE(contains(run_sdsim("--help").output, "sweep DESIGN"));
}

TEST_CASE("A small sweep prints its table and writes its JSON and CSV", "[cli][sweep]") {
  auto dir = temp_dir("sweep");
  Outcome o = run_sdsim(small_sweep + " --jobs 2 --out " + (dir / "small").string());
  INFO(o.output);
  REQUIRE(o.status == 0);
  REQUIRE(contains(o.output, "4 points"));
  REQUIRE(contains(o.output, "blocks/api/instances"));
  REQUIRE(contains(o.output, "redirect p99 (ms)"));
  REQUIRE(contains(o.output, "cost (USD/month)"));
  REQUIRE(contains(o.output, "frontier"));
  REQUIRE_FALSE(contains(o.output, "sweeping ["));  // no progress bar when stderr is not a terminal
  const std::string json = read_file(dir / "small.json");
  REQUIRE(contains(json, R"("format": "sdsim.sweep/1")"));
  REQUIRE(contains(json, R"("p99_vs_cost": true)"));
  const std::string csv = read_file(dir / "small.csv");
  REQUIRE(count_lines(csv) == 5);
  REQUIRE(csv.rfind("index,blocks/api/instances,", 0) == 0);
  std::filesystem::remove_all(dir);
}

TEST_CASE("Parallel and serial sweeps give identical results", "[cli][sweep]") {
  auto dir = temp_dir("sweep");
  Outcome serial = run_sdsim(small_sweep + " --jobs 1 --out " + (dir / "serial").string());
  Outcome parallel = run_sdsim(small_sweep + " --jobs 3 --out " + (dir / "parallel").string());
  REQUIRE(serial.status == 0);
  REQUIRE(parallel.status == 0);
  REQUIRE(read_file(dir / "serial.json") == read_file(dir / "parallel.json"));
  REQUIRE(read_file(dir / "serial.csv") == read_file(dir / "parallel.csv"));
  REQUIRE_FALSE(read_file(dir / "serial.json").empty());
  std::filesystem::remove_all(dir);
}

TEST_CASE("Sharded and merged equals unsharded, byte for byte", "[cli][sweep]") {
  auto dir = temp_dir("sweep");
  const std::string d = dir.string() + "/";
  REQUIRE(run_sdsim(small_sweep + " --out " + d + "whole").status == 0);
  for (int k = 1; k <= 3; ++k) {
    Outcome shard = run_sdsim(small_sweep + " --shard " + std::to_string(k) + "/3 --json " + d + "part-" +
                              std::to_string(k) + ".json");
    INFO(shard.output);
    REQUIRE(shard.status == 0);
    REQUIRE(contains(shard.output, "shard " + std::to_string(k) + "/3 holds " + (k == 1 ? "2" : "1")));
  }
  Outcome merged = run_sdsim("merge " + d + "merged.json " + d + "part-3.json " + d + "part-1.json " + d +
                             "part-2.json --csv " + d + "merged.csv");
  INFO(merged.output);
  REQUIRE(merged.status == 0);
  REQUIRE(read_file(dir / "merged.json") == read_file(dir / "whole.json"));
  REQUIRE(read_file(dir / "merged.csv") == read_file(dir / "whole.csv"));

  Outcome missing = run_sdsim("merge " + d + "m.json " + d + "part-1.json " + d + "part-2.json");
  REQUIRE(missing.status == 1);
  REQUIRE(contains(missing.output, "1 of 4 points are missing (2)"));
  Outcome twice = run_sdsim("merge " + d + "m.json " + d + "part-1.json " + d + "part-1.json");
  REQUIRE(twice.status == 1);
  REQUIRE(contains(twice.output, "is given twice"));
  REQUIRE(run_sdsim(small_sweep + " --seed 5 --shard 3/3 --json " + d + "other.json").status == 0);
  Outcome other =
      run_sdsim("merge " + d + "m.json " + d + "part-1.json " + d + "part-2.json " + d + "other.json");
  REQUIRE(other.status == 1);
  REQUIRE(contains(other.output, "other.json is not a shard of the same sweep as"));
  REQUIRE(contains(other.output, "the seed differs"));
  Outcome overwrite = run_sdsim("merge " + d + "part-1.json " + d + "part-2.json " + d + "part-3.json");
  REQUIRE(overwrite.status == 2);
  REQUIRE(contains(overwrite.output, "is a shard; the first file is the output"));
  Outcome not_sweep = run_sdsim("merge " + d + "m.json designs/mm1.json");
  REQUIRE(not_sweep.status == 1);
  REQUIRE(contains(not_sweep.output, "not an sdsim sweep file"));
  REQUIRE_FALSE(std::filesystem::exists(dir / "m.json"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("A point that does not load stops the sweep before anything runs", "[cli][sweep]") {
  auto dir = temp_dir("sweep");
  Outcome o = run_sdsim(
      "sweep designs/url-shortener.json --set blocks/api/instances=0,2 --set load/redirect/rate_per_s=10,20 "
      "--json " +
      (dir / "bad.json").string());
  INFO(o.output);
  REQUIRE(o.status == 1);
  REQUIRE(contains(o.output, "2 of 4 points do not load; nothing was run"));
  REQUIRE(contains(o.output,
                   "point 0 (--set blocks/api/instances=0 --set load/redirect/rate_per_s=10) and 1 more"));
  REQUIRE(contains(o.output, "value from --set blocks/api/instances=0"));
  REQUIRE_FALSE(std::filesystem::exists(dir / "bad.json"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("sweep refuses a wrong command line with the reason", "[cli][sweep]") {
  auto refused = [](const std::string& args, const std::string& reason) {
    Outcome o = run_sdsim(args);
    INFO(args << "\n" << o.output);
    REQUIRE(o.status == 2);
    REQUIRE(contains(o.output, reason));
  };
  refused("sweep designs/mm1.json --set blocks/server/servers=4:1:1", "hi is below lo");
  refused("sweep designs/mm1.json --set blocks/server/servers=1:1000:1 --set duration_s=1:1000:1",
          "sdsim sweep runs at most 100000");
  refused("sweep designs/mm1.json --shard 2/2", "--shard needs --json FILE or --out PREFIX");
  refused("sweep designs/mm1.json --shard 2/2 --json a.json --csv a.csv", "a shard writes only its JSON");
  refused("sweep designs/mm1.json --shard 3/2 --json a.json", "--shard must be K/N");
  refused("sweep designs/mm1.json --jobs 0", "--jobs must be a whole number from 1");
  refused("sweep designs/mm1.json --pareto checkout", "the design has no such flow (its flows: requests)");
  refused("sweep designs/mm1.json --out a --json a.json", "not both");
  refused("sweep", "give exactly one design file");
}
