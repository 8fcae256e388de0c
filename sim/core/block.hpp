#pragma once
// A block of the model (a source, a station...). The engine owns blocks and hands them events addressed to
// them and tasks (calls) to serve. A serving block tells the engine when a task's own work is done
// (Engine::served), how long it will take when nothing but served() ends it (Engine::serve), or that it is
// refused (Engine::refuse); the engine then runs the task's calls and asks the block to let it go.
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/counters.hpp"
#include "sim/core/event.hpp"
#include "sim/core/network.hpp"
#include "sim/core/request.hpp"

namespace sdsim {

class Engine;

// A parameter's new value for Block::set_param: a number in the parameter's unit (booleans 1 or 0), or the
// chosen text of a text parameter.
struct ParamValue {
  double number = 0;
  std::string text;
};

class Block {
 public:
  virtual ~Block() = default;
  // Called once before the first event: schedule initial events here.
  virtual void start(Engine&) {}
  virtual void on_event(Engine&, const Event&) {}
  // A task is about to be sent here from zone `from`, and this block is placed in several zones
  // (`zones`, never empty): pick the zone it goes to. A block whose parts live in zones (a pool's
  // instances) picks the part here and sends the task to that part's zone. Default: one at random.
  virtual ZoneId choose_zone(Engine& engine, TaskId id, ZoneId from, const std::vector<ZoneId>& zones);
  // Whether choose_zone() reads state that changes as the model runs (load, health, a failover): the engine
  // then never calls it ahead of the moment the task leaves (see Engine::serve).
  virtual bool chooses_zone_by_state() const { return false; }
  // The zone choose_zone() picked for the task cannot be reached (a fault cut the hop, or the call failed
  // on arrival before accept()): forget whatever was reserved for it there.
  virtual void cancel_zone_choice(Engine&, TaskId) {}
  // A task arrives at this block to be served.
  virtual void accept(Engine&, TaskId) {}
  // For the task `caller` this block serves, whether to make its call to `child_block` (a call of
  // condition CallCondition::selected, asked in call order; its "p" is not drawn). Default: make it.
  virtual bool selects_call(Engine&, TaskId /*caller*/, BlockId /*child_block*/) { return true; }
  // The task's work and calls are done: release what it held, and return where it goes next (no_block: back
  // to its caller).
  virtual BlockId release(Engine&, TaskId) { return no_block; }
  // A request this block emitted has finished end to end.
  virtual void on_request_finished(Engine&, RequestId, Outcome) {}
  // Changes parameter `name` (as a design file names it, already checked against its kind's declaration)
  // from now on, while the model runs. Returns an empty string when done, else why it cannot change.
  virtual std::string set_param(Engine&, std::string_view /*name*/, const ParamValue&) {
    return "a running block of this kind changes none of its parameters";
  }
  virtual void reset_statistics(SimTime) {}
  virtual BlockCounters counters(SimTime now) const = 0;

  const std::string& name() const { return name_; }
  BlockId id() const { return id_; }

 protected:
  explicit Block(std::string name) : name_(std::move(name)) {}

 private:
  friend class Engine;
  std::string name_;
  BlockId id_ = no_block;
};

}  // namespace sdsim
