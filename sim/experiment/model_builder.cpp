#include "sim/experiment/model_builder.hpp"

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
  plan.nodes.push_back(node);
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
  std::vector<std::vector<SimTime>> latency(zones.size(), std::vector<SimTime>(zones.size()));
  for (std::size_t a = 0; a < zones.size(); ++a) {
    for (std::size_t b = 0; b < zones.size(); ++b)
      latency[a][b] = from_ms(one_way_ms(a, b));
  }
  Network network(std::move(latency));
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
      OpenSourceDef def{load.rate_per_s, flow_ids.at(flow.name), block_ids.at(flow.entry()), scenario.keys};
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
    plan.flow_roots.push_back(f.root.calls.empty() ? no_node : add_call(f.root, block_ids, plan));
  }
  engine.set_call_plan(std::move(plan));
  engine.set_network(build_network(design, block_ids));
  return out;
}

}  // namespace sdsim
