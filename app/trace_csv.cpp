#include "app/trace_csv.hpp"

#include <cstdio>
#include <filesystem>
#include <system_error>

#include "app/atomic_file.hpp"

namespace sdsim::app {

namespace {

// Shortest text that reads back as the same double, so CSV and JSON agree.
std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  double back = 0;
  for (int precision = 6; precision < 17; ++precision) {
    char shorter[32];
    std::snprintf(shorter, sizeof shorter, "%.*g", precision, v);
    if (std::sscanf(shorter, "%lf", &back) == 1 && back == v) return shorter;
  }
  return buf;
}

// Names are design identifiers, but quote them in case one holds a comma or a quote.
std::string field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Stale reads in percent of the reads judged; empty when none were.
std::string stale_pct(std::uint64_t reads, std::uint64_t stale) {
  return reads == 0 ? "" : number(100.0 * static_cast<double>(stale) / static_cast<double>(reads));
}

double window_start(const trace::Trace& t, std::size_t w) {
  return w == 0 ? t.start_s : t.windows[w - 1].end_s;
}

}  // namespace

std::string flows_csv(const trace::Trace& t) {
  std::string out = "window_start_s,window_end_s,flow,completed";
  for (const char* reason : trace::failure_reasons)
    out += std::string(",") + reason;
  out += ",p50_ms,p99_ms,reads,stale_reads,stale_pct,stale_p99_ms\n";
  for (std::size_t w = 0; w < t.windows.size(); ++w) {
    const trace::Window& window = t.windows[w];
    for (std::size_t f = 0; f < window.flows.size() && f < t.flows.size(); ++f) {
      const trace::FlowPoint& p = window.flows[f];
      out += number(window_start(t, w)) + "," + number(window.end_s) + "," + field(t.flows[f].name) + "," +
             std::to_string(p.completed);
      for (std::uint64_t n : p.failed)
        out += "," + std::to_string(n);
      out += "," + number(p.p50_ms) + "," + number(p.p99_ms) + "," + std::to_string(p.reads) + "," +
             std::to_string(p.stale_reads) + "," + stale_pct(p.reads, p.stale_reads) + "," +
             number(p.stale_p99_ms) + "\n";
    }
  }
  return out;
}

std::string blocks_csv(const trace::Trace& t) {
  std::string out =
      "window_start_s,window_end_s,block,kind,arrivals,completions,rejections,servers,utilization,"
      "mean_in_system,in_system_end,reads,stale_reads,stale_pct,usd_per_hour\n";
  for (std::size_t w = 0; w < t.windows.size(); ++w) {
    const trace::Window& window = t.windows[w];
    for (std::size_t b = 0; b < window.blocks.size() && b < t.topology.blocks.size(); ++b) {
      const trace::BlockPoint& p = window.blocks[b];
      const trace::BlockInfo& info = t.topology.blocks[b];
      out += number(window_start(t, w)) + "," + number(window.end_s) + "," + field(info.name) + "," +
             field(info.kind) + "," + std::to_string(p.arrivals) + "," + std::to_string(p.completions) + "," +
             std::to_string(p.rejections) + "," + std::to_string(p.servers) + "," + number(p.utilization) +
             "," + number(p.mean_in_system) + "," + std::to_string(p.in_system_end) + "," +
             std::to_string(p.reads) + "," + std::to_string(p.stale_reads) + "," +
             stale_pct(p.reads, p.stale_reads) + "," + (p.usd_per_hour ? number(*p.usd_per_hour) : "") + "\n";
    }
  }
  return out;
}

std::string write_csv_dir(const std::string& dir, const trace::Trace& trace) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return "cannot create the folder " + dir + ": " + ec.message();
  if (!std::filesystem::is_directory(dir, ec)) return dir + " is not a folder";
  const std::filesystem::path base(dir);
  std::string problem = write_file_atomically((base / "flows.csv").string(), flows_csv(trace));
  if (problem.empty()) problem = write_file_atomically((base / "blocks.csv").string(), blocks_csv(trace));
  return problem;
}

}  // namespace sdsim::app
