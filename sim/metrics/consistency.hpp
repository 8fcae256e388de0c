#pragma once
// The consistency observer: every judged read (Engine::report_read) counted per flow and per block: stale
// reads, staleness age percentiles, versions behind, and the t-visibility curve (P(fresh) by time since the
// key's newest write). Forgets what it saw at the end of warm-up.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "sim/core/observer.hpp"
#include "sim/metrics/histogram.hpp"
#include "sim/metrics/summary.hpp"

namespace sdsim {

class ConsistencyMetrics final : public Observer {
 public:
  // Names index the figures: flows by FlowId, blocks by BlockId.
  ConsistencyMetrics(std::vector<std::string> flow_names, std::vector<std::string> block_names);

  std::uint32_t interests() const override { return interest_reads; }
  void on_read(const ReadRecord& r) override;
  void on_statistics_reset(SimTime now) override;

  // Reads judged since the last reset, over every flow.
  std::uint64_t reads() const;
  // Every flow (design order) and every block (engine order), with 0 reads where none was judged.
  std::vector<ConsistencyFigures<double>> flow_figures() const;
  std::vector<ConsistencyFigures<double>> block_figures() const;
  // The bin of the t-visibility curve a read `since_write` ns after the write falls in (since_write >= 0).
  static std::size_t visibility_bin(SimTime since_write);

 private:
  struct Counts {
    std::uint64_t reads = 0;
    std::uint64_t stale = 0;
    std::uint64_t behind_sum = 0;
    std::uint64_t behind_max = 0;
    std::unique_ptr<Histogram> age;  // ns, stale reads; made at the first stale read (a Histogram is ~58 KB)
    std::array<std::uint64_t, visibility_bin_count> bin_reads{};
    std::array<std::uint64_t, visibility_bin_count> bin_fresh{};

    void add(const ReadRecord& r, std::size_t bin);
  };
  static ConsistencyFigures<double> figures(const std::string& name, const Counts& c);
  static std::vector<ConsistencyFigures<double>> figures(const std::vector<std::string>& names,
                                                         const std::vector<Counts>& counts);

  std::vector<std::string> flow_names_;
  std::vector<std::string> block_names_;
  std::vector<Counts> flows_;
  std::vector<Counts> blocks_;
};

}  // namespace sdsim
