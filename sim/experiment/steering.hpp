#pragma once
// A hand on a run in progress (a live session, or its replay offline): run_once stops the engine at each
// next_stop() and lets the steering act on the model there, at a well-defined simulated time. Stopping does
// not change the event order, so the same commands at the same times give the same run.
#include "sim/core/time.hpp"

namespace sdsim {

struct BuiltModel;

class Steering {
 public:
  virtual ~Steering() = default;
  // Once, after the engine has started and before its first event; `model` lives until the run ends at
  // `end` (ns, warm-up included).
  virtual void attach(BuiltModel& model, SimTime end) = 0;
  // The next time (ns, not before the engine's clock) the run must stop at; time_never for none.
  virtual SimTime next_stop() const = 0;
  // The run stands at next_stop(), every event up to it done: act on the model.
  virtual void at_stop(BuiltModel& model) = 0;
};

}  // namespace sdsim
