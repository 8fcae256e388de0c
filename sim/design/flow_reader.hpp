#pragma once
// Reads one entry of a design's "flows" object: the entry block and the tree of calls that serve the flow.
#include <string>
#include <vector>

#include "sim/design/design.hpp"
#include "sim/design/document.hpp"
#include "sim/design/object_reader.hpp"

namespace sdsim {

// Appends the flow to design.flows when it reads without problems; otherwise adds diagnostics.
void read_flow(const std::string& name, const Json& value, const std::string& pointer, Design& design,
               Diagnostics& diagnostics);

// Reads a call's resilience keys ("timeout_ms", "retry", "retry_budget", "circuit_breaker") from the call
// object `r` reads into call.guard; call.async must already be read (resilience on an async call is an
// error).
void read_call_guard(ObjectReader& r, CallSpec& call, Diagnostics& diagnostics);

// Every entry and call target names a declared block (`blocks`: all of them, including those with errors);
// every "consume" names a queue block, and no queue has two consumer flows.
void check_call_targets(const Design& design, const std::vector<std::string>& blocks,
                        Diagnostics& diagnostics);

}  // namespace sdsim
