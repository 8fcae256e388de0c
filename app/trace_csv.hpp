#pragma once
// A trace's per-window series as CSV: flows.csv (one row per window and flow) and blocks.csv (one row per
// window and block), for spreadsheets and plotting tools.
#include <string>

#include "trace/trace.hpp"

namespace sdsim::app {

std::string flows_csv(const trace::Trace& trace);
std::string blocks_csv(const trace::Trace& trace);

// Creates `dir` if needed and writes both files into it, each atomically. Returns an empty string on
// success, else what failed.
std::string write_csv_dir(const std::string& dir, const trace::Trace& trace);

}  // namespace sdsim::app
