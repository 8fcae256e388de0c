#pragma once
// An Aurora/RDS-like relational database: one writer instance and `read_replicas` replica instances, each a
// queueing station with `connections` concurrent queries and its own FIFO line; a full line refuses (MySQL's
// "Too many connections"). Writes go to the writer; reads go round robin to the replicas, or to the writer.
// When the writer fails, writes are refused until a replica (Aurora) or the standby (RDS Multi-AZ) takes
// over; promoting an asynchronous read replica (RDS without Multi-AZ) loses the writes acknowledged within
// its replication lag before the failure. A replica applies the log more slowly the busier it is, and
// closed-loop users' reads can be sticky: each user reads one replica, or the writer until that replica has
// applied what the user wrote or saw.
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/blocks/server_group.hpp"
#include "sim/core/block.hpp"
#include "sim/core/distribution.hpp"
#include "sim/core/ring_queue.hpp"
#include "sim/core/versions.hpp"

namespace sdsim {

// Where a read (read, get, query, call, receive, invoke) is served.
enum class ReadRouting : std::uint8_t {
  replicas,  // round robin over the read replicas; the writer when there are none
  writer,    // always the writer, as when the application uses only the cluster (writer) endpoint
};

// The routing named in a design ("replicas", "writer"); nullopt for an unknown name.
std::optional<ReadRouting> read_routing_named(std::string_view name);

// What takes over when the writer fails.
enum class FailoverTarget : std::uint8_t {
  replica,  // Aurora: a read replica is promoted (one replica fewer); with none, the writer is recreated
  standby,  // RDS Multi-AZ DB instance: a synchronous standby that serves no reads takes over
  // RDS without Multi-AZ: an asynchronous read replica is promoted; the writes it had not yet received (those
  // acknowledged within its replication lag before the failure) are lost. With none, the writer is recreated
  // on its own storage (nothing lost).
  async_replica,
};

// The target named in a design ("replica", "standby", "async_replica"); nullopt for an unknown name.
std::optional<FailoverTarget> failover_target_named(std::string_view name);

// How a read replica's replication lag depends on its load.
enum class LagUnderLoad : std::uint8_t {
  none,  // the lag distribution alone
  // The replica replays the log on the same processors as its queries, shared among them (M/G/1-PS: a job
  // needing x alone takes x / (1 - rho) on average at utilization rho): each lag drawn is stretched by
  // 1 / (1 - u), u the replica's utilization smoothed over load_window (capped at max_load).
  processor_sharing,
};

// The model named in a design ("none", "processor_sharing"); nullopt for an unknown name.
std::optional<LagUnderLoad> lag_under_load_named(std::string_view name);

// How the reads of a session (a closed-loop user) are routed when reads go to the replicas.
enum class SessionReads : std::uint8_t {
  any,  // like every other read: round robin over the replicas
  // Each session is pinned to one replica (assigned round robin at its first query) and reads there, except
  // that it reads at the writer until the pinned replica has applied every version the session wrote or
  // read at the writer (as ProxySQL's GTID-based causal reads do): no read-your-writes or monotonic-read
  // violation, reads still spread over the replicas. A session whose replica leaves the rotation (failover,
  // zone loss) reads at the writer from then on.
  sticky,
};

// The routing named in a design ("any", "sticky"); nullopt for an unknown name.
std::optional<SessionReads> session_reads_named(std::string_view name);

struct RelationalDatabaseDef {
  std::uint32_t read_replicas = 1;   // count, 0 to 15
  std::uint32_t connections = 1000;  // queries one instance serves at once, >= 1
  std::uint64_t queue_capacity = 0;  // waiting queries per instance beyond those served
  ReadRouting read_routing = ReadRouting::replicas;
  Distribution read_time = Distribution::lognormal(1e6, 5e6);    // ns, one read query's service time
  Distribution write_time = Distribution::lognormal(2e6, 10e6);  // ns, one write query's service time
  FailoverTarget failover_target = FailoverTarget::replica;
  SimTime failover = 30'000'000'000;   // ns from a writer failure until the replica or standby takes writes
  SimTime recovery = 900'000'000'000;  // ns until a recreated writer takes writes, when no replica is left
  // ns, async_replica only: how far an asynchronous replica is behind the writer. While reads are judged it
  // is each write's lag to each read replica (replication_lag is then unused) and a promotion loses the
  // writes the promoted replica had not applied; otherwise it is drawn at each failure and the writes
  // acknowledged within it are lost. Both lose w x E[lag] writes on average at a write rate w.
  Distribution replica_lag = Distribution::constant(1e9);
  // ns, replica and standby targets: from a write's commit at the writer to a read replica serving it (drawn
  // per replica per write).
  Distribution replication_lag = Distribution::exponential(20e6);
  // Both lags above, to read replicas (judged reads only), grow with the replica's load under this model.
  LagUnderLoad lag_under_load = LagUnderLoad::processor_sharing;
  SessionReads session = SessionReads::any;
};

// One failure of the writer: when, and the acknowledged writes it lost (its RPO).
struct WriterFailure {
  SimTime at = 0;                 // ns
  std::uint64_t writes_lost = 0;  // acknowledged, then missing from the promoted replica
  SimTime lag = 0;                // ns, the promoted replica's lag (0 when nothing could be lost)
};

// Instance 0 is the first writer, instances 1..read_replicas the replicas; instance i runs in zone
// i % zones of the block's placement (client_zone when unplaced), and a task is sent to its instance's zone.
// A failover never renumbers instances: a promoted replica keeps its index, and a recreated writer or a
// standby that took over is a new instance at the end.
class RelationalDatabase final : public Block {
 public:
  // `lag_rng` draws replica lags at failures (async_replica, reads not judged), `replication_rng` each
  // write's lag to each read replica (only while observers judge reads).
  RelationalDatabase(std::string name, RelationalDatabaseDef def, Rng service_rng, Rng lag_rng = Rng(),
                     Rng replication_rng = Rng(3));

  // Operations write, set, delete and send write; every other operation reads.
  static bool is_write(Operation operation);
  // ns, the time constant over which a replica's utilization is smoothed for its lag under load.
  static constexpr SimTime load_window = 1'000'000'000;
  // The smoothed utilization beyond which the lag stops growing (a stretch of at most 100).
  static constexpr double max_load = 0.99;
  // The factor a lag drawn at utilization `load` is stretched by (processor_sharing): 1 / (1 - load).
  static double lag_stretch(double load);

  void start(Engine& engine) override;
  ZoneId choose_zone(Engine& engine, TaskId id, ZoneId from, const std::vector<ZoneId>& zones) override;
  bool chooses_zone_by_state() const override { return true; }  // by load, and the writer after a failover
  void accept(Engine& engine, TaskId id) override;
  void on_event(Engine& engine, const Event& e) override;
  BlockId release(Engine& engine, TaskId id) override;
  void reset_statistics(SimTime now) override;
  BlockCounters counters(SimTime now) const override;

  // Fault hook (database failover): the writer fails now. Its waiting and in-service queries fail at once
  // (queries it served whose calls are still running finish). For `failover` (`recovery` when the target is
  // a replica and none is left) the writer refuses every query sent to it, writes and writer-routed reads;
  // replicas keep serving reads. Then the first replica becomes the writer (leaving the read rotation), or
  // the standby, or a recreated writer in the old writer's zone. False, and no effect, while a failover is
  // already under way. With async_replica and a replica to promote, the writes it has not applied by now
  // (judged reads) or those acknowledged within its lag before now are lost: see writer_failures(). Judged,
  // the new writer then serves the promoted replica's versions: a row whose writes were lost reads stale
  // (the lost versions missing) until it is written again.
  bool fail_writer(Engine& engine);
  // Fault hook (an Availability Zone's power interruption): down, the replicas in `zone` leave the read
  // rotation and their queries fail, a writer there fails over (fail_writer), and any instance there refuses
  // queries as unavailable; up again, those replicas rejoin the rotation.
  void set_zone_down(Engine& engine, ZoneId zone, bool down);
  bool failing_over() const { return failing_over_; }
  // Failovers completed since the start.
  std::uint32_t failovers() const { return failovers_; }

  // The writer's instance index now (the failed one until its failover completes).
  std::uint32_t writer() const { return writer_; }
  // The read replicas now, in read rotation order.
  const std::vector<std::uint32_t>& replicas() const { return replicas_; }
  std::uint32_t replica_count() const { return static_cast<std::uint32_t>(replicas_.size()); }
  // Instances ever created, retired ones (failed writers, which refuse every query) included: the valid
  // instance indices.
  std::uint32_t instance_count() const { return static_cast<std::uint32_t>(instances_.size()); }
  // The zone the instance runs in; valid from start().
  ZoneId instance_zone(std::uint32_t instance) const;
  // Per instance, since the last statistics reset: reads and writes that arrived (refused ones included),
  // those refused, and the busy connections' time average over `connections`.
  std::uint64_t reads(std::uint32_t instance) const { return instances_[instance].reads; }
  std::uint64_t writes(std::uint32_t instance) const { return instances_[instance].writes; }
  std::uint64_t rejections(std::uint32_t instance) const { return instances_[instance].rejections; }
  double utilization(std::uint32_t instance, SimTime now) const;
  // The instance's utilization smoothed over load_window, as of its last write replicated (judged reads).
  double smoothed_load(std::uint32_t instance) const { return instances_[instance].load; }
  // Session reads (sticky) served at the writer because the session's replica lacked a version it had seen.
  std::uint64_t session_reads_at_writer() const { return session_reads_at_writer_; }
  // Queries in service or waiting at the instance now.
  std::uint64_t outstanding(std::uint32_t instance) const;
  // Since the last statistics reset: writes and reads refused because the writer was failing over, and
  // queries failed at the writer when it failed.
  std::uint64_t writes_refused_in_failover() const { return writes_refused_in_failover_; }
  std::uint64_t reads_refused_in_failover() const { return reads_refused_in_failover_; }
  std::uint64_t failed_with_writer() const { return failed_with_writer_; }
  // Since the last statistics reset: acknowledged writes lost by failovers (also BlockCounters::writes_lost).
  std::uint64_t writes_lost() const { return writes_lost_; }
  // Every failure of the writer since the start of the run, in time order (statistics resets keep them).
  const std::vector<WriterFailure>& writer_failures() const { return writer_failures_; }
  // Acknowledgement times kept to count a loss: those within the next failure's lag (async_replica only).
  std::size_t recent_writes_held() const { return acks_size_; }
  const RelationalDatabaseDef& def() const { return def_; }
  // The rows' versions (kept only while observers judge reads): replica 0 is the first writer (and the
  // shared volume or synchronous standby after it), replica i the read replica instance i.
  const Versions& versions() const { return versions_; }

 private:
  struct Instance {
    ServerGroup group;
    std::uint32_t zone_slot = 0;  // its zone is zones_[zone_slot % zones_.size()]
    bool retired = false;         // a failed writer, replaced
    std::uint64_t reads = 0;
    std::uint64_t writes = 0;
    std::uint64_t rejections = 0;
    // Smoothed utilization (lag under load): its value, and the time and busy-connection integral
    // (connection x ns since stats_since_) it was last brought up to.
    double load = 0;
    SimTime load_at = 0;
    double load_area = 0;
  };
  // A closed-loop user's reads (sticky): its replica, and when that replica has every version it saw.
  struct Session {
    std::uint32_t replica = 0;
    SimTime caught_up_at = 0;  // ns
  };
  enum class Phase : std::uint8_t { none, waiting, serving, calling };
  // What the database knows of a task, by TaskId.
  struct Held {
    std::uint32_t instance = 0;
    std::uint32_t admitted_in = 0;  // failures_ when it arrived; also tags its service event
    Phase phase = Phase::none;
  };
  static constexpr std::uint32_t no_instance = 0xFFFF'FFFFu;
  // The kind of the event that ends a failover (service events carry failures_, which stays far below).
  static constexpr std::uint32_t failover_done = 0xFFFF'FFFFu;

  // The instance the task goes to (advances the read rotation).
  std::uint32_t route(Engine& engine, TaskId id);
  // The task's session (sticky), pinned at its first query; null for a request outside any session.
  Session* session_of(Engine& engine, TaskId id);
  // Whether the rows' versions are kept: while reads are judged, or sticky sessions route by them.
  bool tracks_versions(const Engine& engine) const;
  // The instance's utilization smoothed up to `now` (processor_sharing).
  double update_load(std::uint32_t instance, SimTime now);
  void start_service(Engine& engine, TaskId id);
  void fail_held(Engine& engine, TaskId id);
  void complete_failover();
  // Fails the queries waiting and in service at the instance (its connections are freed).
  void fail_instance_queries(Engine& engine, std::uint32_t instance);
  bool instance_zone_down(std::uint32_t instance) const;
  std::uint32_t add_instance(std::uint32_t zone_slot);
  // The acknowledgement times of the writes of the last lag (the lag of the next failure, drawn in advance so
  // that older ones can be dropped): a power-of-two ring, oldest first.
  void forget_acks_before(SimTime horizon);
  void remember_ack(SimTime now);
  // The service ended: a write commits, a read is judged.
  void track(Engine& engine, TaskId id, std::uint32_t instance);

  RelationalDatabaseDef def_;
  Rng service_rng_;
  Rng lag_rng_;
  Rng replication_rng_;
  Versions versions_;
  std::vector<SimTime> lags_;  // per replica, one write's lags, reused
  std::vector<Instance> instances_;
  std::vector<Held> held_;
  std::vector<std::uint32_t> picked_;  // by TaskId: the instance choose_zone() sent it to
  std::vector<ZoneId> zones_;
  std::vector<std::uint8_t> session_origins_;  // by BlockId: closed-loop sources, whose users are sessions
  std::unordered_map<std::uint64_t, Session> sessions_;  // by origin << 32 | user
  std::uint32_t next_pin_ = 0;
  std::uint64_t session_reads_at_writer_ = 0;
  SimTime stats_since_ = 0;
  std::vector<std::uint8_t> zone_down_;  // by ZoneId, from set_zone_down
  std::uint32_t writer_ = 0;
  std::uint32_t promoted_ = 0;         // the replica chosen to take over at the last failure
  std::uint32_t versions_writer_ = 0;  // the copy in versions_ the writer serves (a promoted replica's)
  std::vector<std::uint32_t> replicas_;
  std::uint32_t standby_slot_ = 1;  // the standby's zone slot (failover_target standby)
  std::uint32_t next_replica_ = 0;  // round robin position in replicas_
  bool failing_over_ = false;
  std::uint32_t failures_ = 0;
  std::uint32_t failovers_ = 0;
  LevelIntegral in_system_;
  std::uint64_t arrivals_ = 0;
  std::uint64_t completions_ = 0;
  std::uint64_t rejections_ = 0;
  std::uint64_t writes_refused_in_failover_ = 0;
  std::uint64_t reads_refused_in_failover_ = 0;
  std::uint64_t failed_with_writer_ = 0;
  std::uint64_t writes_lost_ = 0;
  std::vector<WriterFailure> writer_failures_;
  SimTime next_lag_ = 0;  // ns, the lag the next failure will find
  std::vector<SimTime> acks_;
  std::size_t acks_head_ = 0;
  std::size_t acks_size_ = 0;
};

}  // namespace sdsim
