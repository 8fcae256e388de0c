#include "sim/experiment/model_builder.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "sim/blocks/closed_source.hpp"
#include "sim/blocks/open_source.hpp"
#include "sim/experiment/block_factory.hpp"
#include "sim/experiment/network_builder.hpp"
#include "sim/experiment/price_builder.hpp"

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
// plan.children, recorded once the node's whole subtree has been placed. The calls of a block in `selecting`
// (a DNS name) are made only when that block picks them (CallCondition::selected).
std::uint32_t add_call(const CallSpec& call, const std::map<std::string, BlockId>& block_ids,
                       const std::set<BlockId>& selecting, CallPlan& plan, bool selected = false) {
  auto index = static_cast<std::uint32_t>(plan.nodes.size());
  CallNode node;
  node.block = block_ids.at(call.to);
  node.parallel = call.parallel;
  node.async = call.async;
  node.condition = selected ? CallCondition::selected : call.condition;
  node.probability = call.probability;
  node.operation = operation_named(call.operation);
  if (call.guard.any()) {
    node.guard = static_cast<std::uint32_t>(plan.guards.size());
    plan.guards.push_back(call.guard);
  }
  plan.nodes.push_back(node);
  plan.payloads.push_back({bytes_of_kb(call.request_kb), bytes_of_kb(call.response_kb)});
  std::vector<std::uint32_t> children;
  const bool selects = selecting.count(node.block) != 0;
  for (const CallSpec& child : call.calls)
    children.push_back(add_call(child, block_ids, selecting, plan, selects));
  plan.nodes[index].first_child = static_cast<std::uint32_t>(plan.children.size());
  plan.nodes[index].child_count = static_cast<std::uint32_t>(children.size());
  plan.children.insert(plan.children.end(), children.begin(), children.end());
  return index;
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

// A fault with names resolved to ids and zones.
FaultDef resolve(const ZoneLayout& layout, const FaultSpec& spec,
                 const std::map<std::string, BlockId>& block_ids) {
  FaultDef f;
  f.type = fault_type_named(spec.type);
  f.start = from_s(spec.start_s);
  f.duration = from_s(spec.duration_s);
  if (!spec.block.empty()) f.block = block_ids.at(spec.block);
  f.instances = spec.instances;
  f.count = spec.type == "capacity_reduction" ? spec.reduce_by : spec.count;
  f.node = spec.node;
  if (!spec.zone.empty()) f.zone = layout.zones_of_place(spec.zone).front();
  if (spec.type == "region_isolation") {
    // Cut off from every client (its own region's too) and every other region: the region's zones against
    // all the others.
    f.side_a = layout.zones_of_place(spec.region);
    for (std::size_t z = 0; z < layout.zones.size(); ++z) {
      if (std::find(f.side_a.begin(), f.side_a.end(), z) == f.side_a.end())
        f.side_b.push_back(static_cast<ZoneId>(z));
    }
  } else if (spec.between.size() == 2) {
    f.side_a = layout.zones_of_place(spec.between[0]);
    f.side_b = layout.zones_of_place(spec.between[1]);
  }
  f.latency = from_ms(spec.latency_ms);
  f.loss = spec.loss;
  f.slowdown = spec.slowdown;
  f.error_rate = spec.error_rate;
  return f;
}

// Sources come first, then the design's blocks in file order; ids follow insertion order.
std::map<std::string, BlockId> design_block_ids(const Design& design, const Scenario& scenario) {
  const auto first_block = static_cast<BlockId>(scenario.loads.size());
  std::map<std::string, BlockId> block_ids;
  for (std::size_t i = 0; i < design.blocks.size(); ++i)
    block_ids[design.blocks[i].name] = first_block + static_cast<BlockId>(i);
  return block_ids;
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
  const std::map<std::string, BlockId> block_ids = design_block_ids(design, scenario);

  const ZoneLayout layout = lay_out_zones(design);
  for (const LoadSpec& load : scenario.loads) {
    TrafficMix mix;
    if (load.mix.empty()) {
      mix.flows.push_back({flow_ids.at(load.flow), block_ids.at(design.find_flow(load.flow)->entry()), 1});
    } else {
      for (const ShareSpec& m : load.mix)
        mix.flows.push_back({flow_ids.at(m.name), block_ids.at(design.find_flow(m.name)->entry()), m.share});
    }
    for (const ShareSpec& c : load.clients.empty() ? scenario.clients : load.clients)
      mix.origins.push_back({layout.clients_of(c.name), c.share});
    const FlowId flow = mix.flows.front().flow;
    const BlockId entry = mix.flows.front().entry;
    std::string name = "client:" + load.flow;
    Rng rng = engine.stream(name);
    Rng key_rng = engine.stream(name + "/keys");
    Rng mix_rng = engine.stream(name + "/mix");
    if (load.type == LoadSpec::Type::open) {
      OpenSourceDef def{load.profile, load.trace, flow, entry, scenario.keys, std::move(mix)};
      engine.add_block(std::make_unique<OpenSource>(name, std::move(def), rng, key_rng, mix_rng));
    } else {
      ClosedSourceDef def{load.users, load.think, flow, entry, scenario.keys, std::move(mix)};
      engine.add_block(std::make_unique<ClosedSource>(name, std::move(def), rng, key_rng, mix_rng));
    }
  }
  std::map<std::string, FlowId> consumer_flows;
  for (const FlowSpec& f : design.flows) {
    if (!f.consume.empty()) consumer_flows[f.consume] = flow_ids.at(f.name);
  }
  std::map<std::string, std::shared_ptr<GlobalTable>> global_tables;
  BlockContext context{engine, block_ids, &consumer_flows, &design, &global_tables};
  out.prices.resize(engine.block_count());
  for (const BlockSpec& block : design.blocks) {
    engine.add_block(make_block(block, context));
    out.prices.push_back(price_model_of(block));
  }
  out.transfer_prices = transfer_prices_of(design.network);
  // Flows with calls get a plan; the others are a single visit to their entry block.
  CallPlan plan;
  std::set<BlockId> selecting;  // blocks that pick one of their calls per request
  for (const BlockSpec& block : design.blocks) {
    if (block.kind == "dns") selecting.insert(block_ids.at(block.name));
  }
  for (const FlowSpec& f : design.flows) {
    // A flow without calls gets a plan node only to carry its sizes or the client's resilience (it then
    // behaves as a plain visit) or to say what it asks of its block ("op").
    bool plain =
        f.root.calls.empty() && !carries_payload(f.root) && !f.root.guard.any() && f.root.operation == "call";
    plan.flow_roots.push_back(plain ? no_node : add_call(f.root, block_ids, selecting, plan));
  }
  // Without any size the engine's hops skip payloads altogether.
  if (std::none_of(plan.payloads.begin(), plan.payloads.end(),
                   [](const CallPayload& p) { return p.request_bytes > 0 || p.response_bytes > 0; })) {
    plan.payloads.clear();
  }
  engine.set_call_plan(std::move(plan));
  engine.set_network(build_network(design, layout, block_ids));
  if (!scenario.faults.empty()) {
    std::vector<FaultDef> faults;
    for (const FaultSpec& spec : scenario.faults)
      faults.push_back(resolve(layout, spec, block_ids));
    out.faults = std::make_unique<FaultInjector>(std::move(faults), engine.stream("faults/injector"));
    out.faults->install(engine);
  }
  return out;
}

FaultDef resolve_fault(const Design& design, const Scenario& scenario, const FaultSpec& spec) {
  return resolve(lay_out_zones(design), spec, design_block_ids(design, scenario));
}

}  // namespace sdsim
