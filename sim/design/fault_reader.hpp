#pragma once
// Reads a scenario's scheduled faults ("faults") against their declared keys (sim/catalog/fault_params.hpp),
// and checks them against a design. Every problem is reported at once, with a pointer and a fix.
#include <vector>

#include "sim/design/design.hpp"
#include "sim/design/diagnostics.hpp"
#include "sim/design/document.hpp"
#include "sim/design/scenario.hpp"

namespace sdsim {

// `value` is the "faults" member; `run_s` the run's length, warm-up included (a fault must start within it).
// Also reports contradictory overlaps: one zone's (or region's) outages, one block's brownouts.
std::vector<FaultSpec> read_faults(const Json& value, double run_s, Diagnostics& diagnostics);

// Names against the design: blocks (and their kind for the type), zones, regions, instance and node indices.
void check_faults_fit(const std::vector<FaultSpec>& faults, const Design& design, Diagnostics& diagnostics);

}  // namespace sdsim
