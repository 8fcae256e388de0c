// The timeline: request ends and reads land in the open window, block counters become per-window deltas, and
// windows follow the measured period.
#include "sim/metrics/timeline.hpp"

#include <catch2/catch.hpp>
#include <vector>

using namespace sdsim;

namespace {

BlockCounters station(std::uint64_t arrivals, std::uint64_t completions, double mean_busy,
                      double mean_in_system, std::int64_t in_system) {
  BlockCounters c;
  c.name = "db";
  c.kind = "station";
  c.arrivals = arrivals;
  c.completions = completions;
  c.servers = 2;
  c.mean_busy = mean_busy;
  c.mean_in_system = mean_in_system;
  c.in_system_at_end = in_system;
  return c;
}

RequestEnd end(FlowId flow, double created_s, double finished_s, Outcome outcome = Outcome::completed) {
  return RequestEnd{.flow = flow,
                    .at = 0,
                    .created = from_s(created_s),
                    .finished = from_s(finished_s),
                    .outcome = outcome};
}

}  // namespace

TEST_CASE("A window length gives at most 300 windows in round units", "[timeline]") {
  CHECK(timeline_window_s(60) == 1);
  CHECK(timeline_window_s(300) == 1);
  CHECK(timeline_window_s(301) == 2);
  CHECK(timeline_window_s(600) == 2);
  CHECK(timeline_window_s(2000) == 10);
  CHECK(timeline_window_s(5) == 0.1);
  CHECK(timeline_window_s(29) == 0.1);
  CHECK(timeline_window_s(100) == 1);
  CHECK(timeline_window_s(86400) == 300);
}

TEST_CASE("Flows are counted in the window open when they end", "[timeline]") {
  Timeline t({"read", "write"}, from_s(1));
  std::vector<BlockCounters> blocks{station(0, 0, 0, 0, 0)};
  t.on_request_end(end(0, 0, 0.5));  // before begin(): the warm-up, not recorded
  t.begin(from_s(10), from_s(12.5), blocks);
  CHECK(t.next_boundary() == from_s(11));
  t.on_request_end(end(0, 10, 10.010));
  t.on_request_end(end(0, 10, 10.030));
  t.on_request_end(end(1, 10, 10.5, Outcome::throttled));
  t.on_read(ReadRecord{.flow = 0,
                       .block = 0,
                       .time = from_s(10.2),
                       .stale = true,
                       .age = 1,
                       .versions_behind = 1,
                       .since_write = 1,
                       .origin = 0,
                       .user = 0,
                       .key = 0,
                       .source = nullptr,
                       .version = 0});
  t.close_window(from_s(11), blocks);
  t.on_request_end(end(1, 11, 11.2, Outcome::timeout));
  t.close_window(from_s(12), blocks);
  CHECK(t.next_boundary() == from_s(12.5));  // the last window is the remainder
  t.close_window(from_s(12.5), blocks);
  CHECK(t.next_boundary() == time_never);

  const TimelineSeries& s = t.series();
  REQUIRE(s.window_end_s == std::vector<double>{11, 12, 12.5});
  CHECK(s.start_s == 10);
  const FlowWindow& first = s.flows[0][0];
  CHECK(first.completed == 2);
  CHECK(first.failed() == 0);
  CHECK(first.p50_ms == Approx(10).epsilon(Histogram::max_relative_error));
  CHECK(first.p99_ms == Approx(30).epsilon(Histogram::max_relative_error));
  CHECK(first.reads == 1);
  CHECK(first.stale_reads == 1);
  CHECK(s.flows[1][0].ended[static_cast<std::size_t>(Outcome::throttled)] == 1);
  CHECK(s.flows[1][1].ended[static_cast<std::size_t>(Outcome::timeout)] == 1);
  CHECK(s.flows[0][1].completed == 0);
  CHECK(s.flows[0][1].p99_ms == 0);
}

TEST_CASE("Block counters become per-window counts and averages", "[timeline]") {
  Timeline t({"read"}, from_s(1));
  t.begin(from_s(0), from_s(2), std::vector<BlockCounters>{station(0, 0, 0, 0, 0)});
  // After 1 s: 100 arrivals, 1.5 busy servers on average.
  t.close_window(from_s(1), std::vector<BlockCounters>{station(100, 90, 1.5, 3, 10)});
  // After 2 s: 150 arrivals in all, 1.0 busy on average since the start, so 0.5 in the second second.
  t.close_window(from_s(2), std::vector<BlockCounters>{station(150, 150, 1.0, 2, 0)});
  const TimelineSeries& s = t.series();
  REQUIRE(s.blocks.size() == 1);
  REQUIRE(s.blocks[0].size() == 2);
  CHECK(s.block_names == std::vector<std::string>{"db"});
  CHECK(s.blocks[0][0].arrivals == 100);
  CHECK(s.blocks[0][1].arrivals == 50);
  CHECK(s.blocks[0][1].completions == 60);
  CHECK(s.blocks[0][0].utilization == Approx(0.75));
  CHECK(s.blocks[0][1].mean_busy == Approx(0.5));
  CHECK(s.blocks[0][1].utilization == Approx(0.25));
  CHECK(s.blocks[0][0].mean_in_system == Approx(3));
  CHECK(s.blocks[0][1].mean_in_system == Approx(1));
  CHECK(s.blocks[0][0].reads == 0);
  CHECK(s.blocks[0][0].in_system_end == 10);
}

TEST_CASE("Each window counts its stale reads per flow and per block, with the stale ages' p99",
          "[timeline]") {
  Timeline t({"read"}, from_s(1));
  std::vector<BlockCounters> blocks{station(0, 0, 0, 0, 0), station(0, 0, 0, 0, 0)};
  t.begin(0, from_s(2), blocks);
  auto read = [&](BlockId block, double at_s, bool stale, double age_ms) {
    t.on_read(ReadRecord{.flow = 0,
                         .block = block,
                         .time = from_s(at_s),
                         .stale = stale,
                         .age = stale ? from_ms(age_ms) : 0,
                         .versions_behind = stale ? 1u : 0u,
                         .since_write = 1,
                         .origin = 0,
                         .user = 0,
                         .key = 0,
                         .source = nullptr,
                         .version = 0});
  };
  // First window: 100 reads at block 1, of which 10 stale aged 1..10 ms; 50 fresh reads at block 0.
  for (int i = 0; i < 100; ++i)
    read(1, 0.5, i < 10, i + 1);
  for (int i = 0; i < 50; ++i)
    read(0, 0.5, false, 0);
  t.close_window(from_s(1), blocks);
  // Second window: one stale read of 200 ms at block 0.
  read(0, 1.5, true, 200);
  t.close_window(from_s(2), blocks);

  const TimelineSeries& s = t.series();
  const FlowWindow& first = s.flows[0][0];
  CHECK(first.reads == 150);
  CHECK(first.stale_reads == 10);
  // The p99 of the ten ages 1..10 ms is the largest, 10 ms.
  CHECK(first.stale_p99_ms == Approx(10).epsilon(Histogram::max_relative_error));
  CHECK(s.blocks[1][0].reads == 100);
  CHECK(s.blocks[1][0].stale_reads == 10);
  CHECK(s.blocks[0][0].reads == 50);
  CHECK(s.blocks[0][0].stale_reads == 0);
  // Each window starts afresh.
  const FlowWindow& second = s.flows[0][1];
  CHECK(second.reads == 1);
  CHECK(second.stale_p99_ms == Approx(200).epsilon(Histogram::max_relative_error));
  CHECK(s.blocks[0][1].stale_reads == 1);
  CHECK(s.blocks[1][1].reads == 0);
}

TEST_CASE("Each window holds its billed usage: counts over the window, units averaged over it",
          "[timeline]") {
  Timeline t({"read"}, from_s(1));
  auto billed = [](double units, double requests, double reads, double writes) {
    BlockCounters c = station(0, 0, 0, 0, 0);
    c.usage = BillableUsage{.units = units, .requests = requests, .read_units = reads, .write_units = writes};
    return c;
  };
  t.begin(from_s(0), from_s(2), std::vector<BlockCounters>{billed(2, 0, 0, 0)});
  t.close_window(from_s(1), std::vector<BlockCounters>{billed(2, 1000, 40, 10)});
  // A third node from 1.5 s: the block's average since the start is then 2.25 units; the window's own is 2.5.
  // The counts run on since the start.
  t.close_window(from_s(2), std::vector<BlockCounters>{billed(2.25, 1600, 100, 10)});
  const std::vector<BlockWindow>& w = t.series().blocks[0];
  REQUIRE(w.size() == 2);
  CHECK(w[0].usage.units == 2);
  CHECK(w[0].usage.requests == 1000);
  CHECK(w[0].usage.read_units == 40);
  CHECK(w[0].usage.write_units == 10);
  CHECK(w[1].usage.units == Approx(2.5));
  CHECK(w[1].usage.requests == 600);
  CHECK(w[1].usage.read_units == 60);
  CHECK(w[1].usage.write_units == 0);
}
