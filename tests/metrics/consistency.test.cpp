// The consistency observer: judged reads counted per flow and per block, binned by time since the write.
#include "sim/metrics/consistency.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace sdsim;

namespace {

ReadRecord read_at(SimTime since_write, bool stale, SimTime age = 0, std::uint64_t behind = 0) {
  return ReadRecord{0, 1, 0, stale, age, behind, since_write};
}

}  // namespace

TEST_CASE("Reads fall in the t-visibility bin of their time since the write", "[consistency]") {
  CHECK(ConsistencyMetrics::visibility_bin(0) == 0);
  CHECK(ConsistencyMetrics::visibility_bin(ns_per_ms - 1) == 0);
  CHECK(ConsistencyMetrics::visibility_bin(ns_per_ms) == 1);
  CHECK(ConsistencyMetrics::visibility_bin(7 * ns_per_ms) == 3);  // [5, 10) ms
  CHECK(ConsistencyMetrics::visibility_bin(10 * ns_per_s) == visibility_bin_count - 1);
  CHECK(ConsistencyMetrics::visibility_bin(1000 * ns_per_s) == visibility_bin_count - 1);
}

TEST_CASE("Judged reads are counted per flow and per block", "[consistency]") {
  ConsistencyMetrics m({"get"}, {"client", "table"});
  m.on_read(read_at(500'000, true, 500'000, 1));              // 0.5 ms after the write, stale
  m.on_read(read_at(600'000, false));                         // fresh in the same bin
  m.on_read(read_at(3 * ns_per_ms, true, 8 * ns_per_ms, 3));  // a later write was missed too
  m.on_read(read_at(-1, false));                              // never written: no bin
  auto flows = m.flow_figures();
  REQUIRE(flows.size() == 1);
  const ConsistencyFigures<double>& f = flows[0];
  CHECK(f.reads == 4);
  CHECK(f.stale == 2);
  CHECK(f.stale_fraction == 0.5);
  CHECK(f.versions_behind_mean == 2);
  CHECK(f.versions_behind_max == 3);
  CHECK(f.age.count == 2);
  CHECK(f.age.max_ms == Approx(8).epsilon(Histogram::max_relative_error));
  CHECK(f.visibility[0].reads == 2);
  CHECK(f.visibility[0].fresh_fraction == 0.5);
  CHECK(f.visibility[2].reads == 1);
  CHECK(f.visibility[2].fresh_fraction == 0);
  CHECK(std::isnan(f.visibility[5].fresh_fraction));
  CHECK(std::isinf(f.visibility.back().to_ms));
  auto blocks = m.block_figures();
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].reads == 0);
  CHECK(blocks[1].reads == 4);
  CHECK(blocks[1].name == "table");
}

TEST_CASE("The end of warm-up forgets the reads judged before it", "[consistency]") {
  ConsistencyMetrics m({"get"}, {"client", "table"});
  m.on_read(read_at(0, true, 10, 1));
  m.on_statistics_reset(ns_per_s);
  CHECK(m.reads() == 0);
  m.on_read(read_at(0, false));
  auto f = m.flow_figures()[0];
  CHECK(f.reads == 1);
  CHECK(f.stale == 0);
  CHECK(f.age.count == 0);
}
