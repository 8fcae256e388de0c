#include "sim/experiment/network_builder.hpp"

#include <algorithm>

namespace sdsim {

namespace {

// One-way latency between two regions (ms): the design's own figure for the pair, else a measured one,
// else the design's default.
double region_pair_ms(const NetworkSpec& n, const std::string& a, const std::string& b) {
  if (a == b) return 0;
  for (const auto& [first, second] : {std::pair{&a, &b}, std::pair{&b, &a}}) {
    std::string key = *first;
    key += '|';
    key += *second;
    if (auto it = n.region_pairs.find(key); it != n.region_pairs.end()) return it->second;
  }
  // Measured round trip 55 ms
  // (https://dev.to/juanhcode/aws-multi-region-networking-what-actually-happens-between-regions-58g9).
  if ((a == "us-east-1" && b == "us-west-2") || (a == "us-west-2" && b == "us-east-1")) return 27.5;
  return n.cross_region_ms;
}

}  // namespace

ZoneId ZoneLayout::clients_of(const std::string& region) const {
  for (std::size_t i = 0; i < zones.size(); ++i) {
    if (zones[i].clients && zones[i].region == region) return static_cast<ZoneId>(i);
  }
  return client_zone;
}

std::vector<ZoneId> ZoneLayout::zones_of_place(const std::string& place) const {
  std::vector<ZoneId> out;
  for (std::size_t i = 0; i < zones.size(); ++i) {
    if (!zones[i].clients && (zones[i].name == place || zones[i].region == place))
      out.push_back(static_cast<ZoneId>(i));
  }
  return out;
}

std::vector<ZoneId> ZoneLayout::region_with_clients(const std::string& region) const {
  std::vector<ZoneId> out = zones_of_place(region);
  out.push_back(clients_of(region));
  return out;
}

ZoneLayout lay_out_zones(const Design& design) {
  ZoneLayout layout;
  layout.zones.push_back({"", design.regions.empty() ? "" : design.regions.front().name, true});
  for (const RegionSpec& r : design.regions) {
    for (const std::string& z : r.zones)
      layout.zones.push_back({z, r.name, false});
  }
  for (std::size_t i = 1; i < design.regions.size(); ++i)
    layout.zones.push_back({"", design.regions[i].name, true});
  return layout;
}

Network build_network(const Design& design, const ZoneLayout& layout,
                      const std::map<std::string, BlockId>& block_ids) {
  if (design.regions.empty()) return Network();
  const std::vector<ZoneLayout::Zone>& zones = layout.zones;
  const NetworkSpec& n = design.network;
  auto one_way_ms = [&](std::size_t a, std::size_t b) {
    const double between_regions = region_pair_ms(n, zones[a].region, zones[b].region);
    if (zones[a].clients && zones[b].clients) return between_regions;
    if (zones[a].clients || zones[b].clients) return n.client_ms + between_regions;
    if (a == b) return n.same_az_ms;
    return zones[a].region == zones[b].region ? n.cross_az_ms : between_regions;
  };
  auto hop_class = [&](std::size_t a, std::size_t b) {
    if (zones[a].clients && zones[b].clients) return HopClass::none;
    if (zones[a].clients) return HopClass::internet_in;
    if (zones[b].clients) return HopClass::internet_out;
    if (a == b) return HopClass::same_az;
    return zones[a].region == zones[b].region ? HopClass::cross_az : HopClass::cross_region;
  };
  // A payload crosses the hop at its class's bandwidth; clients reaching another region at the slower of
  // their own link and the cross-region one.
  auto gbps = [&](std::size_t a, std::size_t b) {
    switch (hop_class(a, b)) {
      case HopClass::same_az:
        return n.same_az_gbps;
      case HopClass::cross_az:
        return n.cross_az_gbps;
      case HopClass::cross_region:
        return n.cross_region_gbps;
      case HopClass::internet_in:
      case HopClass::internet_out:
        return zones[a].region == zones[b].region ? n.client_gbps
                                                  : std::min(n.client_gbps, n.cross_region_gbps);
      case HopClass::none:
        break;
    }
    return 0.0;
  };
  const std::size_t count = zones.size();
  std::vector<std::vector<SimTime>> latency(count, std::vector<SimTime>(count));
  std::vector<std::vector<double>> ns_per_byte(count, std::vector<double>(count));
  std::vector<std::vector<HopClass>> classes(count, std::vector<HopClass>(count));
  for (std::size_t a = 0; a < count; ++a) {
    for (std::size_t b = 0; b < count; ++b) {
      latency[a][b] = from_ms(one_way_ms(a, b));
      classes[a][b] = hop_class(a, b);
      double rate = gbps(a, b);  // Gbit/s = bits per ns
      ns_per_byte[a][b] = rate > 0 ? 8 / rate : 0;
    }
  }
  Network network(std::move(latency));
  network.set_links(std::move(ns_per_byte), std::move(classes));
  for (const BlockSpec& block : design.blocks) {
    std::vector<ZoneId> placed;
    for (const std::string& z : block.placement) {
      std::vector<ZoneId> found = layout.zones_of_place(z);
      placed.insert(placed.end(), found.begin(), found.end());
    }
    network.place(block_ids.at(block.name), std::move(placed));
  }
  return network;
}

}  // namespace sdsim
