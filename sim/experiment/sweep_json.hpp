#pragma once
// A sweep as files: JSON (format "sdsim.sweep/1", read back by sdsim merge) and CSV (one row per point),
// numbers at 9 significant digits so that the bytes are the same on every machine and for every --jobs.
#include <optional>
#include <string>

#include "sim/experiment/sweep.hpp"

namespace sdsim {

inline constexpr const char* sweep_format_version = "sdsim.sweep/1";

std::string sweep_to_json(const Sweep& sweep);
// Reads what sweep_to_json wrote; on anything else returns nothing and sets `error`.
std::optional<Sweep> sweep_from_json(const std::string& text, std::string& error);

// One row per point: index, the swept values, per flow throughput, success, mean, p50 and p99 latency, then
// availability, stale reads, cost, and the frontier marks; every figure followed by its 95% half-width.
std::string sweep_to_csv(const Sweep& sweep);

}  // namespace sdsim
