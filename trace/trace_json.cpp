#include "trace/trace_json.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

namespace sdsim::trace {

// Ordered, so that every line reads in the order it is written ("format" first).
using json = nlohmann::ordered_json;

namespace {

json slo_json(const std::optional<FlowSlo>& slo) {
  if (!slo) return nullptr;
  return {
      {"latency_ms", slo->latency_ms}, {"percentile", slo->percentile}, {"availability", slo->availability}};
}

json window_json(const Window& w) {
  json flows = json::array();
  for (const FlowPoint& f : w.flows) {
    json failed = json::object();
    for (std::size_t r = 0; r < failure_reasons.size(); ++r)
      failed[failure_reasons[r]] = f.failed[r];
    flows.push_back({{"completed", f.completed},
                     {"failed", failed},
                     {"p50_ms", f.p50_ms},
                     {"p99_ms", f.p99_ms},
                     {"reads", f.reads},
                     {"stale_reads", f.stale_reads},
                     {"stale_p99_ms", f.stale_p99_ms}});
  }
  json blocks = json::array();
  for (const BlockPoint& b : w.blocks) {
    json block{{"arrivals", b.arrivals},           {"completions", b.completions},
               {"rejections", b.rejections},       {"servers", b.servers},
               {"utilization", b.utilization},     {"mean_in_system", b.mean_in_system},
               {"in_system_end", b.in_system_end}, {"reads", b.reads},
               {"stale_reads", b.stale_reads}};
    if (b.usd_per_hour) block["usd_per_hour"] = *b.usd_per_hour;
    blocks.push_back(std::move(block));
  }
  return {{"window", {{"end_s", w.end_s}, {"flows", flows}, {"blocks", blocks}}}};
}

// An unstable station's predicted waits are infinite, which JSON cannot hold: they are written as 0 (the
// reader knows from "stable" that they mean nothing).
double finite(double v) {
  return std::isfinite(v) ? v : 0;
}

json theory_json(const StationTheory& s) {
  return {{"arrival_rate_per_s", s.arrival_rate_per_s},
          {"utilization", finite(s.utilization)},
          {"stable", s.stable},
          {"mean_wait_ms", finite(s.mean_wait_ms)},
          {"p99_wait_ms", finite(s.p99_wait_ms)},
          {"sim_mean_wait_ms", finite(s.sim_mean_wait_ms)},
          {"sim_p99_wait_ms", finite(s.sim_p99_wait_ms)},
          {"agrees", s.agrees},
          {"reasons", s.reasons}};
}

json topology_json(const Topology& t, const std::vector<BlockFigures>& figures) {
  json regions = json::array();
  for (const Region& r : t.regions)
    regions.push_back({{"name", r.name}, {"zones", r.zones}});
  json blocks = json::array();
  for (std::size_t i = 0; i < t.blocks.size(); ++i) {
    const BlockInfo& b = t.blocks[i];
    json block{{"name", b.name}, {"kind", b.kind}, {"zones", b.zones}, {"servers", b.servers}};
    if (i < figures.size() && figures[i].usd_per_month) block["usd_per_month"] = *figures[i].usd_per_month;
    if (i < figures.size() && figures[i].theory) block["theory"] = theory_json(*figures[i].theory);
    blocks.push_back(std::move(block));
  }
  json edges = json::array();
  for (const Edge& e : t.edges)
    edges.push_back({{"from", e.from}, {"to", e.to}, {"flow", e.flow}});
  return {{"topology", {{"regions", regions}, {"blocks", blocks}, {"edges", edges}}}};
}

json faults_json(const std::vector<FaultWindow>& faults) {
  json out = json::array();
  for (const FaultWindow& f : faults) {
    out.push_back({{"type", f.type},
                   {"target", f.target},
                   {"start_s", f.start_s},
                   {"duration_s", f.duration_s},
                   {"zones", f.zones},
                   {"blocks", f.blocks}});
  }
  return {{"faults", out}};
}

json headline_json(const Headline& h) {
  json flows = json::array();
  for (const FlowHeadline& f : h.flows) {
    flows.push_back({{"name", f.name},
                     {"throughput_per_s", f.throughput_per_s},
                     {"success_fraction", f.success_fraction},
                     {"p50_ms", f.p50_ms},
                     {"p99_ms", f.p99_ms}});
  }
  return {{"summary", {{"flows", flows}, {"usd_per_month", h.usd_per_month}, {"events", h.events}}}};
}

json visibility_json(const std::vector<FlowVisibility>& curves) {
  json out = json::array();
  for (const FlowVisibility& c : curves) {
    json bins = json::array();
    for (const VisibilityBin& b : c.bins) {
      bins.push_back({{"from_ms", b.from_ms},
                      {"to_ms", b.to_ms},
                      {"reads", b.reads},
                      {"fresh_fraction", b.fresh_fraction}});
    }
    out.push_back({{"flow", c.flow}, {"bins", bins}});
  }
  return out;
}

// ---- reading ----

std::vector<FlowVisibility> read_visibility(const json& j) {
  std::vector<FlowVisibility> out;
  for (const json& c : j) {
    FlowVisibility v{c.at("flow").get<std::string>(), {}};
    for (const json& b : c.at("bins")) {
      v.bins.push_back(VisibilityBin{.from_ms = b.at("from_ms").get<double>(),
                                     .to_ms = b.at("to_ms").get<double>(),
                                     .reads = b.at("reads").get<double>(),
                                     .fresh_fraction = b.at("fresh_fraction").get<double>()});
    }
    out.push_back(std::move(v));
  }
  return out;
}

std::optional<FlowSlo> read_slo(const json& j) {
  if (j.is_null()) return std::nullopt;
  return FlowSlo{.latency_ms = j.at("latency_ms").get<double>(),
                 .percentile = j.at("percentile").get<double>(),
                 .availability = j.at("availability").get<double>()};
}

Window read_window(const json& j) {
  Window w;
  w.end_s = j.at("end_s").get<double>();
  for (const json& f : j.at("flows")) {
    FlowPoint p;
    p.completed = f.at("completed").get<std::uint64_t>();
    for (std::size_t r = 0; r < failure_reasons.size(); ++r)
      p.failed[r] = f.at("failed").at(failure_reasons[r]).get<std::uint64_t>();
    p.p50_ms = f.at("p50_ms").get<double>();
    p.p99_ms = f.at("p99_ms").get<double>();
    p.reads = f.at("reads").get<std::uint64_t>();
    p.stale_reads = f.at("stale_reads").get<std::uint64_t>();
    p.stale_p99_ms = f.value("stale_p99_ms", 0.0);
    w.flows.push_back(p);
  }
  for (const json& b : j.at("blocks")) {
    w.blocks.push_back(BlockPoint{
        .arrivals = b.at("arrivals").get<std::uint64_t>(),
        .completions = b.at("completions").get<std::uint64_t>(),
        .rejections = b.at("rejections").get<std::uint64_t>(),
        .servers = b.at("servers").get<std::uint32_t>(),
        .utilization = b.at("utilization").get<double>(),
        .mean_in_system = b.at("mean_in_system").get<double>(),
        .in_system_end = b.at("in_system_end").get<std::int64_t>(),
        .reads = b.value("reads", std::uint64_t{0}),
        .stale_reads = b.value("stale_reads", std::uint64_t{0}),
        // Optional: traces recorded before windows carried cost read as before.
        .usd_per_hour = b.contains("usd_per_hour") ? std::optional<double>(b.at("usd_per_hour").get<double>())
                                                   : std::nullopt});
  }
  return w;
}

StationTheory read_theory(const json& j) {
  return StationTheory{.arrival_rate_per_s = j.at("arrival_rate_per_s").get<double>(),
                       .utilization = j.at("utilization").get<double>(),
                       .stable = j.at("stable").get<bool>(),
                       .mean_wait_ms = j.at("mean_wait_ms").get<double>(),
                       .p99_wait_ms = j.at("p99_wait_ms").get<double>(),
                       .sim_mean_wait_ms = j.at("sim_mean_wait_ms").get<double>(),
                       .sim_p99_wait_ms = j.at("sim_p99_wait_ms").get<double>(),
                       .agrees = j.at("agrees").get<bool>(),
                       .reasons = j.at("reasons").get<std::vector<std::string>>()};
}

void read_topology(const json& j, Topology& t, std::vector<BlockFigures>& figures) {
  for (const json& r : j.at("regions")) {
    t.regions.push_back(
        Region{r.at("name").get<std::string>(), r.at("zones").get<std::vector<std::string>>()});
  }
  for (const json& b : j.at("blocks")) {
    t.blocks.push_back(BlockInfo{.name = b.at("name").get<std::string>(),
                                 .kind = b.at("kind").get<std::string>(),
                                 .zones = b.at("zones").get<std::vector<std::string>>(),
                                 .servers = b.at("servers").get<std::uint32_t>()});
    // Optional: traces recorded before blocks carried cost and theory read as before.
    BlockFigures f;
    if (b.contains("usd_per_month")) f.usd_per_month = b.at("usd_per_month").get<double>();
    if (b.contains("theory")) f.theory = read_theory(b.at("theory"));
    figures.push_back(std::move(f));
  }
  for (const json& e : j.at("edges")) {
    t.edges.push_back(Edge{e.at("from").get<std::string>(), e.at("to").get<std::string>(),
                           e.at("flow").get<std::string>()});
  }
}

void read_faults(const json& j, std::vector<FaultWindow>& out) {
  for (const json& f : j) {
    out.push_back(FaultWindow{.type = f.at("type").get<std::string>(),
                              .target = f.at("target").get<std::string>(),
                              .start_s = f.at("start_s").get<double>(),
                              .duration_s = f.at("duration_s").get<double>(),
                              .zones = f.at("zones").get<std::vector<std::string>>(),
                              .blocks = f.at("blocks").get<std::vector<std::string>>()});
  }
}

void read_headline(const json& j, Headline& h) {
  for (const json& f : j.at("flows")) {
    h.flows.push_back(FlowHeadline{.name = f.at("name").get<std::string>(),
                                   .throughput_per_s = f.at("throughput_per_s").get<double>(),
                                   .success_fraction = f.at("success_fraction").get<double>(),
                                   .p50_ms = f.at("p50_ms").get<double>(),
                                   .p99_ms = f.at("p99_ms").get<double>()});
  }
  h.usd_per_month = j.at("usd_per_month").get<double>();
  h.events = j.at("events").get<double>();
}

void read_header(const json& j, Trace& t) {
  t.design = j.at("design").get<std::string>();
  t.scenario = j.at("scenario").get<std::string>();
  t.seed = j.at("seed").get<std::uint64_t>();
  t.start_s = j.at("start_s").get<double>();
  t.end_s = j.at("end_s").get<double>();
  t.window_s = j.at("window_s").get<double>();
}

const char* const rerecord = "record it again with 'sdsim run DESIGN --trace FILE'";

}  // namespace

std::string to_json_lines(const Trace& t) {
  std::string out;
  auto line = [&](const json& j) {
    out += j.dump();
    out += '\n';
  };
  line({{"format", format_version},
        {"design", t.design},
        {"scenario", t.scenario},
        {"seed", t.seed},
        {"start_s", t.start_s},
        {"end_s", t.end_s},
        {"window_s", t.window_s}});
  line(topology_json(t.topology, t.block_figures));
  line(faults_json(t.faults));
  json flows = json::array();
  for (const FlowInfo& f : t.flows)
    flows.push_back({{"name", f.name}, {"slo", slo_json(f.slo)}});
  json flows_line{{"flows", flows}};
  if (!t.visibility.empty()) flows_line["visibility"] = visibility_json(t.visibility);
  line(flows_line);
  for (const Window& w : t.windows)
    line(window_json(w));
  line(headline_json(t.headline));
  return out;
}

ReadResult read_trace_text(const std::string& name, const std::string& text) {
  ReadResult result;
  auto fail = [&](std::size_t line, const std::string& what) {
    result.error = name + (line > 0 ? ":" + std::to_string(line) : "") + ": " + what;
    return result;
  };
  if (text.empty()) return fail(0, std::string("the file is empty: not an sdsim trace; ") + rerecord);
  Trace t;
  bool summary_seen = false;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    ++line_no;
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) {
      return fail(line_no,
                  "the file ends in the middle of this line: the trace was cut off while being "
                  "written (a full disk, or a copy that stopped); " +
                      std::string(rerecord));
    }
    const std::string line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (summary_seen)
      return fail(line_no, "unexpected line after the summary (the summary is the last line)");
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return fail(line_no, "this line is not a JSON object");
    try {
      if (line_no == 1) {
        if (!j.contains("format"))
          return fail(1, std::string("not an sdsim trace (no \"format\"); ") + rerecord);
        const std::string version = j.at("format").is_string() ? j.at("format").get<std::string>() : "?";
        if (version != format_version) {
          return fail(1, "trace format \"" + version + "\", but this sdsim reads \"" + format_version +
                             "\"; " + rerecord + " with this version of sdsim");
        }
        read_header(j, t);
      } else if (j.contains("topology")) {
        read_topology(j.at("topology"), t.topology, t.block_figures);
      } else if (j.contains("faults")) {
        read_faults(j.at("faults"), t.faults);
      } else if (j.contains("flows")) {
        for (const json& f : j.at("flows"))
          t.flows.push_back(FlowInfo{f.at("name").get<std::string>(), read_slo(f.at("slo"))});
        if (j.contains("visibility")) t.visibility = read_visibility(j.at("visibility"));
      } else if (j.contains("window")) {
        Window w = read_window(j.at("window"));
        if (w.flows.size() != t.flows.size() || w.blocks.size() != t.topology.blocks.size()) {
          return fail(line_no, "this window has " + std::to_string(w.flows.size()) + " flows and " +
                                   std::to_string(w.blocks.size()) + " blocks, but the trace declares " +
                                   std::to_string(t.flows.size()) + " and " +
                                   std::to_string(t.topology.blocks.size()));
        }
        t.windows.push_back(std::move(w));
      } else if (j.contains("summary")) {
        read_headline(j.at("summary"), t.headline);
        summary_seen = true;
      } else {
        return fail(line_no, "unknown line (expected topology, faults, flows, window or summary)");
      }
    } catch (const json::exception& e) {
      return fail(line_no, std::string("malformed: ") + e.what());
    }
  }
  if (!summary_seen) {
    return fail(line_no, std::string("the trace ends before its summary line: it was cut off; ") + rerecord);
  }
  result.trace = std::move(t);
  return result;
}

ReadResult read_trace_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    ReadResult r;
    r.error = path + ": is a folder, not a trace file";
    return r;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ReadResult r;
    r.error = path + ": cannot open the trace file (does it exist?); " + rerecord;
    return r;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return read_trace_text(path, text.str());
}

}  // namespace sdsim::trace
