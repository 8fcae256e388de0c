#pragma once
// The machine-readable form of an experiment: every figure as {"mean": x, "ci95": half-width}, numbers
// rounded to 9 significant digits so that the bytes are the same on every machine.
#include <string>

#include "sim/experiment/comparison.hpp"
#include "sim/experiment/experiment.hpp"

namespace sdsim {

inline constexpr const char* result_format_version = "sdsim.result/1";

std::string result_to_json(const ExperimentResult& result);
// A comparison: per figure, each design's value and its paired difference from the first ({"mean", "ci95"}
// or null where the design lacks the figure), and the clearly best design (null when none is).
std::string comparison_to_json(const Comparison& comparison);

}  // namespace sdsim
