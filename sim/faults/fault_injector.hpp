#pragma once
// Applies scheduled faults to a running model: at each fault's start and end it calls the blocks' fault hooks
// (terminate an instance, lose a cache node, fail a writer over, power a zone off and on) and hands the
// engine the network and brownout state of the faults then active (Engine::set_faults). Their effects (failed
// calls, queues, failovers, health checks noticing) then emerge from the simulation. Lives as long as the
// engine's run.
#include <cstdint>
#include <vector>

#include "sim/core/engine.hpp"
#include "sim/core/rng.hpp"

namespace sdsim {

enum class FaultType : std::uint8_t {
  instance_termination,
  az_power_interruption,
  network_partition,  // also a region's isolation: its zones on one side, every other zone on the other
  added_latency,
  packet_loss,
  brownout,
  writer_failover,
  cache_node_loss,
  capacity_reduction,
};

// One fault, resolved to the model's ids.
struct FaultDef {
  FaultType type = FaultType::instance_termination;
  SimTime start = 0;     // ns from the start of the run
  SimTime duration = 0;  // ns; 0 for a one-off fault
  BlockId block = no_block;
  std::vector<std::uint32_t> instances;  // instance_termination: these; empty: `count` at random
  std::uint32_t count = 0;               // instance_termination (random), capacity_reduction
  std::uint32_t node = 0;                // cache_node_loss
  ZoneId zone = client_zone;             // az_power_interruption
  std::vector<ZoneId> side_a;            // partition, latency, loss: hops between a zone of each side
  std::vector<ZoneId> side_b;
  SimTime latency = 0;    // ns, added_latency
  double loss = 0;        // packet_loss
  double slowdown = 1;    // brownout
  double error_rate = 0;  // brownout
};

class FaultInjector final : public FaultActor {
 public:
  // `rng` picks the instances of a termination by count.
  FaultInjector(std::vector<FaultDef> faults, Rng rng);

  // Schedules every start and end; call once, after the model is built and before the run.
  void install(Engine& engine);
  void act(Engine& engine, std::uint32_t arg) override;

  // A fault begun now, outside the schedule (a live run's command): `f.start` must be the engine's clock. Its
  // end, when it lasts, is scheduled. Returns its index in faults().
  std::size_t inject(Engine& engine, FaultDef f);
  // Ends fault i now if it is in force (its scheduled end then does nothing); false when it is not.
  bool clear(Engine& engine, std::size_t i);

  const std::vector<FaultDef>& faults() const { return faults_; }
  // Whether fault i is in force now.
  bool active(std::size_t i) const { return active_[i] != 0; }

 private:
  void begin(Engine& engine, std::size_t i);
  void end(Engine& engine, std::size_t i);
  void set_zone_down(Engine& engine, ZoneId zone, bool down);
  void terminate(Engine& engine, const FaultDef& f);
  // Hands the engine the state of the faults active now.
  void publish(Engine& engine);

  std::vector<FaultDef> faults_;
  Rng rng_;
  std::vector<std::uint8_t> active_;
  std::vector<std::vector<std::uint32_t>> held_;  // capacity_reduction: the instances it holds, per fault
  std::vector<std::uint8_t> zones_handled_;       // by BlockId: blocks whose parts take zone outages
};

}  // namespace sdsim
