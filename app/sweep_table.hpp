#pragma once
// The text form of a sweep for the terminal: one row per point with units in the headers, ± 95% half-widths
// and the Pareto frontier points marked; shared by sdsim sweep and sdsim merge.
#include <string>

#include "sim/experiment/sweep.hpp"

namespace sdsim::app {

std::string format_sweep_table(const Sweep& sweep);

// Writes the JSON and the CSV (either path may be empty: not written), atomically. Returns "" or the reason
// one of them could not be written; prints "Wrote PATH" for each file written.
std::string write_sweep_files(const Sweep& sweep, const std::string& json_path, const std::string& csv_path);

}  // namespace sdsim::app
