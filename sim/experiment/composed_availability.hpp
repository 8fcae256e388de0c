#pragma once
// Each flow's availability on paper: its blocks' published SLAs (`sla_availability`) composed along its
// calls. Synchronous calls compose in series (all must be up), a call made with probability p counts p of its
// unavailability, a DNS block's targets are alternatives (parallel: one up suffices), asynchronous calls do
// not touch the response, and a call on a cache hit or miss counts as always made (the cautious side).
#include <string>
#include <vector>

#include "sim/design/design.hpp"

namespace sdsim {

struct ComposedAvailability {
  std::string flow;
  double availability = 1;  // fraction of a month
  std::string weakest;      // the block with the lowest SLA on the flow's calls
  double weakest_availability = 1;
};

// Per flow, in design order.
std::vector<ComposedAvailability> compose_availability(const Design& design);

}  // namespace sdsim
