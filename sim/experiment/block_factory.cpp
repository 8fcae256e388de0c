#include "sim/experiment/block_factory.hpp"

#include <stdexcept>

#include "sim/blocks/cache.hpp"
#include "sim/blocks/compute_pool.hpp"
#include "sim/blocks/dns_router.hpp"
#include "sim/blocks/function.hpp"
#include "sim/blocks/kv_database.hpp"
#include "sim/blocks/load_balancer.hpp"
#include "sim/blocks/queue.hpp"
#include "sim/blocks/quorum_database.hpp"
#include "sim/blocks/relational_database.hpp"
#include "sim/blocks/station.hpp"
#include "sim/blocks/storage.hpp"
#include "sim/blocks/stream.hpp"
#include "sim/experiment/network_builder.hpp"

namespace sdsim {

namespace {

std::unique_ptr<Block> make_station(const BlockSpec& spec, const BlockContext& context) {
  StationDef def;
  def.servers = spec.station.servers;
  def.queue_capacity = spec.station.queue_capacity;
  def.service = spec.station.service;
  for (const RouteSpec& hop : spec.next)
    def.route.add(context.block_ids.at(hop.to), hop.probability);
  return std::make_unique<Station>(spec.name, std::move(def), context.engine.stream(spec.name + "/service"),
                                   context.engine.stream(spec.name + "/route"));
}

std::unique_ptr<Block> make_kv_database(const BlockSpec& spec, const BlockContext& context) {
  const BlockParams& p = spec.params;
  KvDatabaseDef def;
  auto read_units = p.number("read_capacity_units");
  auto write_units = p.number("write_capacity_units");
  std::string mode = p.text_or("capacity_mode", read_units || write_units ? "provisioned" : "on_demand");
  def.provisioned = mode == "provisioned";
  def.partitions = static_cast<std::uint32_t>(p.number_or("partitions", def.partitions));
  def.read_capacity_units = read_units.value_or(def.read_capacity_units);
  def.write_capacity_units = write_units.value_or(def.write_capacity_units);
  def.partition_read_units = p.number_or("partition_read_units", def.partition_read_units);
  def.partition_write_units = p.number_or("partition_write_units", def.partition_write_units);
  def.burst_s = p.number_or("burst_s", def.burst_s);
  def.strong_reads = p.text_or("consistency", "eventual") == "strong";
  def.item_kb = p.number_or("item_kb", def.item_kb);
  if (const Distribution* latency = p.distribution("latency")) def.latency = *latency;
  if (const Distribution* lag = p.distribution("replication_lag")) def.replication_lag = *lag;
  if (const Distribution* lag = p.distribution("cross_region_lag")) def.cross_region_lag = *lag;
  auto table = std::make_unique<KvDatabase>(
      spec.name, std::move(def), context.engine.stream(spec.name + "/latency"),
      context.engine.stream(spec.name + "/replication"), context.engine.stream(spec.name + "/read-replica"));
  const std::string global = p.text_or("global_table", "");
  if (!global.empty() && context.design && context.global_tables) {
    // Members in design order: this block's index among the kv_database blocks naming the table.
    std::uint32_t members = 0, member = 0;
    for (const BlockSpec& b : context.design->blocks) {
      if (b.kind != "kv_database" || b.params.text_or("global_table", "") != global) continue;
      if (b.name == spec.name) member = members;
      ++members;
    }
    std::shared_ptr<GlobalTable>& shared = (*context.global_tables)[global];
    if (!shared) shared = std::make_shared<GlobalTable>(global, members);
    table->join_global_table(shared, member, context.engine.stream(spec.name + "/cross-region"));
  }
  return table;
}

std::unique_ptr<Block> make_relational_database(const BlockSpec& spec, const BlockContext& context) {
  const BlockParams& p = spec.params;
  RelationalDatabaseDef def;
  def.read_replicas = static_cast<std::uint32_t>(p.number_or("read_replicas", def.read_replicas));
  def.connections = static_cast<std::uint32_t>(p.number_or("connections", def.connections));
  def.queue_capacity =
      static_cast<std::uint64_t>(p.number_or("queue_capacity", static_cast<double>(def.queue_capacity)));
  def.read_routing =
      read_routing_named(p.text_or("read_routing", "replicas")).value_or(ReadRouting::replicas);
  if (const Distribution* d = p.distribution("read_time")) def.read_time = *d;
  if (const Distribution* d = p.distribution("write_time")) def.write_time = *d;
  def.failover_target =
      failover_target_named(p.text_or("failover_target", "replica")).value_or(FailoverTarget::replica);
  def.failover = from_s(p.number_or("failover_s", to_s(def.failover)));
  def.recovery = from_s(p.number_or("recovery_s", to_s(def.recovery)));
  if (const Distribution* d = p.distribution("replication_lag")) def.replication_lag = *d;
  // An asynchronous replica's lag is replica_lag; a design stating only replication_lag means that one.
  if (const Distribution* d = p.distribution("replica_lag")) {
    def.replica_lag = *d;
  } else if (const Distribution* r = p.distribution("replication_lag")) {
    def.replica_lag = *r;
  }
  def.lag_under_load = lag_under_load_named(p.text_or("lag_under_load", "processor_sharing"))
                           .value_or(LagUnderLoad::processor_sharing);
  def.session = session_reads_named(p.text_or("session", "any")).value_or(SessionReads::any);
  return std::make_unique<RelationalDatabase>(
      spec.name, std::move(def), context.engine.stream(spec.name + "/service"),
      context.engine.stream(spec.name + "/replica-lag"), context.engine.stream(spec.name + "/replication"));
}

// Throws std::invalid_argument when a quorum exceeds the replicas (the block reader checks each parameter's
// range, not their combination).
std::unique_ptr<Block> make_quorum_database(const BlockSpec& spec, const BlockContext& context) {
  const BlockParams& p = spec.params;
  QuorumDatabaseDef def;
  def.replicas = static_cast<std::uint32_t>(p.number_or("replicas", def.replicas));
  def.read_quorum = static_cast<std::uint32_t>(p.number_or("read_quorum", def.read_quorum));
  def.write_quorum = static_cast<std::uint32_t>(p.number_or("write_quorum", def.write_quorum));
  def.connections = static_cast<std::uint32_t>(p.number_or("connections", def.connections));
  if (auto q = p.number("queue_capacity")) def.queue_capacity = static_cast<std::uint64_t>(*q);
  if (const Distribution* d = p.distribution("read_time")) def.read_time = *d;
  if (const Distribution* d = p.distribution("write_time")) def.write_time = *d;
  if (const Distribution* d = p.distribution("coordinator_latency")) def.coordinator_latency = *d;
  def.read_repair = p.number_or("read_repair", 0) != 0;
  return std::make_unique<QuorumDatabase>(spec.name, std::move(def),
                                          context.engine.stream(spec.name + "/service"),
                                          context.engine.stream(spec.name + "/coordinator"));
}

std::unique_ptr<Block> make_cache(const BlockSpec& spec, const BlockContext& context) {
  const BlockParams& p = spec.params;
  CacheDef def;
  def.nodes = static_cast<std::uint32_t>(p.number_or("nodes", def.nodes));
  def.mode = cache_mode_named(p.text_or("mode", "cache_aside")).value_or(CacheMode::cache_aside);
  def.node_replacement = from_s(p.number_or("node_replacement_s", to_s(def.node_replacement)));
  def.capacity_items =
      static_cast<std::uint64_t>(p.number_or("capacity_items", static_cast<double>(def.capacity_items)));
  def.ttl = from_s(p.number_or("ttl_s", 0));
  def.servers = static_cast<std::uint32_t>(p.number_or("servers", def.servers));
  if (auto q = p.number("queue_capacity")) def.queue_capacity = static_cast<std::uint64_t>(*q);
  if (const Distribution* d = p.distribution("service_time")) def.service = *d;
  return std::make_unique<Cache>(spec.name, std::move(def), context.engine.stream(spec.name + "/service"));
}

std::unique_ptr<Block> make_compute(const BlockSpec& spec, const BlockContext& context) {
  const BlockParams& p = spec.params;
  ComputePoolDef def;
  def.instances = static_cast<std::uint32_t>(p.number_or("instances", def.instances));
  def.concurrency = static_cast<std::uint32_t>(p.number_or("concurrency", def.concurrency));
  if (auto q = p.number("queue_capacity")) def.queue_capacity = static_cast<std::uint64_t>(*q);
  if (const Distribution* d = p.distribution("service_time")) def.service = *d;
  def.balancing = balancing_named(p.text_or("balancing", "round_robin")).value_or(Balancing::round_robin);
  for (const RouteSpec& hop : spec.next)
    def.route.add(context.block_ids.at(hop.to), hop.probability);
  def.warmup = from_s(p.number_or("warmup_s", to_s(def.warmup)));
  def.replacement = from_s(p.number_or("replacement_s", to_s(def.replacement)));
  if (p.number_or("autoscaling", 0) != 0) {
    AutoscalingDef as;
    as.min_instances = static_cast<std::uint32_t>(p.number_or("min_instances", as.min_instances));
    as.max_instances = static_cast<std::uint32_t>(p.number_or("max_instances", as.max_instances));
    as.target_utilization = p.number_or("target_utilization", as.target_utilization * 100) / 100;
    as.cooldown = from_s(p.number_or("cooldown_s", to_s(as.cooldown)));
    as.period = from_s(p.number_or("scaling_period_s", to_s(as.period)));
    if (as.min_instances > def.instances || def.instances > as.max_instances) {
      throw std::invalid_argument("compute block \"" + spec.name + "\": instances (" +
                                  std::to_string(def.instances) + ") must lie within min_instances (" +
                                  std::to_string(as.min_instances) + ") and max_instances (" +
                                  std::to_string(as.max_instances) + ") when autoscaling");
    }
    def.autoscaling = as;
  }
  Engine& engine = context.engine;
  return std::make_unique<ComputePool>(spec.name, std::move(def), engine.stream(spec.name + "/service"),
                                       engine.stream(spec.name + "/balancing"),
                                       engine.stream(spec.name + "/route"));
}

// The target may be declared after the balancer, so it may not be built yet: LoadBalancer::start() checks it
// again once every block exists.
std::unique_ptr<Block> make_load_balancer(const BlockSpec& spec, const BlockContext& context) {
  const BlockParams& p = spec.params;
  LoadBalancerDef def;
  std::string target = p.text_or("target", "");
  auto it = context.block_ids.find(target);
  if (it == context.block_ids.end() || target == spec.name) {
    throw std::invalid_argument("load balancer \"" + spec.name + "\": target \"" + target +
                                "\" is not a compute block of this design");
  }
  def.target = it->second;
  if (def.target < context.engine.block_count() &&
      !dynamic_cast<const ComputePool*>(&context.engine.block(def.target))) {
    throw std::invalid_argument("load balancer \"" + spec.name + "\": target \"" + target +
                                "\" is not a compute block");
  }
  def.policy = balancing_named(p.text_or("policy", "round_robin")).value_or(Balancing::round_robin);
  if (const Distribution* d = p.distribution("latency")) def.latency = *d;
  def.rate_limit_per_s = p.number_or("rate_limit_per_s", def.rate_limit_per_s);
  def.burst = p.number_or("burst", def.burst);
  def.health_check_interval = from_s(p.number_or("health_check_interval_s", to_s(def.health_check_interval)));
  def.unhealthy_threshold =
      static_cast<std::uint32_t>(p.number_or("unhealthy_threshold", def.unhealthy_threshold));
  def.healthy_threshold = static_cast<std::uint32_t>(p.number_or("healthy_threshold", def.healthy_threshold));
  def.cross_zone = p.number_or("cross_zone", def.cross_zone ? 1 : 0) != 0;
  return std::make_unique<LoadBalancer>(spec.name, std::move(def),
                                        context.engine.stream(spec.name + "/latency"));
}

std::unique_ptr<Block> make_function(const BlockSpec& spec, const BlockContext& context) {
  const BlockParams& p = spec.params;
  FunctionDef def;
  def.concurrency_limit = static_cast<std::uint32_t>(p.number_or("concurrency_limit", def.concurrency_limit));
  def.scale_up_per_s = p.number_or("scale_up_per_s", def.scale_up_per_s);
  def.scale_up_burst = p.number_or("scale_up_burst", def.scale_up_burst);
  def.idle_timeout = from_s(p.number_or("idle_timeout_s", to_s(def.idle_timeout)));
  if (const Distribution* d = p.distribution("cold_start")) def.cold_start = *d;
  if (const Distribution* d = p.distribution("duration")) def.duration = *d;
  return std::make_unique<Function>(spec.name, std::move(def),
                                    context.engine.stream(spec.name + "/cold_start"),
                                    context.engine.stream(spec.name + "/duration"));
}

std::unique_ptr<Block> make_storage(const BlockSpec& spec, const BlockContext& context) {
  const BlockParams& p = spec.params;
  StorageDef def;
  def.prefixes = static_cast<std::uint32_t>(p.number_or("prefixes", def.prefixes));
  def.get_rate_per_s = p.number_or("get_rate_per_s", def.get_rate_per_s);
  def.put_rate_per_s = p.number_or("put_rate_per_s", def.put_rate_per_s);
  def.object_kb = p.number_or("object_kb", def.object_kb);
  def.throughput_mb_s = p.number_or("throughput_mb_s", def.throughput_mb_s);
  if (const Distribution* d = p.distribution("first_byte")) def.first_byte = *d;
  return std::make_unique<Storage>(spec.name, std::move(def), context.engine.stream(spec.name + "/latency"));
}

// The consumer flow's requests enter at its entry block (or its plan's root, which is the same block).
std::unique_ptr<Block> make_queue(const BlockSpec& spec, const BlockContext& context) {
  const BlockParams& p = spec.params;
  QueueDef def;
  def.fifo = p.text_or("type", "standard") == "fifo";
  def.consumers = static_cast<std::uint32_t>(p.number_or("consumers", def.consumers));
  def.visibility_timeout = from_s(p.number_or("visibility_timeout_s", to_s(def.visibility_timeout)));
  def.max_receives = static_cast<std::uint32_t>(p.number_or("max_receives", def.max_receives));
  def.fifo_send_rate_per_s = p.number_or("fifo_send_rate_per_s", def.fifo_send_rate_per_s);
  if (const Distribution* d = p.distribution("send_latency")) def.send_latency = *d;
  if (context.consumer_flows && context.design) {
    if (auto it = context.consumer_flows->find(spec.name); it != context.consumer_flows->end()) {
      def.consumer_flow = it->second;
      def.consumer_entry = context.block_ids.at(context.design->flows[it->second].entry());
    }
  }
  return std::make_unique<Queue>(spec.name, std::move(def), context.engine.stream(spec.name + "/latency"));
}

// Like a queue, a stream's consumer flow enters at its entry block; each shard's worker starts its requests.
std::unique_ptr<Block> make_stream(const BlockSpec& spec, const BlockContext& context) {
  const BlockParams& p = spec.params;
  StreamDef def;
  def.shards = static_cast<std::uint32_t>(p.number_or("shards", def.shards));
  def.record_kb = p.number_or("record_kb", def.record_kb);
  def.write_records_per_s = p.number_or("write_records_per_s", def.write_records_per_s);
  def.write_mb_per_s = p.number_or("write_mb_per_s", def.write_mb_per_s);
  def.read_mb_per_s = p.number_or("read_mb_per_s", def.read_mb_per_s);
  def.propagation = from_ms(p.number_or("propagation_ms", to_ms(def.propagation)));
  def.retention = from_s(3600 * p.number_or("retention_h", to_s(def.retention) / 3600));
  if (auto retries = p.number("max_retries")) def.max_retries = static_cast<std::uint32_t>(*retries);
  def.retry_delay = from_s(p.number_or("retry_delay_s", to_s(def.retry_delay)));
  if (const Distribution* d = p.distribution("put_latency")) def.put_latency = *d;
  if (context.consumer_flows && context.design) {
    if (auto it = context.consumer_flows->find(spec.name); it != context.consumer_flows->end()) {
      def.consumer_flow = it->second;
      def.consumer_entry = context.block_ids.at(context.design->flows[it->second].entry());
    }
  }
  return std::make_unique<Stream>(spec.name, std::move(def), context.engine.stream(spec.name + "/latency"));
}

// The calls written under `name` anywhere in `call`'s tree, each list as written.
void dns_target_lists(const CallSpec& call, const std::string& name,
                      std::vector<const std::vector<CallSpec>*>& lists) {
  if (call.to == name) lists.push_back(&call.calls);
  for (const CallSpec& child : call.calls)
    dns_target_lists(child, name, lists);
}

// A DNS name's targets are the calls under it; every flow reaching it must list the same ones (one record set
// answers them all), unconditional and synchronous, their "p" being the weights. Throws
// std::invalid_argument otherwise.
std::unique_ptr<Block> make_dns(const BlockSpec& spec, const BlockContext& context) {
  const BlockParams& p = spec.params;
  DnsRouterDef def;
  def.policy = dns_policy_named(p.text_or("policy", "failover")).value_or(DnsPolicy::failover);
  def.health_check_interval = from_s(p.number_or("health_check_interval_s", to_s(def.health_check_interval)));
  def.failure_threshold = static_cast<std::uint32_t>(p.number_or("failure_threshold", def.failure_threshold));
  def.ttl = from_s(p.number_or("ttl_s", to_s(def.ttl)));
  const std::string where = "dns \"" + spec.name + "\": ";
  std::vector<const std::vector<CallSpec>*> lists;
  if (context.design) {
    for (const FlowSpec& flow : context.design->flows)
      dns_target_lists(flow.root, spec.name, lists);
    const ZoneLayout layout = lay_out_zones(*context.design);
    for (std::size_t z = 0; z < layout.zones.size(); ++z) {
      if (layout.zones[z].clients) def.checker_zones.push_back(static_cast<ZoneId>(z));
    }
  }
  if (lists.empty() || lists.front()->empty()) {
    throw std::invalid_argument(where +
                                "list the entry points it answers as calls under it in a flow, e.g. "
                                "\"calls\": [{\"to\": \"lb-east\"}, {\"to\": \"lb-west\"}]");
  }
  for (const CallSpec& call : *lists.front()) {
    if (call.condition != CallCondition::always || call.async) {
      throw std::invalid_argument(where + "its call to \"" + call.to +
                                  "\" is conditional or asynchronous; a lookup answers exactly one target");
    }
    for (const DnsTarget& t : def.targets) {
      if (t.block == context.block_ids.at(call.to))
        throw std::invalid_argument(where + "\"" + call.to + "\" is listed twice among its targets");
    }
    def.targets.push_back({context.block_ids.at(call.to), call.probability});
  }
  for (const std::vector<CallSpec>* list : lists) {
    bool same = list->size() == lists.front()->size();
    for (std::size_t i = 0; same && i < list->size(); ++i) {
      same = (*list)[i].to == (*lists.front())[i].to &&
             (*list)[i].probability == (*lists.front())[i].probability;
    }
    if (!same) {
      throw std::invalid_argument(where +
                                  "every flow must list the same targets under it, in the same order "
                                  "and with the same \"p\" (one record set answers them all)");
    }
  }
  return std::make_unique<DnsRouter>(spec.name, std::move(def), context.engine.stream(spec.name + "/cache"),
                                     context.engine.stream(spec.name + "/weights"));
}

}  // namespace

std::unique_ptr<Block> make_block(const BlockSpec& spec, const BlockContext& context) {
  if (spec.kind == "station") return make_station(spec, context);
  if (spec.kind == "compute") return make_compute(spec, context);
  if (spec.kind == "load_balancer") return make_load_balancer(spec, context);
  if (spec.kind == "cache") return make_cache(spec, context);
  if (spec.kind == "kv_database") return make_kv_database(spec, context);
  if (spec.kind == "relational_database") return make_relational_database(spec, context);
  if (spec.kind == "quorum_database") return make_quorum_database(spec, context);
  if (spec.kind == "function") return make_function(spec, context);
  if (spec.kind == "storage") return make_storage(spec, context);
  if (spec.kind == "queue") return make_queue(spec, context);
  if (spec.kind == "stream") return make_stream(spec, context);
  if (spec.kind == "dns") return make_dns(spec, context);
  // The loader only accepts kinds of the catalog, and every catalog kind has a case above.
  throw std::logic_error("no engine block for kind \"" + spec.kind + "\"");
}

}  // namespace sdsim
