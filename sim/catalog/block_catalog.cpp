#include "sim/catalog/block_catalog.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace sdsim {

namespace {

void check_kind(const BlockKindSpec& kind) {
  std::string where = "block kind \"" + std::string(kind.name) + "\"";
  auto fail = [&](const std::string& what) { throw std::logic_error(where + ": " + what); };
  if (kind.name.empty() || kind.summary.empty()) fail("needs a name and a summary");
  for (std::size_t i = 0; i < kind.params.size(); ++i) {
    const ParamSpec& p = kind.params[i];
    std::string param = "parameter \"" + std::string(p.name) + "\"";
    if (p.name == "kind" || p.name == "preset") fail(param + " is reserved");
    for (std::size_t j = 0; j < i; ++j) {
      if (kind.params[j].name == p.name) fail(param + " is declared twice");
    }
    if (p.help.empty()) fail(param + " has no help");
    if (!p.required && p.source.empty()) fail(param + " has a default without a source");
    if (is_numeric(p.type) && p.min > p.max) fail(param + " has an empty range");
  }
  for (const ParamOrder& o : kind.orders) {
    for (std::string_view p : {o.lower, o.upper}) {
      const ParamSpec* spec = kind.find_param(p);
      if (!spec || !is_numeric(spec->type))
        fail("order names \"" + std::string(p) + "\", not a numeric parameter");
    }
    const ParamSpec* when = o.when.empty() ? nullptr : kind.find_param(o.when);
    if (!o.when.empty() && (!when || when->type != ParamType::boolean))
      fail("order depends on \"" + std::string(o.when) + "\", not a boolean parameter");
  }
  for (std::size_t i = 0; i < kind.presets.size(); ++i) {
    const PresetSpec& preset = kind.presets[i];
    std::string name = "preset \"" + std::string(preset.name) + "\"";
    for (std::size_t j = 0; j < i; ++j) {
      if (kind.presets[j].name == preset.name) fail(name + " is declared twice");
    }
    if (preset.description.empty() || preset.source.empty()) fail(name + " needs a description and a source");
    for (const PresetValue& v : preset.values) {
      const ParamSpec* p = kind.find_param(v.param);
      if (p && p->type == ParamType::text) {
        bool listed = std::find(p->allowed.begin(), p->allowed.end(), v.text) != p->allowed.end();
        if (!listed) fail(name + " sets \"" + std::string(v.param) + "\" to a value not among its choices");
        continue;
      }
      if (p && p->type == ParamType::boolean) {
        if (v.value != 0 && v.value != 1)
          fail(name + " sets \"" + std::string(v.param) + "\" to neither 0 nor 1");
        continue;
      }
      if (!p || !is_numeric(p->type))
        fail(name + " sets \"" + std::string(v.param) + "\", neither numeric nor a text with choices");
      bool whole = p->type != ParamType::integer || std::floor(v.value) == v.value;
      if (!whole || v.value < p->min || v.value > p->max) {
        fail(name + " sets \"" + std::string(v.param) + "\" outside its range");
      }
    }
  }
}

}  // namespace

const ParamSpec* BlockKindSpec::find_param(std::string_view param) const {
  for (const ParamSpec& p : params) {
    if (p.name == param) return &p;
  }
  return nullptr;
}

const PresetSpec* BlockKindSpec::find_preset(std::string_view preset) const {
  for (const PresetSpec& p : presets) {
    if (p.name == preset) return &p;
  }
  return nullptr;
}

std::vector<std::string> BlockKindSpec::preset_names() const {
  std::vector<std::string> names;
  for (const PresetSpec& p : presets)
    names.emplace_back(p.name);
  return names;
}

void BlockCatalog::add(BlockKindSpec kind) {
  if (find(kind.name))
    throw std::logic_error("block kind \"" + std::string(kind.name) + "\" is declared twice");
  check_kind(kind);
  kinds_.push_back(std::move(kind));
}

const BlockKindSpec* BlockCatalog::find(std::string_view name) const {
  for (const BlockKindSpec& k : kinds_) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

std::vector<std::string> BlockCatalog::kind_names() const {
  std::vector<std::string> names;
  for (const BlockKindSpec& k : kinds_)
    names.emplace_back(k.name);
  return names;
}

const BlockCatalog& builtin_block_catalog() {
  static const BlockCatalog catalog = [] {
    BlockCatalog c;
    register_builtin_blocks(c);
    return c;
  }();
  return catalog;
}

}  // namespace sdsim
