#pragma once
// A design: the topology of a system (blocks, how requests move between them, and the flows that enter it),
// as read from a design file. Load, duration and seed live in the scenario, not here.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/call_plan.hpp"
#include "sim/core/distribution.hpp"
#include "sim/design/diagnostics.hpp"
#include "sim/design/overrides.hpp"

namespace sdsim {

struct RouteSpec {
  std::string to;       // block name
  double probability;   // of taking this hop after service
  std::string pointer;  // where it was written
};

// A queueing station: servers, an optional bound on the waiting line, a service-time distribution.
struct StationSpec {
  std::uint32_t servers = 1;
  std::optional<std::uint64_t> queue_capacity;
  Distribution service = Distribution::constant(0);
};

// A block's parameters as read against its kind's declarations (sim/catalog/kind_NAME.cpp), with the
// preset's and the declared defaults applied. A parameter without a value (an unbounded queue) is absent.
struct BlockParams {
  std::map<std::string, double, std::less<>> numbers;  // integer, number and boolean (1 or 0), in their unit
  std::map<std::string, std::string, std::less<>> texts;
  std::map<std::string, Distribution, std::less<>> distributions;

  std::optional<double> number(std::string_view name) const;
  double number_or(std::string_view name, double fallback) const { return number(name).value_or(fallback); }
  std::string text_or(std::string_view name, const std::string& fallback) const;
  const Distribution* distribution(std::string_view name) const;
};

struct BlockSpec {
  std::string name;
  std::string kind;  // a kind of the block catalog
  std::string pointer;
  std::vector<std::string> placement;  // Availability Zone names; empty without regions
  BlockParams params;
  StationSpec station;          // kind "station"
  std::vector<RouteSpec> next;  // probabilities sum to at most 1; the rest returns to the client
};

// One call in a flow's tree: the block called, and the calls that block makes while serving it.
struct CallSpec {
  std::string to;  // block name (a flow's root call: its entry block)
  std::string operation = "call";
  double probability = 1;
  CallCondition condition = CallCondition::always;
  bool async = false;      // the caller does not wait
  bool parallel = false;   // this call's own calls start together and are joined
  double request_kb = 0;   // carried to the callee (KB of 1000 bytes); 0: the hop costs latency only
  double response_kb = 0;  // carried back with a successful answer
  CallGuard guard;         // timeout, retries, retry budget, circuit breaker (sim/core/resilience.hpp); none
  std::vector<CallSpec> calls;
  std::string pointer;
};

// A request type: where it enters, and the tree of calls serving it (empty: the entry block serves it alone,
// then its "next" routes apply).
struct FlowSpec {
  std::string name;
  CallSpec root;        // root.to is the entry block
  std::string consume;  // a queue block whose consumers run this flow per message; empty: driven by a load
  std::string pointer;
  const std::string& entry() const { return root.to; }
};

struct RegionSpec {
  std::string name;
  std::vector<std::string> zones;  // Availability Zones
};

// One-way hop latencies (ms); `region_pairs` keyed "a|b" in either order. Link bandwidths per hop class
// (Gbit/s) for payload transfer times.
struct NetworkSpec {
  double same_az_ms = 0.25;
  double cross_az_ms = 0.5;
  double cross_region_ms = 75;
  double client_ms = 0;
  std::map<std::string, double> region_pairs;
  double same_az_gbps = 5;
  double cross_az_gbps = 5;
  double cross_region_gbps = 5;
  double client_gbps = 5;
  double cross_az_usd_per_gb = 0.02;
  double cross_region_usd_per_gb = 0.02;
  double internet_out_usd_per_gb = 0.09;
};

struct Design {
  std::string file;
  std::string name;
  std::string description;
  std::string default_scenario;     // path resolved against the design's folder; empty when none
  std::vector<RegionSpec> regions;  // empty: a network without delay
  NetworkSpec network;
  std::vector<BlockSpec> blocks;
  std::vector<FlowSpec> flows;

  const BlockSpec* find_block(const std::string& block_name) const;
  const FlowSpec* find_flow(const std::string& flow_name) const;
};

template <typename T>
struct Loaded {
  std::optional<T> value;
  Diagnostics diagnostics;
};

// Strict: every problem is reported at once; unknown keys, wrong types, out-of-range values, dangling names
// and requests that could circle forever are errors.
// `overrides` (from --set) aimed at the design are applied before validation.
Loaded<Design> load_design_file(const std::string& path, const std::vector<Override>& overrides = {});
Loaded<Design> load_design_text(const std::string& name, std::string text);

}  // namespace sdsim
