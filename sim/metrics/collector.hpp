#pragma once
// The metrics observer: latency histograms per block and per flow, combined at the end of the run with the
// blocks' own counters into a RunSummary.
#include <array>
#include <string>
#include <vector>

#include "sim/core/observer.hpp"
#include "sim/metrics/histogram.hpp"
#include "sim/metrics/summary.hpp"

namespace sdsim {

class MetricsCollector final : public Observer {
 public:
  explicit MetricsCollector(std::vector<std::string> flow_names);

  std::uint32_t interests() const override { return interest_departures | interest_request_ends; }
  void on_departure(const Departure& d) override;
  void on_request_end(const RequestEnd& e) override;
  void on_statistics_reset(SimTime now) override;
  void on_run_end(SimTime now, std::span<const BlockCounters> blocks) override;

  // Valid after on_run_end. `events` is filled in by whoever ran the engine.
  RunSummary& summary() { return summary_; }
  const Histogram& flow_latency(FlowId flow) const { return flows_[flow].latency; }
  const Histogram& block_sojourn(BlockId block) const { return blocks_[block].sojourn; }

 private:
  struct BlockHistograms {
    Histogram sojourn;
    Histogram wait;
    std::uint64_t waited = 0;
  };
  struct FlowCounts {
    Histogram latency;
    std::array<std::uint64_t, outcome_count> ended{};  // by Outcome

    void merge(const FlowCounts& o) {
      latency.merge(o.latency);
      for (std::size_t i = 0; i < outcome_count; ++i)
        ended[i] += o.ended[i];
    }
  };
  static FlowFigures<double> flow_figures(std::string name, const FlowCounts& counts, double measured_s);
  BlockHistograms& block(BlockId id) {
    if (id >= blocks_.size()) blocks_.resize(id + 1);
    return blocks_[id];
  }

  std::vector<std::string> flow_names_;
  std::vector<BlockHistograms> blocks_;
  std::vector<FlowCounts> flows_;
  SimTime measured_since_ = 0;
  RunSummary summary_;
};

LatencyFigures<double> latency_figures(const Histogram& h);

}  // namespace sdsim
