#pragma once
// The zones of a design and the network between them. Zone 0 is the clients of the first region, then come
// the design's Availability Zones in order, then the clients of each further region (at its edge).
#include <map>
#include <string>
#include <vector>

#include "sim/core/network.hpp"
#include "sim/design/design.hpp"

namespace sdsim {

struct ZoneLayout {
  struct Zone {
    std::string name;    // the Availability Zone; empty for a region's clients
    std::string region;  // the region it belongs to; empty in a design without regions
    bool clients = false;
  };
  std::vector<Zone> zones;  // indexed by ZoneId

  // The zone of a region's clients (client_zone for the first region, or without regions).
  ZoneId clients_of(const std::string& region) const;
  // An Availability Zone, or a region's Availability Zones, by name; empty when unknown.
  std::vector<ZoneId> zones_of_place(const std::string& place) const;
  // A region's zones and the zone of its clients.
  std::vector<ZoneId> region_with_clients(const std::string& region) const;
};

ZoneLayout lay_out_zones(const Design& design);

// Latency, bandwidth and hop class between every pair of zones, and each block's placement.
Network build_network(const Design& design, const ZoneLayout& layout,
                      const std::map<std::string, BlockId>& block_ids);

}  // namespace sdsim
