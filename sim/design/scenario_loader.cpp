#include <filesystem>

#include "sim/catalog/format_params.hpp"
#include "sim/catalog/load_params.hpp"
#include "sim/design/distribution_spec.hpp"
#include "sim/design/load_profile_reader.hpp"
#include "sim/design/object_reader.hpp"
#include "sim/design/scenario.hpp"

namespace sdsim {

namespace {

using namespace format;

// Beyond this many simulated requests in one invocation a run takes hours; refuse rather than appear to hang.
constexpr double max_requests = 5e9;

LoadSpec read_load(const std::string& flow, const Json& value, const std::string& pointer,
                   const std::string& base_dir, double horizon_s, Diagnostics& diagnostics, bool& ok) {
  LoadSpec load;
  load.flow = flow;
  load.pointer = pointer;
  std::size_t before = diagnostics.size();
  ObjectReader r(value, pointer, diagnostics, "the load of flow \"" + flow + "\"");
  bool type_known = false;
  if (auto type = r.text(load_type)) {
    type_known = *type == "open" || *type == "closed";
    if (*type == "open") {
      load.type = LoadSpec::Type::open;
      read_open_load(r, base_dir, horizon_s, load, diagnostics);
    } else if (*type == "closed") {
      load.type = LoadSpec::Type::closed;
      if (auto users = r.integer(load_users)) load.users = static_cast<std::uint32_t>(*users);
      if (const Json* think = r.member(load_think)) {
        if (auto d = read_distribution(*think, r.child_pointer("think_time"), diagnostics, "think_time")) {
          load.think = *d;
        }
      }
    } else {
      diagnostics.error(r.child_pointer("type"), "unknown load type \"" + *type + "\"",
                        "use \"open\" (a rate) or \"closed\" (users with think time)");
    }
  }
  if (!type_known) {
    // Without a valid type the other keys cannot be judged; do not call them unknown as well.
    for (const ParamSpec* spec :
         {&load_rate, &load_users, &load_think, &load_profile, &ramp_from, &ramp_to, &ramp_start, &ramp_end,
          &step_list, &spike_peak, &spike_at, &spike_duration, &spike_ramp, &diurnal_trough, &diurnal_period,
          &diurnal_peak_at, &replay_csv})
      r.allow(spec->name);
  }
  r.finish();
  ok = diagnostics.size() == before;
  return load;
}

// Reads the document into `out`; problems already in out.diagnostics (duplicate keys) also withhold the
// value.
void load_scenario(const JsonDocument& doc, Loaded<Scenario>& out) {
  Diagnostics& diagnostics = out.diagnostics;
  Scenario scenario;
  scenario.file = doc.file;
  scenario.locator = doc.locator;
  ObjectReader top(doc.root, "", diagnostics, "the scenario");
  top.allow("$schema");
  if (top.is_object()) {
    scenario.name = top.text(scenario_name).value_or(std::filesystem::path(doc.file).stem().string());
    if (auto v = top.number(scenario_duration)) scenario.duration_s = *v;
    if (auto v = top.number(scenario_warmup)) scenario.warmup_s = *v;
    if (auto v = top.integer(scenario_seed)) scenario.seed = *v;
    if (auto v = top.integer(scenario_replications)) scenario.replications = static_cast<std::uint32_t>(*v);
    if (const Json* keys = top.member(scenario_keys)) {
      ObjectReader k(*keys, "/keys", diagnostics, "keys");
      auto count = k.integer(keys_count);
      auto popularity = k.text(keys_popularity);
      auto skew = k.number(keys_skew);
      k.finish();
      if (count && skew) {
        scenario.keys = popularity.value_or("uniform") == "zipf" ? KeySampler::zipf(*count, *skew)
                                                                 : KeySampler::uniform(*count);
      }
    }
    std::string base_dir = std::filesystem::path(doc.file).parent_path().string();
    if (const Json* loads = top.member(scenario_load)) {
      if (loads->empty()) diagnostics.error("/load", "no load is given", "give at least one flow a load");
      for (auto it = loads->begin(); it != loads->end(); ++it) {
        bool ok = false;
        LoadSpec load = read_load(it.key(), it.value(), "/load/" + pointer_token(it.key()), base_dir,
                                  scenario.warmup_s + scenario.duration_s, diagnostics, ok);
        if (ok) scenario.loads.push_back(std::move(load));
      }
    }
    top.finish();
  }
  locate(diagnostics, doc);
  if (diagnostics.empty()) out.value = std::move(scenario);
}

}  // namespace

Loaded<Scenario> load_scenario_file(const std::string& path, const std::vector<Override>& overrides) {
  Loaded<Scenario> out;
  auto doc = read_json_document(path, out.diagnostics);
  if (!doc) return out;
  apply_overrides(*doc, overrides, Override::Target::scenario, out.diagnostics);
  if (!out.diagnostics.empty()) {
    locate(out.diagnostics, *doc);
    return out;
  }
  load_scenario(*doc, out);
  mark_overridden(out.diagnostics, overrides, Override::Target::scenario);
  return out;
}

Loaded<Scenario> load_scenario_text(const std::string& name, std::string text) {
  Loaded<Scenario> out;
  auto doc = parse_json_document(name, std::move(text), out.diagnostics);
  if (doc) load_scenario(*doc, out);
  return out;
}

Diagnostics check_scenario_fits(const Scenario& scenario, const Design& design) {
  Diagnostics diagnostics;
  std::vector<std::string> flows;
  for (const FlowSpec& f : design.flows)
    flows.push_back(f.name);
  double requests = 0;
  for (const LoadSpec& load : scenario.loads) {
    if (const FlowSpec* flow = design.find_flow(load.flow); flow && !flow->consume.empty()) {
      diagnostics.error(load.pointer,
                        "flow \"" + load.flow + "\" consumes queue \"" + flow->consume +
                            "\": its requests come from the queue's messages, so it takes no load",
                        "remove this load and give a load to a flow that sends to \"" + flow->consume + "\"");
      continue;
    }
    if (!design.find_flow(load.flow)) {
      std::string guess = closest_match(load.flow, flows);
      std::string known;
      for (const std::string& f : flows)
        known += (known.empty() ? "" : ", ") + f;
      std::string hint = guess.empty() ? std::string() : "did you mean \"" + guess + "\"? ";
      hint += "the design's flows: ";
      hint += known;
      diagnostics.error(load.pointer, "the design \"" + design.name + "\" has no flow \"" + load.flow + "\"",
                        hint);
    }
    // rate_per_s is the mean over the run for a profile or a replay.
    if (load.type == LoadSpec::Type::open)
      requests += load.rate_per_s * (scenario.duration_s + scenario.warmup_s);
  }
  requests *= scenario.replications;
  if (requests > max_requests) {
    diagnostics.error("",
                      "this run would simulate about " + std::to_string(static_cast<long long>(requests)) +
                          " requests, more than the limit of 5e9 (hours of computing)",
                      "shorten duration_s, lower the rates, or use fewer replications");
  }
  for (Diagnostic& d : diagnostics.items()) {
    d.file = scenario.file;
    if (scenario.locator) {
      TextPosition p = scenario.locator->find(d.pointer);
      d.line = p.line;
      d.column = p.column;
    }
  }
  return diagnostics;
}

}  // namespace sdsim
