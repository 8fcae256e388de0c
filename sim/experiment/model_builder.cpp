#include "sim/experiment/model_builder.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "sim/blocks/closed_source.hpp"
#include "sim/blocks/open_source.hpp"
#include "sim/experiment/block_factory.hpp"

namespace sdsim {

namespace {

Operation operation_named(const std::string& name) {
  static const std::map<std::string, Operation> operations{
      {"call", Operation::call},    {"read", Operation::read},       {"write", Operation::write},
      {"get", Operation::get},      {"set", Operation::set},         {"delete", Operation::remove},
      {"send", Operation::send},    {"receive", Operation::receive}, {"query", Operation::query},
      {"invoke", Operation::invoke}};
  return operations.at(name);
}

std::uint64_t bytes_of_kb(double kb) {
  return static_cast<std::uint64_t>(std::llround(kb * 1000));
}

bool carries_payload(const CallSpec& call) {
  return call.request_kb > 0 || call.response_kb > 0;
}

// Appends `call` and its subtree to the plan and returns its node index. A node's children are contiguous in
// plan.children, recorded once the node's whole subtree has been placed.
std::uint32_t add_call(const CallSpec& call, const std::map<std::string, BlockId>& block_ids,
                       CallPlan& plan) {
  auto index = static_cast<std::uint32_t>(plan.nodes.size());
  CallNode node;
  node.block = block_ids.at(call.to);
  node.parallel = call.parallel;
  node.async = call.async;
  node.condition = call.condition;
  node.probability = call.probability;
  node.operation = operation_named(call.operation);
  if (call.guard.any()) {
    node.guard = static_cast<std::uint32_t>(plan.guards.size());
    plan.guards.push_back(call.guard);
  }
  plan.nodes.push_back(node);
  plan.payloads.push_back({bytes_of_kb(call.request_kb), bytes_of_kb(call.response_kb)});
  std::vector<std::uint32_t> children;
  for (const CallSpec& child : call.calls)
    children.push_back(add_call(child, block_ids, plan));
  plan.nodes[index].first_child = static_cast<std::uint32_t>(plan.children.size());
  plan.nodes[index].child_count = static_cast<std::uint32_t>(children.size());
  plan.children.insert(plan.children.end(), children.begin(), children.end());
  return index;
}

double region_pair_ms(const NetworkSpec& n, const std::string& a, const std::string& b) {
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

// Zone 0 is the clients (at the first region's edge); zones 1.. are the design's Availability Zones in order.
Network build_network(const Design& design, const std::map<std::string, BlockId>& block_ids) {
  if (design.regions.empty()) return Network();
  std::vector<std::pair<std::string, std::string>> zones{{"", ""}};  // (zone, region)
  for (const RegionSpec& r : design.regions) {
    for (const std::string& z : r.zones)
      zones.emplace_back(z, r.name);
  }
  const NetworkSpec& n = design.network;
  const std::string& home = design.regions.front().name;
  auto one_way_ms = [&](std::size_t a, std::size_t b) {
    if (a == 0 && b == 0) return 0.0;
    if (a == 0 || b == 0) {
      const std::string& region = zones[a == 0 ? b : a].second;
      return n.client_ms + (region == home ? 0.0 : region_pair_ms(n, home, region));
    }
    if (a == b) return n.same_az_ms;
    if (zones[a].second == zones[b].second) return n.cross_az_ms;
    return region_pair_ms(n, zones[a].second, zones[b].second);
  };
  // A payload crosses the hop at its class's bandwidth; clients reaching another region at the slower of
  // their own link and the cross-region one.
  auto hop_class = [&](std::size_t a, std::size_t b) {
    if (a == 0 && b == 0) return HopClass::none;
    if (a == 0) return HopClass::internet_in;
    if (b == 0) return HopClass::internet_out;
    if (a == b) return HopClass::same_az;
    return zones[a].second == zones[b].second ? HopClass::cross_az : HopClass::cross_region;
  };
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
        return zones[a == 0 ? b : a].second == home ? n.client_gbps
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
      for (std::size_t i = 1; i < zones.size(); ++i) {
        if (zones[i].first == z) placed.push_back(static_cast<ZoneId>(i));
      }
    }
    network.place(block_ids.at(block.name), std::move(placed));
  }
  return network;
}

FaultType fault_type_named(const std::string& type) {
  static const std::map<std::string, FaultType> types{
      {"instance_termination", FaultType::instance_termination},
      {"az_power_interruption", FaultType::az_power_interruption},
      {"region_isolation", FaultType::network_partition},
      {"network_partition", FaultType::network_partition},
      {"added_latency", FaultType::added_latency},
      {"packet_loss", FaultType::packet_loss},
      {"brownout", FaultType::brownout},
      {"writer_failover", FaultType::writer_failover},
      {"cache_node_loss", FaultType::cache_node_loss},
      {"capacity_reduction", FaultType::capacity_reduction}};
  return types.at(type);
}

// The scenario's faults with names resolved to ids; zones numbered as build_network numbers them.
std::vector<FaultDef> resolve_faults(const Design& design, const Scenario& scenario,
                                     const std::map<std::string, BlockId>& block_ids) {
  std::map<std::string, std::vector<ZoneId>> places;  // a zone or a region: its zones
  std::vector<ZoneId> every_zone{client_zone};
  ZoneId next = 1;
  for (const RegionSpec& r : design.regions) {
    for (const std::string& z : r.zones) {
      places[z] = {next};
      places[r.name].push_back(next);
      every_zone.push_back(next++);
    }
  }
  std::vector<FaultDef> faults;
  for (const FaultSpec& spec : scenario.faults) {
    FaultDef f;
    f.type = fault_type_named(spec.type);
    f.start = from_s(spec.start_s);
    f.duration = from_s(spec.duration_s);
    if (!spec.block.empty()) f.block = block_ids.at(spec.block);
    f.instances = spec.instances;
    f.count = spec.type == "capacity_reduction" ? spec.reduce_by : spec.count;
    f.node = spec.node;
    if (!spec.zone.empty()) f.zone = places.at(spec.zone).front();
    if (spec.type == "region_isolation") {
      // Cut off from clients and every other region: the region's zones against all the others.
      f.side_a = places.at(spec.region);
      for (ZoneId z : every_zone) {
        if (std::find(f.side_a.begin(), f.side_a.end(), z) == f.side_a.end()) f.side_b.push_back(z);
      }
    } else if (spec.between.size() == 2) {
      f.side_a = places.at(spec.between[0]);
      f.side_b = places.at(spec.between[1]);
    }
    f.latency = from_ms(spec.latency_ms);
    f.loss = spec.loss;
    f.slowdown = spec.slowdown;
    f.error_rate = spec.error_rate;
    faults.push_back(std::move(f));
  }
  return faults;
}

}  // namespace

BuiltModel build_model(const Design& design, const Scenario& scenario, std::uint64_t replication_seed) {
  BuiltModel out;
  out.engine = std::make_unique<Engine>(replication_seed);
  Engine& engine = *out.engine;

  std::map<std::string, FlowId> flow_ids;
  for (const FlowSpec& f : design.flows) {
    flow_ids[f.name] = static_cast<FlowId>(out.flow_names.size());
    out.flow_names.push_back(f.name);
  }
  // Sources come first, then the design's blocks in file order; ids follow insertion order.
  const auto first_block = static_cast<BlockId>(scenario.loads.size());
  std::map<std::string, BlockId> block_ids;
  for (std::size_t i = 0; i < design.blocks.size(); ++i) {
    block_ids[design.blocks[i].name] = first_block + static_cast<BlockId>(i);
  }

  for (const LoadSpec& load : scenario.loads) {
    const FlowSpec& flow = *design.find_flow(load.flow);
    std::string name = "client:" + load.flow;
    Rng rng = engine.stream(name);
    if (load.type == LoadSpec::Type::open) {
      OpenSourceDef def{load.profile, load.trace, flow_ids.at(flow.name), block_ids.at(flow.entry()),
                        scenario.keys};
      engine.add_block(std::make_unique<OpenSource>(name, def, rng, engine.stream(name + "/keys")));
    } else {
      ClosedSourceDef def{load.users, load.think, flow_ids.at(flow.name), block_ids.at(flow.entry()),
                          scenario.keys};
      engine.add_block(std::make_unique<ClosedSource>(name, def, rng, engine.stream(name + "/keys")));
    }
  }
  std::map<std::string, FlowId> consumer_flows;
  for (const FlowSpec& f : design.flows) {
    if (!f.consume.empty()) consumer_flows[f.consume] = flow_ids.at(f.name);
  }
  BlockContext context{engine, block_ids, &consumer_flows, &design};
  for (const BlockSpec& block : design.blocks)
    engine.add_block(make_block(block, context));
  // Flows with calls get a plan; the others are a single visit to their entry block.
  CallPlan plan;
  for (const FlowSpec& f : design.flows) {
    // A flow without calls gets a plan node only to carry its sizes or the client's resilience (it then
    // behaves as a plain visit).
    bool plain = f.root.calls.empty() && !carries_payload(f.root) && !f.root.guard.any();
    plan.flow_roots.push_back(plain ? no_node : add_call(f.root, block_ids, plan));
  }
  // Without any size the engine's hops skip payloads altogether.
  if (std::none_of(plan.payloads.begin(), plan.payloads.end(),
                   [](const CallPayload& p) { return p.request_bytes > 0 || p.response_bytes > 0; })) {
    plan.payloads.clear();
  }
  engine.set_call_plan(std::move(plan));
  engine.set_network(build_network(design, block_ids));
  if (!scenario.faults.empty()) {
    out.faults = std::make_unique<FaultInjector>(resolve_faults(design, scenario, block_ids),
                                                 engine.stream("faults/injector"));
    out.faults->install(engine);
  }
  return out;
}

}  // namespace sdsim
