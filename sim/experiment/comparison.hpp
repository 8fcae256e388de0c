#pragma once
// Several designs run under one scenario, figure by figure: each design's mean with its 95% confidence
// interval, and its difference from the first design, paired replication by replication. Replication r of
// every design runs on the same seed, so same-named blocks and flows draw the same random numbers (common
// random numbers): the paired intervals are much tighter than the two designs' own.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sim/experiment/experiment.hpp"

namespace sdsim {

struct ComparedFigure {
  std::string name;             // "checkout p99", "stale reads"...
  std::string unit;             // "ms", "%", "USD/month"...
  bool lower_is_better = true;  // latency, staleness and cost; false for throughput and success
  // Per design, in the order given; nullopt where the design has no such figure (a flow it lacks).
  std::vector<std::optional<Estimate>> values;
  std::vector<std::optional<Estimate>> deltas;  // design - first design, paired; nullopt for the first
  // The design with the best mean, when its lead over every other design's is significant (the paired
  // interval of their difference excludes 0); nullopt when no design is clearly best.
  std::optional<std::size_t> best;
};

struct Comparison {
  std::vector<std::string> designs;  // design names, in the order given
  std::string scenario;
  std::uint32_t replications = 0;
  std::vector<ComparedFigure> figures;
};

// The results must come from the same scenario (same seed and replications). Figures: per flow of the first
// design that another design also has, throughput, success, mean and p99 latency; then over all flows,
// success, stale reads (when any design judged reads), $/month and $ per million requests.
Comparison compare_results(std::span<const ExperimentResult> results);

}  // namespace sdsim
