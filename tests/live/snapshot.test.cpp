// Snapshots as clients see them: built from a window's plain figures, and read back from their JSON line.
#include "live/snapshot.hpp"

#include <catch2/catch.hpp>

#include "live/snapshot_builder.hpp"

using namespace sdsim;
using namespace sdsim::live;

TEST_CASE("A snapshot turns a window's counts into rates, shares and health words") {
  WindowFigures w;
  w.span_s = 2;
  w.flows = {{.completed = 90, .failed = 10, .ended = {90, 0, 0, 4, 6, 0}, .p50_ms = 3, .p99_ms = 9}, {}};
  w.blocks = {{.arrivals = 100},
              {.arrivals = 100, .completions = 98, .rejections = 2, .servers = 4, .utilization = 0.5},
              {.arrivals = 100, .completions = 100, .servers = 2, .utilization = 0.85, .in_system = 7}};
  std::vector<FaultEntry> faults(2);
  faults[0].spec.type = "az_power_interruption";  // over: not listed
  faults[1].id = 1;
  faults[1].active = true;
  faults[1].spec.type = "brownout";
  faults[1].spec.block = "db";
  faults[1].spec.start_s = 4;
  faults[1].spec.duration_s = 10;
  const std::vector<std::string> flows{"browse", "buy"};
  const std::vector<BlockName> blocks{
      {"client:browse", "open_source"}, {"api", "compute"}, {"db", "station"}};
  const Snapshot s = build_snapshot(w, flows, blocks, 1, faults);
  REQUIRE(s.flows.size() == 2);
  CHECK(s.flows[0].throughput_per_s == 45);
  CHECK(s.flows[0].success == 0.9);
  CHECK(s.flows[1].success == 1);
  REQUIRE(s.flows[0].failed_by.size() == 2);
  CHECK(s.flows[0].failed_by[0] == std::pair<std::string, std::uint64_t>{"unavailable", 4});
  CHECK(s.flows[0].failed_by[1] == std::pair<std::string, std::uint64_t>{"timeout", 6});
  REQUIRE(s.blocks.size() == 2);
  CHECK(s.blocks[0].name == "api");
  CHECK(s.blocks[0].health == "failing");
  CHECK(s.blocks[1].health == "busy");
  CHECK(s.blocks[1].in_system == 7);
  REQUIRE(s.faults.size() == 1);
  CHECK(s.faults[0].id == 1);
  CHECK(s.faults[0].target == "db");
}

TEST_CASE("A snapshot's JSON line reads back to the same values") {
  Snapshot s;
  s.seq = 12;
  s.state = "paused";
  s.t_s = 31.5;
  s.end_s = 70;
  s.window_s = 0.5;
  s.speed = 4;
  s.sent_unix_ms = 1.7e12;
  s.flows.push_back({"redirect", 2900.5, 0.998, 3, {{"rejected", 1}, {"timeout", 2}}, 1.9, 7.25});
  s.blocks.push_back({"api", "compute", 0.42, 5.5, 6, 12, 1000, 990, 1, 0.001, "ok"});
  s.faults.push_back({2, "az_power_interruption", "use1-az1", 30, 60});
  s.faults.push_back({3, "instance_termination", "api", 31, 0});
  s.calls.push_back({"checkout: client -> web", 1200, 4800, 3600, 4800});
  const std::string line = to_json_line(s);
  CHECK(line.back() == '\n');
  CHECK(line.find("\"format\":\"sdsim.snapshot/1\"") != std::string::npos);
  auto back = snapshot_from_json(line);
  REQUIRE(back);
  CHECK(to_json_line(*back) == line);
  CHECK_FALSE(snapshot_from_json("{\"format\": \"sdsim.reply/1\"}"));
  CHECK_FALSE(snapshot_from_json("{\"format\": \"sdsim.snapshot/1\", \"seq\": \"x\"}"));
  CHECK_FALSE(snapshot_from_json("garbage"));
}
