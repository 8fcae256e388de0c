#pragma once
// An Aurora/RDS-like relational database: one writer instance and `read_replicas` replica instances, each a
// queueing station with `connections` concurrent queries and its own FIFO line; a full line refuses (MySQL's
// "Too many connections"). Writes go to the writer; reads go round robin to the replicas, or to the writer.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "sim/blocks/server_group.hpp"
#include "sim/core/block.hpp"
#include "sim/core/distribution.hpp"
#include "sim/core/ring_queue.hpp"

namespace sdsim {

// Where a read (read, get, query, call, receive, invoke) is served.
enum class ReadRouting : std::uint8_t {
  replicas,  // round robin over the read replicas; the writer when there are none
  writer,    // always the writer, as when the application uses only the cluster (writer) endpoint
};

// The routing named in a design ("replicas", "writer"); nullopt for an unknown name.
std::optional<ReadRouting> read_routing_named(std::string_view name);

struct RelationalDatabaseDef {
  std::uint32_t read_replicas = 1;   // count, 0 to 15
  std::uint32_t connections = 1000;  // queries one instance serves at once, >= 1
  std::uint64_t queue_capacity = 0;  // waiting queries per instance beyond those served
  ReadRouting read_routing = ReadRouting::replicas;
  Distribution read_time = Distribution::lognormal(1e6, 5e6);    // ns, one read query's service time
  Distribution write_time = Distribution::lognormal(2e6, 10e6);  // ns, one write query's service time
};

class RelationalDatabase final : public Block {
 public:
  static constexpr std::uint32_t writer = 0;  // instance index of the writer; replicas are 1..read_replicas

  RelationalDatabase(std::string name, RelationalDatabaseDef def, Rng service_rng);

  // Operations write, set, delete and send write; every other operation reads.
  static bool is_write(Operation operation);

  void accept(Engine& engine, TaskId id) override;
  void on_event(Engine& engine, const Event& e) override;
  BlockId release(Engine& engine, TaskId id) override;
  void reset_statistics(SimTime now) override;
  BlockCounters counters(SimTime now) const override;

  std::uint32_t instance_count() const { return static_cast<std::uint32_t>(instances_.size()); }
  // Per instance, since the last statistics reset: reads and writes that arrived (refused ones included),
  // those refused, and the busy connections' time average over `connections`.
  std::uint64_t reads(std::uint32_t instance) const { return instances_[instance].reads; }
  std::uint64_t writes(std::uint32_t instance) const { return instances_[instance].writes; }
  std::uint64_t rejections(std::uint32_t instance) const { return instances_[instance].rejections; }
  double utilization(std::uint32_t instance, SimTime now) const;
  // Queries in service or waiting at the instance now.
  std::uint64_t outstanding(std::uint32_t instance) const;
  const RelationalDatabaseDef& def() const { return def_; }

 private:
  struct Instance {
    ServerGroup group;
    std::uint64_t reads = 0;
    std::uint64_t writes = 0;
    std::uint64_t rejections = 0;
  };

  std::uint32_t instance_for_read();
  void start_service(Engine& engine, TaskId id);

  RelationalDatabaseDef def_;
  Rng service_rng_;
  std::vector<Instance> instances_;
  std::vector<std::uint32_t> instance_of_;  // by TaskId: the instance holding the task
  std::uint32_t next_replica_ = 0;          // round robin over replicas, 0-based among them
  LevelIntegral in_system_;
  std::uint64_t arrivals_ = 0;
  std::uint64_t completions_ = 0;
  std::uint64_t rejections_ = 0;
};

}  // namespace sdsim
