#pragma once
// The block kinds a design may use, each with its parameters and named presets, declared once. Kinds are
// registered explicitly (register_builtin_blocks), never by static initializers.
#include <string>
#include <string_view>
#include <vector>

#include "sim/catalog/param_spec.hpp"

namespace sdsim {

// One parameter a preset sets: a number in the parameter's unit, or for a text parameter one of its choices.
struct PresetValue {
  std::string_view param;
  double value = 0;
  std::string_view text{};  // set for text parameters (an enum such as a queue's "type")
};

// Named parameter values for a common configuration; a design's explicit parameters override them.
struct PresetSpec {
  std::string_view name{};
  std::string_view description{};
  std::vector<PresetValue> values{};
  std::string_view source{};  // where the values come from, e.g. an AWS documentation URL
};

// An order between two numeric parameters that the loader checks: `lower` <= `upper`, always or only when
// the boolean parameter `when` is true.
struct ParamOrder {
  std::string_view lower;
  std::string_view upper;
  std::string_view when{};
};

struct BlockKindSpec {
  std::string_view name{};
  std::string_view summary{};  // one line
  std::vector<ParamSpec> params{};
  std::vector<ParamOrder> orders{};
  std::vector<PresetSpec> presets{};
  // A global service (Route 53): never placed, met in its caller's zone; a "placement" on it is refused.
  bool global = false;

  const ParamSpec* find_param(std::string_view param) const;
  const PresetSpec* find_preset(std::string_view preset) const;
  std::vector<std::string> preset_names() const;
};

class BlockCatalog {
 public:
  // Throws std::logic_error when the declaration is inconsistent: a duplicate kind, parameter or preset;
  // a parameter without help, or an optional one whose default has no source; a preset naming an unknown
  // or non-numeric parameter, or a value outside its range.
  void add(BlockKindSpec kind);
  const BlockKindSpec* find(std::string_view name) const;
  const std::vector<BlockKindSpec>& kinds() const { return kinds_; }  // in registration order
  std::vector<std::string> kind_names() const;

 private:
  std::vector<BlockKindSpec> kinds_;
};

// Adds every block kind sdsim ships with.
void register_builtin_blocks(BlockCatalog& catalog);

// The built-in kinds, registered on first use and never changed afterwards.
const BlockCatalog& builtin_block_catalog();

}  // namespace sdsim
