#pragma once
// Reads one entry of a design's "blocks" object: its kind, an optional preset, and that kind's parameters as
// the block catalog declares them.
#include <string>

#include "sim/catalog/block_catalog.hpp"
#include "sim/design/design.hpp"
#include "sim/design/document.hpp"
#include "sim/design/object_reader.hpp"

namespace sdsim {

// Appends the block to design.blocks when it reads without problems; otherwise adds diagnostics.
void read_block(const BlockCatalog& catalog, const std::string& name, const Json& value,
                const std::string& pointer, Design& design, Diagnostics& diagnostics);

// The kind's cross-parameter orders (a quorum no larger than the replicas) over `params`, each broken one
// reported at the parameter the object read by `r` holds (a block in a file, or a live change).
void check_param_orders(const BlockKindSpec& kind, const BlockParams& params, const ObjectReader& r,
                        Diagnostics& diagnostics);

// The same, with the built-in block kinds.
void read_block(const std::string& name, const Json& value, const std::string& pointer, Design& design,
                Diagnostics& diagnostics);

}  // namespace sdsim
