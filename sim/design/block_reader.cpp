#include "sim/design/block_reader.hpp"

#include <map>

#include "sim/catalog/format_params.hpp"
#include "sim/design/distribution_spec.hpp"
#include "sim/design/object_reader.hpp"

namespace sdsim {

namespace {

// Lists, objects and routes, read by the kind itself.
using Members = std::map<std::string, const Json*, std::less<>>;

std::string joined(const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& n : names)
    list += (list.empty() ? "" : ", ") + n;
  return list;
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  std::string guess = closest_match(word, candidates);
  return guess.empty() ? std::string() : "did you mean \"" + guess + "\"? ";
}

// Checks the block's "preset" key, if any, against the kind's presets.
void read_preset(const BlockKindSpec& kind, ObjectReader& r, Diagnostics& diagnostics) {
  if (kind.presets.empty()) {
    if (r.has("preset")) {
      r.allow("preset");
      diagnostics.error(r.child_pointer("preset"),
                        "block kind \"" + std::string(kind.name) + "\" has no presets",
                        "remove \"preset\" and set the parameters directly (sdsim blocks " +
                            std::string(kind.name) + " lists them)");
    }
    return;
  }
  std::string help = "a named set of parameter values for this kind: " + joined(kind.preset_names());
  ParamSpec spec{.name = "preset", .type = ParamType::text, .help = help};
  auto name = r.text(spec);
  if (name && !kind.find_preset(*name)) {
    diagnostics.error(r.child_pointer("preset"),
                      "unknown preset \"" + *name + "\" for block kind \"" + std::string(kind.name) + "\"",
                      did_you_mean(*name, kind.preset_names()) + "presets of " + std::string(kind.name) +
                          ": " + joined(kind.preset_names()));
  }
}

BlockParams read_params(const BlockKindSpec& kind, const PresetSpec* preset, const std::string& block_name,
                        ObjectReader& r, Members& members, Diagnostics& diagnostics) {
  BlockParams params;
  for (ParamSpec spec : kind.params) {
    std::string name(spec.name);
    if (preset) {
      for (const PresetValue& v : preset->values) {
        if (v.param != spec.name) continue;
        spec.default_value = v.value;
        spec.default_text = v.text;
        spec.no_default = false;
      }
    }
    if (spec.no_default && !r.has(spec.name)) {
      r.allow(spec.name);
      continue;
    }
    switch (spec.type) {
      case ParamType::integer:
        if (auto v = r.integer(spec)) params.numbers[name] = static_cast<double>(*v);
        break;
      case ParamType::number:
        if (auto v = r.number(spec)) params.numbers[name] = *v;
        break;
      case ParamType::boolean:
        if (auto v = r.boolean(spec)) params.numbers[name] = *v ? 1 : 0;
        break;
      case ParamType::text:
        if (auto v = r.text(spec)) {
          params.texts[name] = *v;
        } else if (!r.has(spec.name) && !spec.required && !spec.default_text.empty()) {
          params.texts[name] = std::string(spec.default_text);
        }
        break;
      case ParamType::distribution:
        if (const Json* value = r.member(spec)) {
          std::string what = name;
          what += " of \"" + block_name + "\"";
          auto d = read_distribution(*value, r.child_pointer(spec.name), diagnostics, what);
          if (d) params.distributions.emplace(name, *d);
        }
        break;
      case ParamType::list:
      case ParamType::object:
      case ParamType::routes:
        if (const Json* value = r.member(spec)) members[name] = value;
        break;
    }
  }
  return params;
}

void read_routes(const Json& list, const std::string& pointer, BlockSpec& block, Diagnostics& diagnostics) {
  double total = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string at = pointer + "/" + std::to_string(i);
    ObjectReader r(list[i], at, diagnostics, "route");
    auto to = r.text(format::route_to);
    auto p = r.number(format::route_p);
    r.finish();
    if (to && p) {
      block.next.push_back({*to, *p, at});
      total += *p;
    }
  }
  if (total > 1.0 + 1e-9) {
    diagnostics.error(pointer, "route probabilities add up to " + number_text(total) + ", more than 1",
                      "make them sum to at most 1 (the rest returns to the client)");
  }
}

// Turns the station's parameters into its spec; names are those declared in sim/catalog/kind_NAME.cpp.
void build_station(const BlockParams& params, BlockSpec& block) {
  if (auto it = params.numbers.find("servers"); it != params.numbers.end())
    block.station.servers = static_cast<std::uint32_t>(it->second);
  if (auto it = params.numbers.find("queue_capacity"); it != params.numbers.end())
    block.station.queue_capacity = static_cast<std::uint64_t>(it->second);
  if (auto it = params.distributions.find("service_time"); it != params.distributions.end())
    block.station.service = it->second;
}

}  // namespace

// Cross-parameter orders (a quorum no larger than the replicas); reported at the parameter the file wrote.
void check_param_orders(const BlockKindSpec& kind, const BlockParams& params, const ObjectReader& r,
                        Diagnostics& diagnostics) {
  for (const ParamOrder& o : kind.orders) {
    auto lower = params.numbers.find(o.lower);
    auto upper = params.numbers.find(o.upper);
    if (lower == params.numbers.end() || upper == params.numbers.end() || lower->second <= upper->second)
      continue;
    if (!o.when.empty()) {
      auto when = params.numbers.find(o.when);
      if (when == params.numbers.end() || when->second == 0) continue;
    }
    std::string at = r.has(o.lower) || !r.has(o.upper) ? std::string(o.lower) : std::string(o.upper);
    std::string condition = o.when.empty() ? "" : " when " + std::string(o.when) + " is on";
    diagnostics.error(r.child_pointer(at),
                      std::string(o.lower) + " (" + number_text(lower->second) + ") is more than " +
                          std::string(o.upper) + " (" + number_text(upper->second) + ")",
                      std::string(o.lower) + " must be at most " + std::string(o.upper) + condition);
  }
}

void read_block(const BlockCatalog& catalog, const std::string& name, const Json& value,
                const std::string& pointer, Design& design, Diagnostics& diagnostics) {
  ObjectReader r(value, pointer, diagnostics, "block \"" + name + "\"");
  if (!r.is_object()) return;
  std::vector<std::string> kinds = catalog.kind_names();
  std::string kind_help = "the block kind: " + joined(kinds);
  ParamSpec kind_spec{.name = "kind", .type = ParamType::text, .required = true, .help = kind_help};
  auto kind_name = r.text(kind_spec);
  // Without a kind the other keys cannot be judged; finish() is skipped so they are not called unknown.
  if (!kind_name) return;
  const BlockKindSpec* kind = catalog.find(*kind_name);
  if (!kind) {
    diagnostics.error(r.child_pointer("kind"), "unknown block kind \"" + *kind_name + "\"",
                      did_you_mean(*kind_name, kinds) + "known kinds: " + joined(kinds));
    return;
  }
  BlockSpec block;
  block.name = name;
  block.kind = *kind_name;
  block.pointer = pointer;
  // The preset is read after the parameters so "preset" comes last in the keys a block accepts; its values
  // are needed first, as the parameters' defaults.
  auto preset_key = value.find("preset");
  const PresetSpec* preset = preset_key != value.end() && preset_key->is_string()
                                 ? kind->find_preset(preset_key->get<std::string>())
                                 : nullptr;
  Members members;
  BlockParams params = read_params(*kind, preset, name, r, members, diagnostics);
  read_preset(*kind, r, diagnostics);
  if (const Json* placement = r.member(format::block_placement)) {
    for (std::size_t i = 0; i < placement->size(); ++i) {
      const Json& zone = (*placement)[i];
      if (zone.is_string()) {
        block.placement.push_back(zone.get<std::string>());
      } else {
        diagnostics.error(r.child_pointer("placement") + "/" + std::to_string(i),
                          "a placement is a zone or region name, not " + json_type_words(zone),
                          "e.g. \"placement\": [\"use1-az1\", \"use1-az2\"]");
      }
    }
  }
  if (auto it = members.find("next"); it != members.end())
    read_routes(*it->second, r.child_pointer("next"), block, diagnostics);
  check_param_orders(*kind, params, r, diagnostics);
  if (kind->name == "station") build_station(params, block);
  block.params = std::move(params);
  r.finish();
  design.blocks.push_back(std::move(block));
}

void read_block(const std::string& name, const Json& value, const std::string& pointer, Design& design,
                Diagnostics& diagnostics) {
  read_block(builtin_block_catalog(), name, value, pointer, design, diagnostics);
}

}  // namespace sdsim
