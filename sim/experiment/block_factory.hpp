#pragma once
// Builds the engine block for one design block, by its kind. Parameter names are those declared for the kind
// in sim/catalog/builtin_blocks.cpp; each block draws from random streams keyed by its own name.
#include <map>
#include <memory>
#include <string>

#include "sim/core/engine.hpp"
#include "sim/design/design.hpp"

namespace sdsim {

struct BlockContext {
  Engine& engine;
  const std::map<std::string, BlockId>& block_ids;  // every design block's id, for routes
};

std::unique_ptr<Block> make_block(const BlockSpec& spec, const BlockContext& context);

}  // namespace sdsim
