#include "sim/design/fault_reader.hpp"

#include <algorithm>
#include <cmath>

#include "sim/catalog/fault_params.hpp"
#include "sim/catalog/param_spec.hpp"
#include "sim/design/object_reader.hpp"

namespace sdsim {

namespace {

using namespace format;

const FaultBranch* branch_of(const std::string& type) {
  for (const FaultBranch& b : fault_branches) {
    if (b.type == type) return &b;
  }
  return nullptr;
}

bool takes(const FaultBranch& b, const ParamSpec& spec) {
  return std::find(b.params.begin(), b.params.end(), &spec) != b.params.end();
}

std::string list_words(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words)
    out += (out.empty() ? "" : ", ") + w;
  return out;
}

std::string seconds_text(double s) {
  return number_text(s) + " s";
}

// The two names of "between": two strings.
std::vector<std::string> read_between(const Json& list, const std::string& pointer,
                                      Diagnostics& diagnostics) {
  std::vector<std::string> sides;
  bool ok = list.size() == 2;
  for (const Json& item : list) {
    if (!item.is_string()) {
      ok = false;
      break;
    }
    sides.push_back(item.get<std::string>());
  }
  if (!ok) {
    diagnostics.error(
        pointer, "\"between\" must name exactly two sides",
        "write [\"ZONE or REGION\", \"ZONE or REGION\"], e.g. [\"us-east-1a\", \"us-east-1b\"]");
    return {};
  }
  if (sides[0] == sides[1]) {
    diagnostics.error(pointer, "both sides of \"between\" are \"" + sides[0] + "\"",
                      "name two different zones or regions");
  }
  return sides;
}

std::vector<std::uint32_t> read_instance_list(const Json& list, const std::string& pointer,
                                              Diagnostics& diagnostics) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Json& item = list[i];
    if (!item.is_number_integer() || item.get<std::int64_t>() < 0 || item.get<std::int64_t>() > 1'000'000) {
      diagnostics.error(pointer + "/" + std::to_string(i), "an instance index must be an integer from 0",
                        "write instance indices: [0, 2]");
      continue;
    }
    out.push_back(static_cast<std::uint32_t>(item.get<std::int64_t>()));
  }
  if (list.empty())
    diagnostics.error(pointer, "no instance is listed", "list at least one index, or give count");
  return out;
}

FaultSpec read_fault(const Json& value, const std::string& pointer, double run_s, Diagnostics& diagnostics) {
  FaultSpec f;
  f.pointer = pointer;
  ObjectReader r(value, pointer, diagnostics, "the fault");
  const FaultBranch* branch = nullptr;
  if (auto type = r.text(fault_type)) {
    f.type = *type;
    branch = branch_of(*type);
  }
  if (!branch) {
    // Without a known type the other keys cannot be judged; do not call them unknown as well.
    for (const FaultBranch& b : fault_branches) {
      for (const ParamSpec* spec : b.params)
        r.allow(spec->name);
    }
    r.finish();
    return f;
  }
  if (auto v = r.number(fault_start)) {
    f.start_s = *v;
    if (*v >= run_s) {
      diagnostics.error(
          r.child_pointer("start_s"),
          "the fault starts at " + seconds_text(*v) + ", when the run has ended (at " + seconds_text(run_s) +
              ", warm-up included)",
          "start it before " + seconds_text(run_s) + ", or lengthen duration_s of the scenario");
    }
  }
  if (takes(*branch, fault_duration)) {
    if (auto v = r.number(fault_duration)) {
      f.duration_s = *v;
      if (*v <= 0) {
        diagnostics.error(r.child_pointer("duration_s"), "the fault lasts 0 s",
                          "give duration_s more than 0 (seconds)");
      }
    }
  }
  if (takes(*branch, fault_block)) f.block = r.text(fault_block).value_or("");
  if (takes(*branch, fault_zone)) f.zone = r.text(fault_zone).value_or("");
  if (takes(*branch, fault_region)) f.region = r.text(fault_region).value_or("");
  if (takes(*branch, fault_between)) {
    if (const Json* list = r.member(fault_between))
      f.between = read_between(*list, r.child_pointer("between"), diagnostics);
  }
  if (takes(*branch, fault_count)) {
    auto count = r.integer(fault_count);
    if (!r.has("count")) count.reset();
    const Json* list = r.member(fault_instance_list);
    if (count) f.count = static_cast<std::uint32_t>(*count);
    if (list) f.instances = read_instance_list(*list, r.child_pointer("instances"), diagnostics);
    if (count && list) {
      diagnostics.error(r.child_pointer("count"), "both count and instances are given",
                        "give count (instances chosen at random) or instances (these indices), not both");
    } else if (r.is_object() && !r.has("count") && !r.has("instances")) {
      diagnostics.error(pointer, "the fault names no instance",
                        "add \"count\": N (chosen at random) or \"instances\": [0, ...]");
    }
  }
  if (takes(*branch, fault_instance_count)) {
    if (auto v = r.integer(fault_instance_count)) f.reduce_by = static_cast<std::uint32_t>(*v);
  }
  if (takes(*branch, fault_node)) {
    if (auto v = r.integer(fault_node)) f.node = static_cast<std::uint32_t>(*v);
  }
  if (takes(*branch, fault_latency)) f.latency_ms = r.number(fault_latency).value_or(0);
  if (takes(*branch, fault_loss)) f.loss = r.number(fault_loss).value_or(0);
  if (takes(*branch, fault_slowdown)) {
    f.slowdown = r.number(fault_slowdown).value_or(1);
    f.error_rate = r.number(fault_error_rate).value_or(0);
    if (r.is_object() && !r.has("slowdown") && !r.has("error_rate")) {
      diagnostics.error(pointer, "the brownout neither slows the block nor fails calls",
                        "add \"slowdown\": 3 (service times x3) and/or \"error_rate\": 0.2");
    }
  }
  r.finish();
  return f;
}

bool overlap(const FaultSpec& a, const FaultSpec& b) {
  return a.start_s < b.start_s + b.duration_s && b.start_s < a.start_s + a.duration_s;
}

// What makes two faults of one type contradict each other while both last: the same target.
std::string exclusive_target(const FaultSpec& f) {
  if (f.type == "az_power_interruption") return "zone \"" + f.zone + "\"";
  if (f.type == "region_isolation") return "region \"" + f.region + "\"";
  if (f.type == "brownout") return "block \"" + f.block + "\"";
  return {};
}

void check_overlaps(const std::vector<FaultSpec>& faults, Diagnostics& diagnostics) {
  for (std::size_t j = 0; j < faults.size(); ++j) {
    const std::string target = exclusive_target(faults[j]);
    if (target.empty()) continue;
    for (std::size_t i = 0; i < j; ++i) {
      if (faults[i].type != faults[j].type || exclusive_target(faults[i]) != target) continue;
      if (!overlap(faults[i], faults[j])) continue;
      diagnostics.error(faults[j].pointer,
                        "this " + faults[j].type + " of " + target + " overlaps the one at " +
                            faults[i].pointer + " (from " + seconds_text(faults[i].start_s) + " for " +
                            seconds_text(faults[i].duration_s) + ")",
                        "start it after " + seconds_text(faults[i].start_s + faults[i].duration_s) +
                            ", or merge the two into one fault");
    }
  }
}

}  // namespace

std::vector<FaultSpec> read_faults(const Json& value, double run_s, Diagnostics& diagnostics) {
  std::vector<FaultSpec> faults;
  const std::size_t before = diagnostics.size();
  for (std::size_t i = 0; i < value.size(); ++i)
    faults.push_back(read_fault(value[i], "/faults/" + std::to_string(i), run_s, diagnostics));
  if (diagnostics.size() == before) check_overlaps(faults, diagnostics);
  return faults;
}

void check_faults_fit(const std::vector<FaultSpec>& faults, const Design& design, Diagnostics& diagnostics) {
  std::vector<std::string> blocks;
  for (const BlockSpec& b : design.blocks)
    blocks.push_back(b.name);
  std::vector<std::string> zones;
  std::vector<std::string> regions;
  for (const RegionSpec& r : design.regions) {
    regions.push_back(r.name);
    zones.insert(zones.end(), r.zones.begin(), r.zones.end());
  }
  auto unknown = [&](const std::string& pointer, const std::string& what, const std::string& name,
                     const std::vector<std::string>& known, const std::string& plural = {}) {
    const std::string whats = plural.empty() ? what + "s" : plural;
    std::string guess = closest_match(name, known);
    std::string hint = guess.empty() ? std::string() : "did you mean \"" + guess + "\"? ";
    hint += known.empty() ? "the design declares no " + whats + " (add \"regions\" to it)"
                          : "the design's " + whats + ": " + list_words(known);
    diagnostics.error(pointer, "the design \"" + design.name + "\" has no " + what + " \"" + name + "\"",
                      hint);
  };
  auto region_of_zone = [&](const std::string& zone) -> std::string {
    for (const RegionSpec& r : design.regions) {
      if (std::find(r.zones.begin(), r.zones.end(), zone) != r.zones.end()) return r.name;
    }
    return {};
  };
  for (const FaultSpec& f : faults) {
    const FaultBranch* branch = branch_of(f.type);
    if (!branch) continue;
    if (takes(*branch, fault_block)) {
      const BlockSpec* block = design.find_block(f.block);
      if (!block) {
        unknown(f.pointer + "/block", "block", f.block, blocks);
      } else if (!branch->block_kind.empty() && block->kind != branch->block_kind) {
        diagnostics.error(f.pointer + "/block",
                          "block \"" + f.block + "\" is a " + block->kind + "; " + f.type + " needs a " +
                              std::string(branch->block_kind) + " block",
                          "name a " + std::string(branch->block_kind) + " block of the design");
      } else if (block->kind == "compute") {
        const auto count = static_cast<std::uint32_t>(block->params.number_or("instances", 1));
        for (std::size_t k = 0; k < f.instances.size(); ++k) {
          if (f.instances[k] < count) continue;
          diagnostics.error(f.pointer + "/instances/" + std::to_string(k),
                            "block \"" + f.block + "\" starts with " + std::to_string(count) +
                                " instances: there is no instance " + std::to_string(f.instances[k]),
                            "use indices 0 to " + std::to_string(count - 1));
        }
        const std::uint32_t asked = std::max(f.count, f.reduce_by);
        if (asked > count) {
          diagnostics.error(f.pointer + (f.count > 0 ? "/count" : "/instances"),
                            "block \"" + f.block + "\" starts with " + std::to_string(count) +
                                " instances, fewer than " + std::to_string(asked),
                            "ask for at most " + std::to_string(count));
        }
      } else if (block->kind == "cache") {
        const auto nodes = static_cast<std::uint32_t>(block->params.number_or("nodes", 1));
        if (f.node >= nodes) {
          diagnostics.error(f.pointer + "/node",
                            "cache \"" + f.block + "\" has " + std::to_string(nodes) +
                                " nodes: there is no node " + std::to_string(f.node),
                            "use a node index from 0 to " + std::to_string(nodes - 1));
        }
      }
    }
    if (takes(*branch, fault_zone) && std::find(zones.begin(), zones.end(), f.zone) == zones.end()) {
      unknown(f.pointer + "/zone", "zone", f.zone, zones);
    }
    if (takes(*branch, fault_region) &&
        std::find(regions.begin(), regions.end(), f.region) == regions.end()) {
      unknown(f.pointer + "/region", "region", f.region, regions);
    }
    if (takes(*branch, fault_between) && f.between.size() == 2) {
      std::vector<std::string> places = zones;
      places.insert(places.end(), regions.begin(), regions.end());
      bool known = true;
      for (std::size_t k = 0; k < 2; ++k) {
        if (std::find(places.begin(), places.end(), f.between[k]) != places.end()) continue;
        unknown(f.pointer + "/between/" + std::to_string(k), "zone or region", f.between[k], places,
                "zones and regions");
        known = false;
      }
      // A zone and the region holding it share hops with themselves: no hop is "between" them.
      for (std::size_t k = 0; known && k < 2; ++k) {
        if (region_of_zone(f.between[k]) == f.between[1 - k]) {
          diagnostics.error(f.pointer + "/between",
                            "zone \"" + f.between[k] + "\" is in region \"" + f.between[1 - k] +
                                "\": the two sides overlap",
                            "name two zones, two regions, or a zone and another region");
          break;
        }
      }
    }
  }
}

}  // namespace sdsim
