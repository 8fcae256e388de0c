#pragma once
// A pool of compute instances (EC2 instances, ECS tasks): each instance serves up to `concurrency` requests
// at once and has its own FIFO waiting line (bounded or not); an arriving task is given to one instance by
// the balancing policy, and a full line refuses it. After service the task follows the route.
//
// Instance i lives in zone zones[i % zones.size()] of the block's placement (the clients' zone when
// unplaced). A task sent to a pool placed in several zones goes to the zone of the instance the policy picks
// (choose_zone picks it and accept() serves it there). Instances may crash (terminate_instance, for the fault
// injector) and are replaced after `replacement` plus the warm-up; with `autoscaling` the pool tracks a
// target utilization (EC2 Auto Scaling / ECS service target tracking): see AutoscalingDef.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "sim/blocks/route.hpp"
#include "sim/core/block.hpp"
#include "sim/core/counters.hpp"
#include "sim/core/distribution.hpp"
#include "sim/core/ring_queue.hpp"
#include "sim/core/sample_stream.hpp"

namespace sdsim {

// How a task is given to one instance of a pool.
enum class Balancing : std::uint8_t {
  round_robin,        // instances in turn
  least_outstanding,  // the instance with the fewest requests in service, waiting or on the way (ties in
                      // turn)
  random,             // uniformly at random
  power_of_two,       // two distinct instances at random, the one with fewer outstanding
};

// The policy named in a design ("round_robin"...); nullopt for an unknown name.
std::optional<Balancing> balancing_named(std::string_view name);

// Target tracking. Every `period` the pool averages the utilization (busy slots / slots) of its in-service
// instances over the period; desired = ceil(in_service x utilization / target) clamped to [min, max], with
// in_service averaged over the same period (an instance that just joined has carried no load yet).
// Launching and replacing instances count toward capacity. Above capacity it launches the difference at
// once (each serves after `ComputePoolDef::warmup`); below, it drains instances (no new tasks, gone when
// idle), but only once `cooldown` has passed since the last scaling activity.
struct AutoscalingDef {
  std::uint32_t min_instances = 1;    // count, >= 1
  std::uint32_t max_instances = 10;   // count, >= min_instances
  double target_utilization = 0.5;    // fraction in (0, 1]
  SimTime cooldown = 300 * ns_per_s;  // ns, scale-in only after this long since the last scaling activity
  SimTime period = 60 * ns_per_s;     // ns, the metric's period (CloudWatch one-minute data points)
};

struct ComputePoolDef {
  std::uint32_t instances = 2;    // count at start, >= 1
  std::uint32_t concurrency = 2;  // requests one instance serves at once, >= 1
  // Waiting places per instance (not counting those in service); none = unbounded.
  std::optional<std::uint64_t> queue_capacity;
  Distribution service = Distribution::exponential(1e6);  // ns
  Balancing balancing = Balancing::round_robin;
  Route route;
  SimTime warmup = 300 * ns_per_s;            // ns, from an instance's launch to serving
  SimTime replacement = 60 * ns_per_s;        // ns, from a crash to the replacement's launch
  std::optional<AutoscalingDef> autoscaling;  // none: a fixed number of instances
};

// A load balancer in front of a pool, told whenever an instance starts, stops or is replaced, so that it can
// probe the instances (health checks) and put them in or out of rotation.
class InstanceWatcher {
 public:
  virtual void on_instances_changed(Engine& engine) = 0;

 protected:
  ~InstanceWatcher() = default;
};

class ComputePool final : public Block {
 public:
  static constexpr std::uint32_t no_instance = 0xFFFF'FFFFu;

  ComputePool(std::string name, ComputePoolDef def, Rng service_rng, Rng balancing_rng, Rng route_rng);

  // Gives the instances their zones; schedules the first autoscaling evaluation.
  void start(Engine& engine) override;
  // Picks the instance now (by policy, among those in rotation, in zone `from` when cross-zone balancing is
  // off) and sends the task to that instance's zone; accept() then serves it there.
  ZoneId choose_zone(Engine& engine, TaskId id, ZoneId from, const std::vector<ZoneId>& zones) override;
  // By load under least-outstanding and power-of-two balancing.
  bool chooses_zone_by_state() const override {
    return def_.balancing == Balancing::least_outstanding || def_.balancing == Balancing::power_of_two;
  }
  // Serves the task at the instance chosen on its way here, or chooses one now (single-zone or unplaced).
  void accept(Engine& engine, TaskId id) override;
  // Serves the task at `instance` (< instance_count()), or refuses it when that instance's line is full or
  // the instance is dead.
  void accept_at(Engine& engine, TaskId id, std::uint32_t instance);
  BlockId release(Engine& engine, TaskId id) override;
  void on_event(Engine& engine, const Event& e) override;
  void reset_statistics(SimTime now) override;
  // "instances": set_desired_instances. "queue_capacity": each instance's line from now on (a longer line
  // keeps its tasks; arrivals are refused until it is shorter).
  std::string set_param(Engine& engine, std::string_view name, const ParamValue& value) override;
  // The pool's desired count from now on (EC2 Auto Scaling's set-desired-capacity): above the instances in
  // service and pending, the difference launches (serving after the warm-up); below, pending launches and
  // replacements are called off first (newest slots first), then the newest in-service instances drain.
  // With autoscaling it counts as a scaling activity, and later evaluations move the count as usual.
  void set_desired_instances(Engine& engine, std::uint32_t count);
  // `servers` is concurrency x the time-averaged number of in-service instances, rounded.
  BlockCounters counters(SimTime now) const override;

  // A load balancer in front of the pool routes with its own policy, replacing the pool's. False (and no
  // change) when another balancer already installed a different policy.
  bool route_with(Balancing policy);
  // The one balancer in front changes its policy while running (a live session's command): the next request
  // is routed by it. False (and no change) when another balancer routes the pool too.
  bool reroute_with(Balancing policy);
  // A load balancer in front of the pool takes over which instances are in rotation (its health checks, via
  // set_in_rotation) and whether routing stays in the caller's zone (`cross_zone` false). The first to attach
  // checks health; false when another already attached with a different cross-zone setting.
  bool attach_front(InstanceWatcher& front, bool cross_zone);
  const InstanceWatcher* front() const { return front_; }
  // For the front's health checks: a registered instance enters or leaves rotation.
  void set_in_rotation(std::uint32_t instance, bool in_rotation);
  Balancing balancing() const { return def_.balancing; }
  // The instance the policy would pick now for a task from `from` (draws from the balancing stream for
  // random policies); no_instance when the pool has none registered.
  std::uint32_t choose_instance(ZoneId from = client_zone);

  // Instance slots, ever used (a slot is reused when autoscaling launches again).
  std::uint32_t instance_count() const { return static_cast<std::uint32_t>(instances_.size()); }
  // Requests in service, waiting, or routed to the instance and still on the network.
  std::uint64_t outstanding(std::uint32_t instance) const;
  // Since the last statistics reset, including those refused.
  std::uint64_t instance_arrivals(std::uint32_t instance) const { return instances_[instance].arrivals; }
  double instance_utilization(std::uint32_t instance, SimTime now) const;
  ZoneId instance_zone(std::uint32_t instance) const { return instances_[instance].zone; }
  // Running (serving, or draining before scale-in); false when crashed, launching or gone.
  bool instance_alive(std::uint32_t instance) const;
  // Known to a load balancer's target group: in service, or crashed and not yet replaced.
  bool instance_registered(std::uint32_t instance) const;
  bool instance_in_rotation(std::uint32_t instance) const { return instances_[instance].in_rotation; }
  // Changes each time the slot launches a new instance (a load balancer sees a new target).
  std::uint32_t instance_generation(std::uint32_t instance) const { return instances_[instance].generation; }

  // For the fault injector: the instance crashes now. Its waiting tasks fail at once; tasks in service fail
  // when their service would have ended; tasks already served and awaiting their calls finish the calls but
  // fail. A replacement launches after `replacement` and serves after the warm-up (a draining instance is
  // not replaced). False when the instance is already crashed or gone.
  bool terminate_instance(Engine& engine, std::uint32_t instance);
  // For the fault injector (capacity reduction): held, the instance is terminated (if running) and not
  // replaced; released, a crashed instance launches again (serving after the warm-up).
  void hold_instance(Engine& engine, std::uint32_t instance, bool held);
  bool instance_held(std::uint32_t instance) const { return instances_[instance].held; }
  // For the fault injector (an Availability Zone's power interruption): down, every instance in `zone`
  // crashes and none launches there (replacements and scale-outs wait); up again, the crashed instances
  // there launch (serving after the warm-up).
  void set_zone_down(Engine& engine, ZoneId zone, bool down);
  void cancel_zone_choice(Engine& engine, TaskId id) override;

  // Instances serving now (not launching, draining or crashed).
  std::uint32_t in_service_instances() const { return static_cast<std::uint32_t>(in_service_.level()); }
  // Launching, or crashed and awaiting their replacement.
  std::uint32_t pending_instances() const;
  // The in-service count over time since the last statistics reset (its average and peak).
  const LevelIntegral& in_service_level() const { return in_service_; }
  double mean_in_service_instances(SimTime now) const;
  // The utilization measured at the last autoscaling evaluation (0 before the first).
  double last_measured_utilization() const { return last_utilization_; }
  // When autoscaling last launched or drained instances (negative: never).
  SimTime last_scaling_activity() const { return last_scaling_; }

 private:
  enum class State : std::uint8_t { off, launching, in_service, draining, crashed };
  // A vector element per instance slot; autoscaling and crashes change its state.
  struct Instance {
    std::uint32_t busy = 0;
    RingQueue<TaskId> waiting;
    LevelIntegral busy_level;
    std::uint64_t arrivals = 0;
    std::uint32_t inbound = 0;     // chosen by choose_zone, still on the network
    std::uint32_t epoch = 0;       // changes when the instance crashes or launches: older tasks are lost
    std::uint32_t generation = 0;  // changes when the slot launches a new instance
    SimTime due = 0;               // launching: when it serves; crashed: when its replacement launches
    ZoneId zone = client_zone;
    State state = State::in_service;
    bool in_rotation = true;
    bool held = false;  // kept down by a fault: not replaced
  };
  // The instance holding a task and its epoch then; or the one chosen for it on its way here.
  struct Placement {
    std::uint32_t instance = no_instance;
    std::uint32_t epoch = 0;
  };

  static constexpr std::uint32_t event_completion = 0;
  static constexpr std::uint32_t event_evaluate = 1;
  static constexpr std::uint32_t event_ready = 2;
  static constexpr std::uint32_t event_replace = 3;

  void start_service(Engine& engine, TaskId id);
  void fail_held(Engine& engine, TaskId id);
  bool lost(TaskId id) const;
  void change_busy(Instance& in, SimTime now, std::int64_t delta);
  void set_state(Engine& engine, std::uint32_t instance, State state);
  void launch(Engine& engine, std::uint32_t instance);
  void launch_new(Engine& engine);
  void retire_if_idle(Engine& engine, std::uint32_t instance);
  void evaluate(Engine& engine);
  void rebuild_rotation();
  std::uint32_t pick(const std::vector<std::uint32_t>& candidates, std::uint32_t& cursor);
  ZoneId zone_for(std::uint32_t instance) const;
  // Neither held nor in a zone without power.
  bool may_launch(std::uint32_t instance) const;
  static bool is_running(State s);

  ComputePoolDef def_;
  SampleStream<Distribution> service_;
  Rng balancing_rng_;
  Rng route_rng_;
  std::vector<Instance> instances_;
  std::vector<ZoneId> zones_;              // the placement, from start()
  std::vector<std::uint8_t> zone_down_;    // by ZoneId, from set_zone_down
  std::vector<Placement> held_;            // by TaskId: where the task is held
  std::vector<Placement> routed_;          // by TaskId: chosen by choose_zone, not yet arrived
  std::vector<std::uint32_t> rotation_;    // instances in rotation, ascending
  std::vector<std::uint32_t> registered_;  // fail-open: every registered instance
  std::vector<std::vector<std::uint32_t>> rotation_in_zone_;  // by ZoneId
  std::vector<std::uint32_t> zone_cursor_;                    // by ZoneId, for zone-restricted routing
  std::vector<TaskId> scratch_;
  std::uint32_t next_instance_ = 0;  // round robin, and where least_outstanding starts looking
  std::uint32_t balancers_ = 0;      // load balancers that installed their policy (all the same one)
  InstanceWatcher* front_ = nullptr;
  bool cross_zone_ = true;
  LevelIntegral in_system_;
  LevelIntegral in_service_;         // since the last statistics reset
  LevelIntegral running_;            // instances billed (launching, in service or draining), since the reset
  LevelIntegral period_in_service_;  // since the last autoscaling evaluation
  LevelIntegral period_busy_;        // busy slots of in-service instances, same period
  SimTime stats_since_ = 0;
  SimTime last_scaling_ = -1;
  double last_utilization_ = 0;
  std::uint64_t arrivals_ = 0;
  std::uint64_t completions_ = 0;
  std::uint64_t rejections_ = 0;
};

}  // namespace sdsim
