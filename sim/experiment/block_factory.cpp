#include "sim/experiment/block_factory.hpp"

#include <stdexcept>

#include "sim/blocks/station.hpp"

namespace sdsim {

namespace {

std::unique_ptr<Block> make_station(const BlockSpec& spec, const BlockContext& context) {
  StationDef def;
  def.servers = spec.station.servers;
  def.queue_capacity = spec.station.queue_capacity;
  def.service = spec.station.service;
  for (const RouteSpec& hop : spec.next)
    def.route.add(context.block_ids.at(hop.to), hop.probability);
  return std::make_unique<Station>(spec.name, std::move(def), context.engine.stream(spec.name + "/service"),
                                   context.engine.stream(spec.name + "/route"));
}

}  // namespace

std::unique_ptr<Block> make_block(const BlockSpec& spec, const BlockContext& context) {
  if (spec.kind == "station") return make_station(spec, context);
  // The loader only accepts kinds of the catalog, and every catalog kind has a case above.
  throw std::logic_error("no engine block for kind \"" + spec.kind + "\"");
}

}  // namespace sdsim
