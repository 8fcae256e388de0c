#pragma once
// The machine-readable form of an experiment: every figure as {"mean": x, "ci95": half-width}, numbers
// rounded to 9 significant digits so that the bytes are the same on every machine.
#include <string>

#include "sim/experiment/experiment.hpp"

namespace sdsim {

inline constexpr const char* result_format_version = "sdsim.result/1";

std::string result_to_json(const ExperimentResult& result);

}  // namespace sdsim
