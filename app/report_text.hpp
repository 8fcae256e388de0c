#pragma once
// The human-readable report of an experiment: a verdict per flow with service-level objectives, end-to-end
// latency per flow, failures, SLO detail, then per station utilization, queueing, rejections and latency;
// every figure with its unit and, with replications, its 95% interval.
#include <string>

#include "sim/experiment/experiment.hpp"

namespace sdsim::app {

std::string format_report(const ExperimentResult& result, double warmup_s);

}  // namespace sdsim::app
