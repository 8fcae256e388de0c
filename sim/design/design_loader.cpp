#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "sim/catalog/format_params.hpp"
#include "sim/design/block_reader.hpp"
#include "sim/design/design.hpp"
#include "sim/design/distribution_spec.hpp"
#include "sim/design/flow_reader.hpp"
#include "sim/design/object_reader.hpp"
#include "sim/design/placement_reader.hpp"

namespace sdsim {

namespace {

constexpr std::size_t max_blocks = 10'000;

// Every block a flow reaches must be able to reach the exit; otherwise its requests would circle forever.
void check_reachability(const Design& design, Diagnostics& diagnostics) {
  std::map<std::string, const BlockSpec*> by_name;
  for (const BlockSpec& b : design.blocks)
    by_name[b.name] = &b;
  auto exits = [](const BlockSpec& b) {
    double total = 0;
    for (const RouteSpec& r : b.next)
      total += r.probability;
    return total < 1.0 - 1e-12;
  };
  // Blocks that can reach the exit: fixed point over "has a hop with p > 0 to one that can".
  std::set<std::string> can_exit;
  for (const BlockSpec& b : design.blocks) {
    if (exits(b)) can_exit.insert(b.name);
  }
  for (bool grew = true; grew;) {
    grew = false;
    for (const BlockSpec& b : design.blocks) {
      if (can_exit.count(b.name)) continue;
      for (const RouteSpec& r : b.next) {
        if (r.probability > 0 && can_exit.count(r.to)) {
          can_exit.insert(b.name);
          grew = true;
          break;
        }
      }
    }
  }
  for (const BlockSpec& b : design.blocks) {
    if (!can_exit.count(b.name)) {
      diagnostics.error(b.pointer + "/next",
                        "requests reaching \"" + b.name +
                            "\" can never return to the client: its routes form a "
                            "cycle with no way out",
                        "give some route in the cycle a probability below 1, or end the chain at a block "
                        "without \"next\"");
    }
  }
}

// `names` holds every declared block, including those whose own parameters had errors.
void check_references(const Design& design, const std::vector<std::string>& names, Diagnostics& diagnostics) {
  auto declared = [&](const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  auto unknown = [&](const std::string& pointer, const std::string& name, const char* role) {
    std::string guess = closest_match(name, names);
    diagnostics.error(
        pointer, std::string(role) + " \"" + name + "\" is not a block of this design",
        guess.empty() ? "declare it under /blocks or fix the name" : "did you mean \"" + guess + "\"?");
  };
  bool dangling = false;
  for (const BlockSpec& b : design.blocks) {
    for (const RouteSpec& r : b.next) {
      if (!declared(r.to)) {
        unknown(r.pointer + "/to", r.to, "route target");
        dangling = true;
      }
    }
  }
  // A load balancer forwards to a compute block (sim/blocks/load_balancer.hpp).
  for (const BlockSpec& b : design.blocks) {
    std::string target = b.kind == "load_balancer" ? b.params.text_or("target", "") : "";
    if (target.empty()) continue;
    const BlockSpec* pool = design.find_block(target);
    if (!declared(target)) {
      unknown(b.pointer + "/target", target, "load balancer target");
      dangling = true;
    } else if (pool && pool->kind != "compute") {
      diagnostics.error(b.pointer + "/target",
                        "load balancer target \"" + target + "\" is a " + pool->kind + " block, not compute",
                        "point it at a block of kind \"compute\"");
    }
  }
  std::size_t before = diagnostics.size();
  check_call_targets(design, names, diagnostics);
  if (diagnostics.size() != before) dangling = true;
  if (!dangling && diagnostics.empty()) check_reachability(design, diagnostics);
}

// Reads the document into `out`; problems already in out.diagnostics (duplicate keys) also withhold the
// value.
void load_design(const JsonDocument& doc, Loaded<Design>& out) {
  Diagnostics& diagnostics = out.diagnostics;
  Design design;
  design.file = doc.file;
  std::vector<std::string> declared_blocks;
  ObjectReader top(doc.root, "", diagnostics, "the design");
  top.allow("$schema");
  if (top.is_object()) {
    design.name = top.text(format::design_name).value_or(std::filesystem::path(doc.file).stem().string());
    design.description = top.text(format::design_description).value_or("");
    if (auto scenario = top.text(format::design_default_scenario)) {
      design.default_scenario =
          (std::filesystem::path(doc.file).parent_path() / *scenario).lexically_normal();
    }
    if (const Json* regions = top.member(format::design_regions)) read_regions(*regions, design, diagnostics);
    if (const Json* network = top.member(format::design_network)) read_network(*network, design, diagnostics);
    if (const Json* blocks = top.member(format::design_blocks)) {
      if (blocks->empty()) {
        diagnostics.error("/blocks", "the design has no blocks", "declare at least one station");
      } else if (blocks->size() > max_blocks) {
        diagnostics.error("/blocks", "more than " + std::to_string(max_blocks) + " blocks",
                          "a design this large is not a system-design sketch; split it");
      } else {
        for (auto it = blocks->begin(); it != blocks->end(); ++it) {
          declared_blocks.push_back(it.key());
          read_block(it.key(), it.value(), "/blocks/" + pointer_token(it.key()), design, diagnostics);
        }
      }
    }
    if (const Json* flows = top.member(format::design_flows)) {
      if (flows->empty()) diagnostics.error("/flows", "the design has no flows", "declare at least one flow");
      for (auto it = flows->begin(); it != flows->end(); ++it) {
        read_flow(it.key(), it.value(), "/flows/" + pointer_token(it.key()), design, diagnostics);
      }
    }
    top.finish();
  }
  resolve_placement(design, diagnostics);
  check_references(design, declared_blocks, diagnostics);
  locate(diagnostics, doc);
  if (diagnostics.empty()) out.value = std::move(design);
}

}  // namespace

std::optional<double> BlockParams::number(std::string_view name) const {
  auto it = numbers.find(name);
  if (it == numbers.end()) return std::nullopt;
  return it->second;
}

std::string BlockParams::text_or(std::string_view name, const std::string& fallback) const {
  auto it = texts.find(name);
  return it == texts.end() ? fallback : it->second;
}

const Distribution* BlockParams::distribution(std::string_view name) const {
  auto it = distributions.find(name);
  return it == distributions.end() ? nullptr : &it->second;
}

const BlockSpec* Design::find_block(const std::string& block_name) const {
  for (const BlockSpec& b : blocks) {
    if (b.name == block_name) return &b;
  }
  return nullptr;
}

const FlowSpec* Design::find_flow(const std::string& flow_name) const {
  for (const FlowSpec& f : flows) {
    if (f.name == flow_name) return &f;
  }
  return nullptr;
}

Loaded<Design> load_design_file(const std::string& path, const std::vector<Override>& overrides) {
  Loaded<Design> out;
  auto doc = read_json_document(path, out.diagnostics);
  if (!doc) return out;
  apply_overrides(*doc, overrides, Override::Target::design, out.diagnostics);
  if (!out.diagnostics.empty()) {
    locate(out.diagnostics, *doc);
    return out;
  }
  load_design(*doc, out);
  mark_overridden(out.diagnostics, overrides, Override::Target::design);
  return out;
}

Loaded<Design> load_design_text(const std::string& name, std::string text) {
  Loaded<Design> out;
  auto doc = parse_json_document(name, std::move(text), out.diagnostics);
  if (doc) load_design(*doc, out);
  return out;
}

}  // namespace sdsim
