#include "sim/experiment/model_builder.hpp"

#include <map>

#include "sim/blocks/closed_source.hpp"
#include "sim/blocks/open_source.hpp"
#include "sim/blocks/station.hpp"

namespace sdsim {

BuiltModel build_model(const Design& design, const Scenario& scenario, std::uint64_t replication_seed) {
  BuiltModel out;
  out.engine = std::make_unique<Engine>(replication_seed);
  Engine& engine = *out.engine;

  std::map<std::string, FlowId> flow_ids;
  for (const FlowSpec& f : design.flows) {
    flow_ids[f.name] = static_cast<FlowId>(out.flow_names.size());
    out.flow_names.push_back(f.name);
  }
  // Sources come first, then the design's blocks in file order; ids follow insertion order.
  const auto first_block = static_cast<BlockId>(scenario.loads.size());
  std::map<std::string, BlockId> block_ids;
  for (std::size_t i = 0; i < design.blocks.size(); ++i) {
    block_ids[design.blocks[i].name] = first_block + static_cast<BlockId>(i);
  }

  for (const LoadSpec& load : scenario.loads) {
    const FlowSpec& flow = *design.find_flow(load.flow);
    std::string name = "client:" + load.flow;
    Rng rng = engine.stream(name);
    if (load.type == LoadSpec::Type::open) {
      OpenSourceDef def{load.rate_per_s, flow_ids.at(flow.name), block_ids.at(flow.entry)};
      engine.add_block(std::make_unique<OpenSource>(name, def, rng));
    } else {
      ClosedSourceDef def{load.users, load.think, flow_ids.at(flow.name), block_ids.at(flow.entry)};
      engine.add_block(std::make_unique<ClosedSource>(name, def, rng));
    }
  }
  for (const BlockSpec& block : design.blocks) {
    StationDef def;
    def.servers = block.station.servers;
    def.queue_capacity = block.station.queue_capacity;
    def.service = block.station.service;
    for (const RouteSpec& hop : block.next)
      def.route.add(block_ids.at(hop.to), hop.probability);
    engine.add_block(std::make_unique<Station>(block.name, std::move(def),
                                               engine.stream(block.name + "/service"),
                                               engine.stream(block.name + "/route")));
  }
  return out;
}

}  // namespace sdsim
