#pragma once
// Turns a validated design and scenario into a ready engine: one source per loaded flow, one block per design
// block, routes resolved to block ids. Each block's random streams are keyed by its name.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/core/engine.hpp"
#include "sim/design/design.hpp"
#include "sim/design/scenario.hpp"

namespace sdsim {

struct BuiltModel {
  std::unique_ptr<Engine> engine;
  std::vector<std::string> flow_names;  // indexed by FlowId, in design order
};

BuiltModel build_model(const Design& design, const Scenario& scenario, std::uint64_t replication_seed);

}  // namespace sdsim
