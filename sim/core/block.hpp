#pragma once
// A block of the model (a source, a station...). The engine owns blocks and hands them events addressed to
// them and requests routed to them. Blocks never call observers for latency themselves: they report through
// Engine.
#include <string>

#include "sim/core/counters.hpp"
#include "sim/core/event.hpp"
#include "sim/core/request.hpp"

namespace sdsim {

class Engine;

class Block {
 public:
  virtual ~Block() = default;
  // Called once before the first event: schedule initial events here.
  virtual void start(Engine&) {}
  virtual void on_event(Engine&, const Event&) {}
  // A request arrives at this block (routed from another block or emitted by a source).
  virtual void accept(Engine&, RequestId) {}
  // A request this block emitted has finished end to end.
  virtual void on_request_finished(Engine&, RequestId, Outcome) {}
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
