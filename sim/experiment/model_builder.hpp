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
#include "sim/faults/fault_injector.hpp"
#include "sim/metrics/cost.hpp"

namespace sdsim {

struct BuiltModel {
  std::unique_ptr<Engine> engine;
  std::vector<std::string> flow_names;    // indexed by FlowId, in design order
  std::unique_ptr<FaultInjector> faults;  // the scenario's faults, installed in the engine; null when none
  std::vector<PriceModel> prices;         // indexed by BlockId (sources bill nothing)
  TransferPrices transfer_prices{};
};

BuiltModel build_model(const Design& design, const Scenario& scenario, std::uint64_t replication_seed);
// A fault checked against the design (check_faults_fit) resolved to the ids of build_model's model.
FaultDef resolve_fault(const Design& design, const Scenario& scenario, const FaultSpec& spec);

}  // namespace sdsim
