#pragma once
// Reads where a design runs: its regions with their Availability Zones, the hop latencies, and resolves each
// block's "placement" (zone or region names) to zones.
#include <string>

#include "sim/design/design.hpp"
#include "sim/design/document.hpp"

namespace sdsim {

void read_regions(const Json& value, Design& design, Diagnostics& diagnostics);
void read_network(const Json& value, Design& design, Diagnostics& diagnostics);
// Expands region names to their zones, checks every name, and places unplaced blocks in the first region,
// except blocks of a global kind (BlockKindSpec::global), which stay unplaced and may not be placed.
void resolve_placement(Design& design, Diagnostics& diagnostics);

}  // namespace sdsim
