#include "sim/design/block_reader.hpp"

#include "sim/design/distribution_spec.hpp"
#include "sim/design/object_reader.hpp"

namespace sdsim {

namespace {

constexpr ParamSpec block_kind{"kind", ParamType::text, "", 0, 0, true, 0, "", "the block kind: station", ""};
constexpr ParamSpec station_servers{"servers",
                                    ParamType::integer,
                                    "count",
                                    1,
                                    1'000'000,
                                    false,
                                    1,
                                    "",
                                    "the number of requests served at once (servers or worker threads)",
                                    "modelling choice: a single server unless stated"};
constexpr ParamSpec station_queue{
    "queue_capacity",
    ParamType::integer,
    "requests",
    0,
    1e9,
    false,
    0,
    "unbounded",
    "the waiting places beyond those in service; an arrival finding them full is "
    "rejected (0 = no waiting: an Erlang loss system)",
    "modelling choice: unbounded unless stated"};
constexpr ParamSpec station_service{"service_time",
                                    ParamType::distribution,
                                    "ms",
                                    0,
                                    0,
                                    true,
                                    0,
                                    "",
                                    "the time one request occupies a server",
                                    ""};
constexpr ParamSpec block_next{"next",
                               ParamType::list,
                               "",
                               0,
                               0,
                               false,
                               0,
                               "none",
                               "where a request goes after service: [{\"to\": \"db\", \"p\": 0.3}, ...]; the "
                               "remaining probability returns to the client",
                               ""};
constexpr ParamSpec route_to{"to", ParamType::text, "", 0, 0, true, 0, "", "the name of the next block", ""};
constexpr ParamSpec route_p{
    "p", ParamType::number, "", 0, 1, false, 1, "", "the probability of taking this hop", ""};
const std::vector<std::string> block_kinds{"station"};

void read_routes(const Json& list, const std::string& pointer, BlockSpec& block, Diagnostics& diagnostics) {
  double total = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string at = pointer + "/" + std::to_string(i);
    ObjectReader r(list[i], at, diagnostics, "route");
    auto to = r.text(route_to);
    auto p = r.number(route_p);
    r.finish();
    if (to && p) {
      block.next.push_back({*to, *p, at});
      total += *p;
    }
  }
  if (total > 1.0 + 1e-9) {
    diagnostics.error(pointer, "route probabilities add up to " + number_text(total) + ", more than 1",
                      "make them sum to at most 1 (the rest returns to the client)");
  }
}

}  // namespace

void read_block(const std::string& name, const Json& value, const std::string& pointer, Design& design,
                Diagnostics& diagnostics) {
  ObjectReader r(value, pointer, diagnostics, "block \"" + name + "\"");
  if (!r.is_object()) return;
  BlockSpec block;
  block.name = name;
  block.pointer = pointer;
  auto kind = r.text(block_kind);
  if (kind && *kind != "station") {
    std::string guess = closest_match(*kind, block_kinds);
    diagnostics.error(
        r.child_pointer("kind"), "unknown block kind \"" + *kind + "\"",
        (guess.empty() ? std::string() : "did you mean \"" + guess + "\"? ") + "known kinds: station");
    return;
  }
  block.kind = "station";
  if (auto servers = r.integer(station_servers)) block.station.servers = static_cast<std::uint32_t>(*servers);
  if (r.has("queue_capacity")) {
    if (auto capacity = r.integer(station_queue)) block.station.queue_capacity = *capacity;
  } else {
    r.allow("queue_capacity");
  }
  if (const Json* service = r.member(station_service)) {
    auto d = read_distribution(*service, r.child_pointer("service_time"), diagnostics,
                               "service_time of \"" + name + "\"");
    if (d) block.station.service = *d;
  }
  if (const Json* next = r.member(block_next))
    read_routes(*next, r.child_pointer("next"), block, diagnostics);
  r.finish();
  design.blocks.push_back(std::move(block));
}

}  // namespace sdsim
