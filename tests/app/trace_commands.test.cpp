// Recording and replaying runs from the command line: 'sdsim run --trace/--csv' and 'sdsim viz' with its
// messages for bad traces and missing displays.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli_test_support.hpp"
#include "trace/trace_json.hpp"

using namespace sdsim::cli_test;

namespace {

const std::string outage =
    "designs/url-shortener.json --scenario designs/scenarios/url-shortener-az-outage.json";

}  // namespace

TEST_CASE("A run records its trace and per-window CSV files", "[cli][trace]") {
  const auto dir = temp_dir("trace");
  const auto trace_path = dir / "outage.trace";
  const auto csv = dir / "csv";
  const Outcome r = run_sdsim("run " + outage + " --replications 1 --quiet --trace " + trace_path.string() +
                              " --csv " + csv.string());
  INFO(r.output);
  REQUIRE(r.status == 0);
  const sdsim::trace::ReadResult read = sdsim::trace::read_trace_file(trace_path.string());
  INFO(read.error);
  REQUIRE(read.trace);
  const sdsim::trace::Trace& t = *read.trace;
  SECTION("the trace holds the topology, the fault and one line per window") {
    CHECK(t.windows.size() == 120);  // 120 s in 1 s windows
    CHECK(t.start_s == 10);
    CHECK(t.end_s == 130);
    REQUIRE(t.faults.size() == 1);
    CHECK(t.faults[0].zones == std::vector<std::string>{"use1-az2"});
    CHECK(t.faults[0].start_s == 40);
    CHECK(t.topology.regions.size() == 1);
    CHECK_FALSE(t.topology.edges.empty());
    CHECK(t.topology.edges[0].from == "client");
    // Every window, every flow: the windows' completions add up to the headline throughput.
    double completed = 0;
    for (const auto& w : t.windows)
      completed += static_cast<double>(w.flows[0].completed);
    CHECK(completed / 120 == Approx(t.headline.flows[0].throughput_per_s));
  }
  SECTION("the CSV files have a row per window and flow, and per window and block") {
    const std::string flows = read_file(csv / "flows.csv");
    const std::string blocks = read_file(csv / "blocks.csv");
    CHECK(flows.rfind("window_start_s,window_end_s,flow,completed,rejected,throttled,unavailable", 0) == 0);
    CHECK(count_lines(flows) == 1 + 120 * t.flows.size());
    CHECK(count_lines(blocks) == 1 + 120 * t.topology.blocks.size());
    CHECK(contains(flows, "\n10,11,redirect,"));
    // Stale reads per window: counts, their share in percent and the stale ages' p99, per flow and block.
    CHECK(contains(flows, ",reads,stale_reads,stale_pct,stale_p99_ms\n"));
    CHECK(contains(blocks, ",in_system_end,reads,stale_reads,stale_pct,usd_per_hour\n"));
    // Every block of this design is priced: each row ends with its cost per hour, not an empty field.
    CHECK_FALSE(contains(blocks, ",\n"));
  }
  SECTION("the trace holds each block's cost, and theory beside the simulation for its stations") {
    REQUIRE(t.block_figures.size() == t.topology.blocks.size());
    int priced = 0, checked = 0;
    for (const auto& f : t.block_figures) {
      priced += f.usd_per_month && *f.usd_per_month > 0 ? 1 : 0;
      checked += f.theory ? 1 : 0;
    }
    CHECK(priced > 0);
    SECTION("an unpriced block has no cost rather than $0") {
      const auto mm1 = dir / "mm1.trace";
      REQUIRE(run_sdsim("run designs/mm1.json --quiet --trace " + mm1.string()).status == 0);
      const auto plain = sdsim::trace::read_trace_file(mm1.string());
      REQUIRE(plain.trace);
      REQUIRE_FALSE(plain.trace->block_figures.empty());
      CHECK_FALSE(plain.trace->block_figures[0].usd_per_month);
    }
    CHECK(checked > 0);
  }
  SECTION("each window holds each priced block's cost per hour, by the run's cost model") {
    double span = 0;
    std::vector<double> usd(t.topology.blocks.size(), 0);
    double previous = t.start_s;
    for (const auto& w : t.windows) {
      const double length = w.end_s - previous;
      previous = w.end_s;
      span += length;
      for (std::size_t b = 0; b < w.blocks.size(); ++b) {
        CHECK(w.blocks[b].usd_per_hour.has_value() == t.block_figures[b].usd_per_month.has_value());
        usd[b] += w.blocks[b].usd_per_hour.value_or(0) * length / 3600;
      }
    }
    // Windows add up to the run's cost: the cache's nodes and the table's capacity, which do not change,
    // and the API's fleet, which loses instances in the outage (each window bills its own average fleet).
    for (const std::string name : {"cache", "urls", "api"}) {
      INFO(name);
      const auto it = std::find_if(t.topology.blocks.begin(), t.topology.blocks.end(),
                                   [&](const auto& b) { return b.name == name; });
      REQUIRE(it != t.topology.blocks.end());
      const auto b = static_cast<std::size_t>(it - t.topology.blocks.begin());
      REQUIRE(t.block_figures[b].usd_per_month);
      CHECK(usd[b] / span * 3600 * 730 == Approx(*t.block_figures[b].usd_per_month).epsilon(1e-9));
    }
  }
  SECTION("the trace holds the t-visibility curve of a flow whose reads were judged") {
    REQUIRE_FALSE(t.visibility.empty());
    CHECK_FALSE(t.visibility[0].bins.empty());
    for (const auto& b : t.visibility[0].bins) {
      CHECK(b.reads > 0);
      CHECK(b.fresh_fraction >= 0);
      CHECK(b.fresh_fraction <= 1);
    }
  }
  SECTION("viz --inspect names the blocks when asked for one the design lacks") {
    const Outcome refused = run_sdsim("viz --trace " + trace_path.string() + " --png " +
                                      (dir / "x.png").string() + " --inspect nope");
    CHECK(refused.status == 2);
    CHECK(contains(refused.output, "--inspect nope: the design has no such block; its blocks are: "));
    CHECK(contains(refused.output, t.topology.blocks[0].name));
    // The window too: the name is checked before a window would open.
    const Outcome window = run_sdsim("viz --trace " + trace_path.string() + " --inspect nope");
    CHECK(window.status == 2);
    CHECK(contains(window.output, "--inspect nope: the design has no such block"));
    // And the window on a live session, before it connects.
    const Outcome live = run_sdsim("viz " + outage + " --connect 127.0.0.1:9 --inspect nope");
    CHECK(live.status == 2);
    CHECK(contains(live.output, "--inspect nope: the design has no such block; its blocks are: "));
    CHECK(contains(live.output, t.topology.blocks[0].name));
  }
  SECTION("viz --inspect BLOCK opens the window (or draws the frames) with the block inspected") {
    // Without a display the window cannot open: the option itself is accepted, the display is what is
    // missing.
    const std::string api = t.topology.blocks[1].name;
    const Outcome window =
        run_sdsim("viz --trace " + trace_path.string() + " --inspect " + api, "env -u DISPLAY ");
    CHECK(window.status == 3);
    CHECK(contains(window.output, "--png"));
    CHECK_FALSE(contains(window.output, "--inspect"));
    const Outcome frames = run_sdsim(
        "viz --trace " + trace_path.string() + " --frames " + (dir / "frames").string() + " --inspect " + api,
        "env -u DISPLAY ");
    CHECK(frames.status == 3);
    CHECK_FALSE(contains(frames.output, "--inspect"));
    // --inspect with --at but no --png is still refused: --at is the PNG's moment.
    CHECK(run_sdsim("viz --trace " + trace_path.string() + " --inspect " + api + " --at 5").status == 2);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("viz explains bad traces, bad options and a missing display", "[cli][trace]") {
  const auto dir = temp_dir("trace");
  SECTION("a missing trace") {
    const Outcome r = run_sdsim("viz --trace " + (dir / "none.trace").string() + " --png x.png");
    CHECK(r.status == 1);
    CHECK(contains(r.output, "cannot open the trace file"));
  }
  SECTION("a trace cut off mid-line") {
    std::ofstream(dir / "cut.trace") << "{\"format\":\"sdsim.trace/1\",\"design\":\"d\"";
    const Outcome r = run_sdsim("viz --trace " + (dir / "cut.trace").string() + " --png x.png");
    CHECK(r.status == 1);
    CHECK(contains(r.output, "cut.trace:1: the file ends in the middle of this line"));
  }
  SECTION("a trace of another version") {
    std::ofstream(dir / "old.trace") << "{\"format\":\"sdsim.trace/0\"}\n";
    const Outcome r = run_sdsim("viz --trace " + (dir / "old.trace").string() + " --png x.png");
    CHECK(r.status == 1);
    CHECK(contains(r.output, "this sdsim reads \"sdsim.trace/1\""));
  }
  SECTION("a design and a trace together, or a PNG name without .png") {
    CHECK(run_sdsim("viz designs/mm1.json --trace t.trace").status == 2);
    CHECK(run_sdsim("viz designs/mm1.json --png out.jpg").status == 2);
    CHECK(run_sdsim("viz designs/mm1.json --at 5").status == 2);
  }
  SECTION("no display: the window and the PNG both suggest --png under xvfb-run") {
    const Outcome window = run_sdsim("viz designs/mm1.json --set scenario:duration_s=5", "env -u DISPLAY ");
    CHECK(window.status == 3);
    CHECK(contains(window.output, "xvfb-run -a"));
    CHECK(contains(window.output, "--png"));
    const Outcome png =
        run_sdsim("viz designs/mm1.json --png " + (dir / "x.png").string(), "env -u DISPLAY ");
    CHECK(png.status == 3);
    CHECK(contains(png.output, "xvfb-run -a"));
    CHECK_FALSE(std::filesystem::exists(dir / "x.png"));
  }
  SECTION("a sweep view: a PNG only, from a sweep result file") {
    CHECK(run_sdsim("viz --sweep s.json").status == 2);
    CHECK(run_sdsim("viz --sweep s.json --png x.png --trace t.trace").status == 2);
    const Outcome missing = run_sdsim("viz --sweep " + (dir / "none.json").string() + " --png x.png");
    CHECK(missing.status == 1);
    CHECK(contains(missing.output, "sdsim sweep ... --json FILE"));
    std::ofstream(dir / "not-a-sweep.json") << "{\"format\": \"sdsim.trace/1\"}\n";
    const Outcome foreign = run_sdsim("viz --sweep " + (dir / "not-a-sweep.json").string() + " --png x.png");
    CHECK(foreign.status == 1);
    CHECK(contains(foreign.output, "not an sdsim sweep file"));
  }
  SECTION("a comparison wants two designs, one scenario and a PNG") {
    CHECK(run_sdsim("viz --compare designs/mm1.json --scenario s.json --png x.png").status == 2);
    CHECK(run_sdsim("viz --compare designs/mm1.json designs/mm1.json --png x.png").status == 2);
    CHECK(run_sdsim("viz --compare designs/mm1.json designs/mm1.json --scenario s.json").status == 2);
  }
  SECTION("help with examples") {
    const Outcome r = run_sdsim("viz --help");
    CHECK(r.status == 0);
    CHECK(contains(r.output, "Examples:"));
    CHECK(contains(r.output, "--slides"));
  }
  std::filesystem::remove_all(dir);
}
