#pragma once
// A Dynamo/Cassandra-like leaderless store: every read or write goes from its coordinator to all `replicas`
// (each a queueing station with its own FIFO line) and is answered when `read_quorum` (R) or `write_quorum`
// (W) replicas have answered; the other replicas still serve it. A replica applies a write when its service
// there ends; the write commits when its W-th answer reaches the coordinator. A read's answer from a replica
// is the newest version that replica applied when its service ended, and the read returns the newest of its
// first R answers (last writer wins, ordered by commit). It is judged against the versions committed when it
// reached the coordinator: a write committing while the read is in flight is concurrent with it, and
// returning either version is correct. So R + W > N never returns a stale committed value. With
// `read_repair`, a replica that answered an older version than the read returned applies the newer one one
// network trip after the read is answered.
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/blocks/server_group.hpp"
#include "sim/core/block.hpp"
#include "sim/core/distribution.hpp"
#include "sim/core/pool.hpp"
#include "sim/core/versions.hpp"

namespace sdsim {

struct QuorumDatabaseDef {
  std::uint32_t replicas = 3;                   // N, count, 1 to 15
  std::uint32_t read_quorum = 2;                // R, replicas that must answer a read, 1 to N
  std::uint32_t write_quorum = 2;               // W, replicas that must answer a write, 1 to N
  std::uint32_t connections = 32;               // operations one replica serves at once, >= 1
  std::optional<std::uint64_t> queue_capacity;  // waiting legs per replica; none = unbounded
  Distribution read_time = Distribution::lognormal(0.5e6, 5e6);   // ns, one replica's local read
  Distribution write_time = Distribution::lognormal(0.2e6, 2e6);  // ns, one replica's local write
  std::optional<Distribution> coordinator_latency;                // ns, before the fan-out; none = 0
  bool read_repair = false;  // replicas that answered a read with an older version are sent the newest
};

class QuorumDatabase final : public Block {
 public:
  // Throws std::invalid_argument unless 1 <= R, W <= N and connections >= 1.
  QuorumDatabase(std::string name, QuorumDatabaseDef def, Rng service_rng, Rng coordinator_rng);

  // Operations write, set, delete and send write; every other operation reads.
  static bool is_write(Operation operation);

  // Spreads the replicas over the block's placement zones: replica i in zones[i % zones.size()].
  void start(Engine& engine) override;
  void accept(Engine& engine, TaskId id) override;
  void on_event(Engine& engine, const Event& e) override;
  BlockId release(Engine& engine, TaskId id) override;
  // "read_quorum" and "write_quorum" only (R and W, at most the replicas): operations from now on wait for
  // the new count.
  std::string set_param(Engine& engine, std::string_view name, const ParamValue& value) override;
  void reset_statistics(SimTime now) override;
  BlockCounters counters(SimTime now) const override;

  // Fault hooks (for a fault injector, and tests). A replica set down answers nothing: the legs it holds
  // (waiting or in service) are lost, legs reaching it later are lost, and a coordinator sends it none;
  // answers it sent before are still delivered. A lost leg counts against its quorum at once (as a failure
  // detector would tell the coordinator; timeouts are modelled elsewhere), so a task that can no longer
  // reach its quorum is refused at that moment. Set up again, the replica serves new legs with an empty
  // line.
  void set_replica_up(Engine& engine, std::uint32_t replica, bool up);
  bool replica_up(std::uint32_t replica) const { return replicas_[replica].up; }
  // The zone replica i lives in; client_zone before start() or when the block is unplaced.
  ZoneId replica_zone(std::uint32_t replica) const { return replicas_[replica].zone; }
  std::uint32_t replica_count() const { return static_cast<std::uint32_t>(replicas_.size()); }

  // Per replica, since the last statistics reset: legs that reached it (refused and lost ones included),
  // legs its full line refused, legs it lost being down, and its busy connections' time average over
  // `connections`.
  std::uint64_t legs(std::uint32_t replica) const { return replicas_[replica].legs; }
  std::uint64_t rejections(std::uint32_t replica) const { return replicas_[replica].rejections; }
  std::uint64_t lost(std::uint32_t replica) const { return replicas_[replica].lost; }
  double utilization(std::uint32_t replica, SimTime now) const;
  // Legs in service or waiting at the replica now.
  std::uint64_t outstanding(std::uint32_t replica) const { return replicas_[replica].group.outstanding(); }
  const QuorumDatabaseDef& def() const { return def_; }
  // The items' versions (kept only while observers judge reads), and the replicas' stale answers repaired
  // since the last statistics reset.
  const Versions& versions() const { return versions_; }
  std::uint64_t repairs() const { return repairs_; }

 private:
  enum class LegState : std::uint8_t {
    free,
    to_replica,
    waiting,
    in_service,
    lost_in_service,
    to_coordinator
  };

  // One task's fan-out; lives until its task is decided and every leg has finished.
  struct Fanout {
    TaskId task;
    ZoneId zone;  // the coordinator's
    bool write;
    bool decided;  // served or refused
    std::uint32_t needed;
    std::uint32_t acks;
    std::uint32_t failures;
    bool replica_down;  // a failure came from a down replica (unavailable), not only full lines (rejected)
    std::uint32_t live_legs;
    std::uint32_t next_free;
    std::uint64_t key;
    std::uint64_t version;  // write: the version once committed (0 before); read: the newest answered
    std::uint64_t floor;    // read: the newest version committed when it reached the coordinator
  };
  // One replica's part of an operation.
  struct Leg {
    std::uint32_t op;
    std::uint32_t replica;
    LegState state;
    std::uint32_t next_free;
    std::uint64_t version;  // read: the version the replica answered
  };
  struct Replica {
    ServerGroup group;
    ZoneId zone = client_zone;
    bool up = true;
    std::uint64_t legs = 0;
    std::uint64_t rejections = 0;
    std::uint64_t lost = 0;
  };

  void fan_out(Engine& engine, std::uint32_t op);
  // The leg reaches its replica; false when it is not taken (replica down or line full), the leg then freed.
  bool arrive(Engine& engine, std::uint32_t leg);
  void start_service(Engine& engine, std::uint32_t leg);
  void finish_service(Engine& engine, std::uint32_t leg);
  void answer(Engine& engine, std::uint32_t leg);
  void fail(std::uint32_t op);
  void free_leg(std::uint32_t leg);
  // Serves or refuses the op's task once its outcome is certain, and frees the op once nothing refers to it.
  void settle(Engine& engine, std::uint32_t op);
  // Versions, when observers judge reads: a write leg applied at its replica, a write committed, a read
  // answered (judged, and its stale answerers repaired).
  void applied(Engine& engine, std::uint32_t leg);
  void commit(Engine& engine, std::uint32_t op);
  ReadJudgement judge_read(Engine& engine, std::uint32_t op);

  QuorumDatabaseDef def_;
  Rng service_rng_;
  Rng coordinator_rng_;
  std::vector<Replica> replicas_;
  Pool<Fanout> ops_;
  Pool<Leg> legs_;
  std::vector<std::uint32_t> scratch_;  // legs lost to a fault, reused
  Versions versions_;
  std::vector<SimTime> applied_at_;  // per op, per replica: when its write leg applied (before the commit)
  std::vector<std::uint32_t> answered_;  // per op, per replica: 1 + the read answer's index, 0: none yet
  std::uint64_t repairs_ = 0;
  LevelIntegral in_system_;
  std::uint64_t arrivals_ = 0;
  std::uint64_t completions_ = 0;
  std::uint64_t rejections_ = 0;
};

}  // namespace sdsim
