#pragma once
// Builds the engine block for one design block, by its kind. Parameter names are those declared for the kind
// in sim/catalog/kind_NAME.cpp; each block draws from random streams keyed by its own name.
#include <map>
#include <memory>
#include <string>

#include "sim/blocks/global_table.hpp"
#include "sim/core/engine.hpp"
#include "sim/design/design.hpp"

namespace sdsim {

struct BlockContext {
  Engine& engine;
  const std::map<std::string, BlockId>& block_ids;  // every design block's id, for routes
  // Per queue block name: the FlowId of the flow consuming it (queues without one are absent).
  const std::map<std::string, FlowId>* consumer_flows = nullptr;
  const Design* design = nullptr;  // for a queue, its consumer flow's entry block
  // DynamoDB global tables by name, made by their first member and shared by the others.
  std::map<std::string, std::shared_ptr<GlobalTable>>* global_tables = nullptr;
};

std::unique_ptr<Block> make_block(const BlockSpec& spec, const BlockContext& context);

}  // namespace sdsim
