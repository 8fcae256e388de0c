#pragma once
// Reads one entry of a design's "blocks" object: its kind and that kind's parameters.
#include <string>

#include "sim/design/design.hpp"
#include "sim/design/document.hpp"

namespace sdsim {

// Appends the block to design.blocks when it reads without problems; otherwise adds diagnostics.
void read_block(const std::string& name, const Json& value, const std::string& pointer, Design& design,
                Diagnostics& diagnostics);

}  // namespace sdsim
