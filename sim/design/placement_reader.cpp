#include "sim/design/placement_reader.hpp"

#include <algorithm>
#include <set>

#include "sim/catalog/block_catalog.hpp"
#include "sim/catalog/format_params.hpp"
#include "sim/design/object_reader.hpp"

namespace sdsim {

namespace {

constexpr std::size_t max_zones = 1000;

std::vector<std::string> all_places(const Design& design) {
  std::vector<std::string> names;
  for (const RegionSpec& r : design.regions) {
    names.push_back(r.name);
    names.insert(names.end(), r.zones.begin(), r.zones.end());
  }
  return names;
}

}  // namespace

void read_regions(const Json& value, Design& design, Diagnostics& diagnostics) {
  std::set<std::string> zones_seen;
  std::size_t zone_count = 0;
  for (auto it = value.begin(); it != value.end(); ++it) {
    std::string pointer = "/regions/" + pointer_token(it.key());
    if (!it.value().is_array() || it.value().empty()) {
      diagnostics.error(pointer,
                        "a region must list its Availability Zones, not " + json_type_words(it.value()),
                        "write \"" + it.key() + "\": [\"zone-a\", \"zone-b\"]");
      continue;
    }
    RegionSpec region{it.key(), {}};
    for (std::size_t i = 0; i < it.value().size(); ++i) {
      const Json& zone = it.value()[i];
      std::string at = pointer + "/" + std::to_string(i);
      if (!zone.is_string()) {
        diagnostics.error(at, "an Availability Zone is named by a string, not " + json_type_words(zone),
                          "write the zone's name, e.g. \"use1-az1\"");
        continue;
      }
      std::string name = zone.get<std::string>();
      if (!zones_seen.insert(name).second || value.contains(name)) {
        diagnostics.error(at, "\"" + name + "\" is declared twice (zone and region names must be unique)",
                          "give every zone and region its own name");
        continue;
      }
      if (++zone_count > max_zones) {
        diagnostics.error(at, "more than " + std::to_string(max_zones) + " Availability Zones",
                          "AWS regions have a handful of zones each; declare only those the design uses");
        return;
      }
      region.zones.push_back(name);
    }
    design.regions.push_back(std::move(region));
  }
}

void read_network(const Json& value, Design& design, Diagnostics& diagnostics) {
  ObjectReader r(value, "/network", diagnostics, "the network");
  if (!r.is_object()) return;
  NetworkSpec& n = design.network;
  if (auto v = r.number(format::network_same_az)) n.same_az_ms = *v;
  if (auto v = r.number(format::network_cross_az)) n.cross_az_ms = *v;
  if (auto v = r.number(format::network_cross_region)) n.cross_region_ms = *v;
  if (auto v = r.number(format::network_client)) n.client_ms = *v;
  if (auto v = r.number(format::network_same_az_gbps)) n.same_az_gbps = *v;
  if (auto v = r.number(format::network_cross_az_gbps)) n.cross_az_gbps = *v;
  if (auto v = r.number(format::network_cross_region_gbps)) n.cross_region_gbps = *v;
  if (auto v = r.number(format::network_client_gbps)) n.client_gbps = *v;
  if (auto v = r.number(format::network_cross_az_price)) n.cross_az_usd_per_gb = *v;
  if (auto v = r.number(format::network_cross_region_price)) n.cross_region_usd_per_gb = *v;
  if (auto v = r.number(format::network_internet_out_price)) n.internet_out_usd_per_gb = *v;
  if (const Json* pairs = r.member(format::network_region_pairs)) {
    for (auto it = pairs->begin(); it != pairs->end(); ++it) {
      std::string at = "/network/region_pairs_ms/" + pointer_token(it.key());
      bool well_formed = it.key().find('|') != std::string::npos;
      if (!well_formed || !it.value().is_number() || it.value().get<double>() < 0 ||
          it.value().get<double>() > 10'000) {
        diagnostics.error(at, "expected \"region-a|region-b\": a latency from 0 to 10000 ms",
                          "e.g. \"us-east-1|eu-west-1\": 38");
        continue;
      }
      n.region_pairs[it.key()] = it.value().get<double>();
    }
  }
  r.finish();
}

void resolve_placement(Design& design, Diagnostics& diagnostics) {
  std::vector<std::string> places = all_places(design);
  for (BlockSpec& block : design.blocks) {
    std::string pointer = block.pointer + "/placement";
    // A global service (Route 53) answers from everywhere: it stays unplaced, met in its caller's zone.
    const BlockKindSpec* kind = builtin_block_catalog().find(block.kind);
    if (kind && kind->global) {
      if (!block.placement.empty()) {
        diagnostics.error(pointer,
                          "a \"" + block.kind + "\" block is a global service and runs in no region or zone",
                          "remove \"placement\": the placements of the blocks it routes to decide where "
                          "requests go");
      }
      block.placement.clear();
      continue;
    }
    if (design.regions.empty()) {
      if (!block.placement.empty()) {
        diagnostics.error(
            pointer, "the design declares no regions to place blocks in",
            "add \"regions\": { \"us-east-1\": [\"use1-az1\", \"use1-az2\"] } at the top level");
      }
      continue;
    }
    if (block.placement.empty()) {
      block.placement = design.regions.front().zones;
      continue;
    }
    std::vector<std::string> zones;
    for (std::size_t i = 0; i < block.placement.size(); ++i) {
      const std::string& name = block.placement[i];
      auto region = std::find_if(design.regions.begin(), design.regions.end(),
                                 [&](const RegionSpec& r) { return r.name == name; });
      if (region != design.regions.end()) {
        zones.insert(zones.end(), region->zones.begin(), region->zones.end());
        continue;
      }
      if (std::find(places.begin(), places.end(), name) == places.end()) {
        std::string guess = closest_match(name, places);
        diagnostics.error(
            pointer + "/" + std::to_string(i),
            "\"" + name + "\" is not a region or Availability Zone of this design",
            guess.empty() ? "declare it under /regions or fix the name" : "did you mean \"" + guess + "\"?");
        continue;
      }
      zones.push_back(name);
    }
    std::sort(zones.begin(), zones.end());
    zones.erase(std::unique(zones.begin(), zones.end()), zones.end());
    block.placement = std::move(zones);
  }
}

}  // namespace sdsim
