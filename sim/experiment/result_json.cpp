#include "sim/experiment/result_json.hpp"

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "sim/core/network.hpp"

namespace sdsim {

namespace {

using Json = nlohmann::ordered_json;

double rounded(double x) {
  char text[64];
  std::snprintf(text, sizeof text, "%.9g", x);
  return std::strtod(text, nullptr);
}

Json estimate_json(const Estimate& e) {
  return Json{{"mean", rounded(e.mean)}, {"ci95", rounded(e.half_width)}};
}

template <typename Figures>
void add_figures(Json& out, Figures& figures) {
  for_each_figure([&](const char* name, Estimate& e) { out[name] = estimate_json(e); }, figures);
}

Json latency_json(LatencyFigures<Estimate> latency) {
  Json out = Json::object();
  add_figures(out, latency);
  return out;
}

Json flow_json(FlowFigures<Estimate> flow) {
  Json out = Json::object();
  out["name"] = flow.name;
  add_figures(out, flow);
  out["latency"] = latency_json(flow.latency);
  return out;
}

Json block_json(BlockFigures<Estimate> block) {
  Json out = Json::object();
  out["name"] = block.name;
  out["kind"] = block.kind;
  out["servers"] = block.servers;
  add_figures(out, block);
  out["sojourn"] = latency_json(block.sojourn);
  out["wait"] = latency_json(block.wait);
  return out;
}

}  // namespace

std::string result_to_json(const ExperimentResult& result) {
  const ExperimentSummary& s = result.summary;
  Json out = Json::object();
  out["format"] = result_format_version;
  out["design"] = result.design_name;
  out["scenario"] = result.scenario_name;
  out["seed"] = result.seed;
  out["replications"] = result.replications.size();
  out["replication_seeds"] = result.replication_seeds;
  if (!result.event_fingerprints.empty()) out["event_fingerprints"] = result.event_fingerprints;
  out["confidence_level"] = 0.95;
  out["measured_s"] = rounded(s.measured_s);
  out["events"] = estimate_json(s.events);
  out["overall"] = flow_json(s.overall);
  out["flows"] = Json::array();
  for (const auto& f : s.flows)
    out["flows"].push_back(flow_json(f));
  out["blocks"] = Json::array();
  for (const auto& b : s.blocks)
    out["blocks"].push_back(block_json(b));
  if (!s.network_gb.empty()) {
    // Only designs whose calls carry sizes: the others' results stay as they were.
    Json network = Json::object();
    for (std::size_t c = 0; c < s.network_gb.size(); ++c) {
      network[std::string(hop_class_name(static_cast<HopClass>(c))) + "_gb"] = estimate_json(s.network_gb[c]);
    }
    out["network"] = network;
  }
  return out.dump(2) + "\n";
}

}  // namespace sdsim
