#pragma once
// A service station: `servers` identical servers, a FIFO waiting line (bounded or not) and a service-time
// distribution. A request arriving to a full line is rejected and ends at once. After service it follows the
// route.
#include <cstdint>
#include <optional>

#include "sim/blocks/route.hpp"
#include "sim/blocks/server_group.hpp"
#include "sim/core/block.hpp"
#include "sim/core/distribution.hpp"
#include "sim/core/sample_stream.hpp"

namespace sdsim {

struct StationDef {
  std::uint32_t servers = 1;  // count, >= 1
  std::optional<std::uint64_t>
      queue_capacity;  // waiting places (not counting those in service); none = unbounded
  Distribution service = Distribution::exponential(1e6);  // ns
  Route route;
};

class Station final : public Block {
 public:
  Station(std::string name, StationDef def, Rng service_rng, Rng route_rng);

  void accept(Engine& engine, TaskId id) override;
  BlockId release(Engine& engine, TaskId id) override;
  void on_event(Engine& engine, const Event& e) override;
  // "servers": more start waiting requests at once; fewer take effect as requests finish. "queue_capacity":
  // arrivals are refused while the line is that long or longer (its tasks stay).
  std::string set_param(Engine& engine, std::string_view name, const ParamValue& value) override;
  void reset_statistics(SimTime now) override;
  BlockCounters counters(SimTime now) const override;

 private:
  void start_service(Engine& engine, TaskId id);

  StationDef def_;
  SampleStream<Distribution> service_;
  Rng route_rng_;
  ServerGroup group_;
  LevelIntegral in_system_;
  LevelIntegral servers_;  // the server count over time, which billing averages
  std::uint64_t arrivals_ = 0;
  std::uint64_t completions_ = 0;
  std::uint64_t rejections_ = 0;
};

}  // namespace sdsim
