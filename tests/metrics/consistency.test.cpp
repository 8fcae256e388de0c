// The consistency observer: judged reads counted per flow and per block, binned by time since the write.
#include "sim/metrics/consistency.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace sdsim;

namespace {

ReadRecord read_at(SimTime since_write, bool stale, SimTime age = 0, std::uint64_t behind = 0) {
  return ReadRecord{0, 1, 0, stale, age, behind, since_write, 0, 0, 0, nullptr, 0};
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

TEST_CASE("A closed-loop user's reads are checked against its own writes and earlier reads",
          "[consistency]") {
  // Origin 0 is a closed loop (its users are sessions), origin 1 open.
  ConsistencyMetrics m({"flow"}, {"client", "open", "db"}, {true, false, false});
  const int table = 0;  // stands for a block's versions
  auto read = [&](BlockId origin, std::uint32_t user, std::uint64_t key, std::uint64_t version) {
    ReadRecord r = read_at(-1, false);
    r.block = 2;
    r.origin = origin;
    r.user = user;
    r.key = key;
    r.source = &table;
    r.version = version;
    m.on_read(r);
  };
  auto write = [&](BlockId origin, std::uint32_t user, std::uint64_t key, std::uint64_t version) {
    m.on_write(WriteRecord{0, 2, origin, user, key, &table, version, 0});
  };
  write(0, 7, 42, 3);
  read(0, 7, 42, 2);  // misses its own write: read-your-writes
  read(0, 8, 42, 2);  // another user never wrote it: fine
  read(0, 7, 42, 3);
  read(0, 7, 42, 2);  // older than what it read before: both
  read(0, 7, 43, 0);  // another key: fine
  read(1, 7, 42, 0);  // open loop: no session
  write(1, 7, 43, 5);
  read(0, 7, 43, 1);  // the open loop's write is not the user's
  const ConsistencyFigures<double> f = m.flow_figures().at(0);
  CHECK(f.reads == 7);
  CHECK(f.session_reads == 6);
  CHECK(f.read_your_writes_violations == 2);
  CHECK(f.monotonic_read_violations == 1);
  CHECK(m.block_figures().at(2).read_your_writes_violations == 2);
  SECTION("warm-up's end restarts the counts, not the sessions") {
    m.on_statistics_reset(0);
    read(0, 7, 42, 2);
    const ConsistencyFigures<double> g = m.flow_figures().at(0);
    CHECK(g.session_reads == 1);
    CHECK(g.read_your_writes_violations == 1);
    CHECK(g.monotonic_read_violations == 1);
  }
}
