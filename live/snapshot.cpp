#include "live/snapshot.hpp"

#include "sim/design/document.hpp"

namespace sdsim::live {

std::string to_json_line(const Snapshot& s) {
  Json flows = Json::array();
  for (const FlowSnapshot& f : s.flows) {
    Json by = Json::object();
    for (const auto& [reason, n] : f.failed_by)
      by[reason] = n;
    flows.push_back({{"name", f.name},
                     {"throughput_per_s", f.throughput_per_s},
                     {"success", f.success},
                     {"failed", f.failed},
                     {"failed_by", by},
                     {"p50_ms", f.p50_ms},
                     {"p99_ms", f.p99_ms}});
  }
  Json blocks = Json::array();
  for (const BlockSnapshot& b : s.blocks) {
    blocks.push_back({{"name", b.name},
                      {"kind", b.kind},
                      {"utilization", b.utilization},
                      {"mean_in_system", b.mean_in_system},
                      {"in_system", b.in_system},
                      {"servers", b.servers},
                      {"arrivals", b.arrivals},
                      {"completions", b.completions},
                      {"rejections", b.rejections},
                      {"rejected_share", b.rejected_share},
                      {"health", b.health}});
  }
  Json faults = Json::array();
  for (const FaultSnapshot& f : s.faults) {
    faults.push_back({{"id", f.id},
                      {"type", f.type},
                      {"target", f.target},
                      {"start_s", f.start_s},
                      {"duration_s", f.duration_s}});
  }
  Json calls = Json::array();
  for (const CallSnapshot& c : s.calls) {
    calls.push_back({{"call", c.call},
                     {"calls", c.calls},
                     {"attempts", c.attempts},
                     {"retries", c.retries},
                     {"timeouts", c.timeouts}});
  }
  const Json j{{"format", snapshot_format},
               {"seq", s.seq},
               {"state", s.state},
               {"t_s", s.t_s},
               {"end_s", s.end_s},
               {"window_s", s.window_s},
               {"speed", s.speed},
               {"sent_unix_ms", s.sent_unix_ms},
               {"flows", flows},
               {"blocks", blocks},
               {"faults", faults},
               {"calls", calls}};
  return j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::optional<Snapshot> snapshot_from_json(const std::string& line) {
  const Json j = Json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("format", "") != snapshot_format) return std::nullopt;
  try {
    Snapshot s;
    s.seq = j.at("seq").get<std::uint64_t>();
    s.state = j.at("state").get<std::string>();
    s.t_s = j.at("t_s").get<double>();
    s.end_s = j.at("end_s").get<double>();
    s.window_s = j.at("window_s").get<double>();
    s.speed = j.at("speed").get<double>();
    s.sent_unix_ms = j.at("sent_unix_ms").get<double>();
    for (const Json& f : j.at("flows")) {
      FlowSnapshot& out = s.flows.emplace_back();
      out.name = f.at("name").get<std::string>();
      out.throughput_per_s = f.at("throughput_per_s").get<double>();
      out.success = f.at("success").get<double>();
      out.failed = f.at("failed").get<std::uint64_t>();
      for (const auto& [reason, n] : f.at("failed_by").items())
        out.failed_by.emplace_back(reason, n.get<std::uint64_t>());
      out.p50_ms = f.at("p50_ms").get<double>();
      out.p99_ms = f.at("p99_ms").get<double>();
    }
    for (const Json& b : j.at("blocks")) {
      BlockSnapshot& out = s.blocks.emplace_back();
      out.name = b.at("name").get<std::string>();
      out.kind = b.at("kind").get<std::string>();
      out.utilization = b.at("utilization").get<double>();
      out.mean_in_system = b.at("mean_in_system").get<double>();
      out.in_system = b.at("in_system").get<std::int64_t>();
      out.servers = b.at("servers").get<std::uint32_t>();
      out.arrivals = b.at("arrivals").get<std::uint64_t>();
      out.completions = b.at("completions").get<std::uint64_t>();
      out.rejections = b.at("rejections").get<std::uint64_t>();
      out.rejected_share = b.at("rejected_share").get<double>();
      out.health = b.at("health").get<std::string>();
    }
    for (const Json& f : j.at("faults")) {
      s.faults.push_back({f.at("id").get<std::size_t>(), f.at("type").get<std::string>(),
                          f.at("target").get<std::string>(), f.at("start_s").get<double>(),
                          f.at("duration_s").get<double>()});
    }
    // Absent from snapshots of earlier versions of the format.
    for (const Json& c : j.value("calls", Json::array())) {
      s.calls.push_back({c.at("call").get<std::string>(), c.at("calls").get<std::uint64_t>(),
                         c.at("attempts").get<std::uint64_t>(), c.at("retries").get<std::uint64_t>(),
                         c.at("timeouts").get<std::uint64_t>()});
    }
    return s;
  } catch (const Json::exception&) {
    return std::nullopt;
  }
}

}  // namespace sdsim::live
