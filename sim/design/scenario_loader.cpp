#include <algorithm>
#include <cmath>
#include <filesystem>

#include "sim/catalog/fault_params.hpp"
#include "sim/catalog/format_params.hpp"
#include "sim/catalog/load_params.hpp"
#include "sim/catalog/slo_params.hpp"
#include "sim/design/distribution_spec.hpp"
#include "sim/design/fault_reader.hpp"
#include "sim/design/load_profile_reader.hpp"
#include "sim/design/object_reader.hpp"
#include "sim/design/scenario.hpp"

namespace sdsim {

namespace {

using namespace format;

// Beyond this many simulated requests in one invocation a run takes hours; refuse rather than appear to hang.
constexpr double max_requests = 5e9;

// An object of names with positive shares ("mix", "clients"); `what` says what the names are.
std::vector<ShareSpec> read_shares(const Json& value, const std::string& pointer, const std::string& what,
                                   Diagnostics& diagnostics) {
  std::vector<ShareSpec> shares;
  const std::string example = "{\"NAME\": 0.7, \"OTHER\": 0.3}";
  if (!value.is_object() || value.empty()) {
    diagnostics.error(pointer,
                      value.is_object()
                          ? "names no " + what
                          : "must be an object of " + what + "s with shares, not " + json_type_words(value),
                      "write " + example);
    return shares;
  }
  for (auto it = value.begin(); it != value.end(); ++it) {
    std::string at = pointer + "/" + pointer_token(it.key());
    if (!it.value().is_number()) {
      diagnostics.error(at,
                        "the share of " + what + " \"" + it.key() + "\" must be a number, not " +
                            json_type_words(it.value()),
                        "write a positive share such as 0.5; shares need not sum to 1");
      continue;
    }
    double share = it.value().get<double>();
    if (!(share > 0) || !std::isfinite(share)) {
      diagnostics.error(
          at,
          "the share of " + what + " \"" + it.key() + "\" must be above 0 (got " + number_text(share) + ")",
          "leave out a " + what + " that gets nothing");
      continue;
    }
    shares.push_back(ShareSpec{it.key(), share, at});
  }
  return shares;
}

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
  if (const Json* mix = r.member(load_mix))
    load.mix = read_shares(*mix, r.child_pointer(load_mix.name), "flow", diagnostics);
  if (const Json* clients = r.member(load_clients))
    load.clients = read_shares(*clients, r.child_pointer(load_clients.name), "region", diagnostics);
  r.finish();
  ok = diagnostics.size() == before;
  return load;
}

// One "slos" entry; a key given is present in the result even when the same key of "*" would fill it.
SloSpec read_slo(const std::string& flow, const Json& value, const std::string& pointer,
                 Diagnostics& diagnostics) {
  SloSpec slo;
  slo.flow = flow;
  slo.pointer = pointer;
  ObjectReader r(
      value, pointer, diagnostics,
      flow == slo_every_flow ? "the objectives of every flow" : "the objectives of flow \"" + flow + "\"");
  auto given = [&](const ParamSpec& spec) -> std::optional<double> {
    bool present = r.has(spec.name);
    std::optional<double> v = r.number(spec);
    return present ? v : std::nullopt;
  };
  slo.latency_ms = given(slo_latency);
  slo.percentile = given(slo_percentile);
  slo.availability = given(slo_availability);
  // The ranges are open at these ends, which a ParamSpec's inclusive range cannot say.
  if (slo.percentile && (*slo.percentile <= 0 || *slo.percentile >= 100)) {
    diagnostics.error(r.child_pointer("percentile"),
                      "must be above 0 and below 100 (got " + number_text(*slo.percentile) + ")",
                      "a percentile of 100 would be the slowest request of all; write 99, 99.9 or 50");
  }
  if (slo.availability && *slo.availability <= 0) {
    diagnostics.error(r.child_pointer("availability"), "must be above 0 (got 0)",
                      "an availability target is a percentage such as 99.9; leave it out for none");
  }
  r.finish();
  return slo;
}

void read_slos(const Json& value, Scenario& scenario, Diagnostics& diagnostics) {
  if (!value.is_object()) {
    diagnostics.error("/slos", "slos must be an object, not " + json_type_words(value),
                      "write { \"FLOW\": {\"latency_ms\": 200, \"availability\": 99.9} }");
    return;
  }
  const std::size_t before = diagnostics.size();
  for (auto it = value.begin(); it != value.end(); ++it)
    scenario.slos.push_back(read_slo(it.key(), it.value(), "/slos/" + pointer_token(it.key()), diagnostics));
  // Entries are judged together with "*" only once each reads cleanly: a bad value is not also "no
  // objective".
  if (diagnostics.size() != before) return;
  for (const SloSpec& slo : scenario.slos) {
    std::optional<SloSpec> merged = slo_for(scenario, slo.flow);
    if (!merged || (!merged->latency_ms && !merged->availability)) {
      diagnostics.error(slo.pointer, "states no objective",
                        "give latency_ms (with percentile, 99 unless stated), availability, or both");
    } else if (merged->percentile && !merged->latency_ms) {
      diagnostics.error(slo.pointer, "gives a percentile but no latency_ms for it to bound",
                        "add latency_ms, or remove percentile");
    }
  }
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
    scenario.description = top.text(scenario_description).value_or("");
    if (auto v = top.number(scenario_duration)) scenario.duration_s = *v;
    if (auto v = top.number(scenario_warmup)) scenario.warmup_s = *v;
    if (auto v = top.integer(scenario_seed)) scenario.seed = *v;
    if (auto v = top.integer(scenario_replications)) scenario.replications = static_cast<std::uint32_t>(*v);
    if (const Json* keys = top.member(scenario_keys)) {
      ObjectReader k(*keys, "/keys", diagnostics, "keys");
      auto count = k.integer(keys_count);
      auto popularity = k.text(keys_popularity);
      auto skew = k.number(keys_skew);
      auto hot_share = k.number(keys_hot_share);
      auto hot_keys = k.integer(keys_hot_keys);
      k.finish();
      if (count && skew && hot_share && hot_keys) {
        scenario.keys = popularity.value_or("uniform") == "zipf" ? KeySampler::zipf(*count, *skew)
                                                                 : KeySampler::uniform(*count);
        if (*hot_share > 0) scenario.keys = scenario.keys.with_hot_keys(*hot_share, *hot_keys);
        if (*hot_keys > *count) {
          diagnostics.error("/keys/hot_keys",
                            "hot_keys (" + std::to_string(*hot_keys) + ") is more than count (" +
                                std::to_string(*count) + ")",
                            "hot_keys names some of the keys: at most count");
        }
      }
    }
    if (const Json* clients = top.member(scenario_clients))
      scenario.clients = read_shares(*clients, "/clients", "region", diagnostics);
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
    if (top.has(scenario_window.name)) {
      if (auto v = top.number(scenario_window)) scenario.window_s = *v;
    }
    top.allow(scenario_window.name);
    if (scenario.window_s > 0 && scenario.duration_s / scenario.window_s > max_windows) {
      diagnostics.error(
          "/window_s",
          "the run would have " +
              std::to_string(static_cast<long long>(std::ceil(scenario.duration_s / scenario.window_s))) +
              " SLO windows, more than the limit of " + number_text(max_windows),
          "lengthen window_s to at least " + number_text(scenario.duration_s / max_windows) +
              " s, or leave it out to have it chosen from duration_s");
    }
    if (const Json* slos = top.member(scenario_slos)) read_slos(*slos, scenario, diagnostics);
    if (const Json* faults = top.member(scenario_faults))
      scenario.faults = read_faults(*faults, scenario.warmup_s + scenario.duration_s, diagnostics);
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
  // A flow a load sends: it must exist and take requests from clients.
  auto check_flow = [&](const std::string& name, const std::string& pointer) {
    if (const FlowSpec* flow = design.find_flow(name); flow && !flow->consume.empty()) {
      diagnostics.error(pointer,
                        "flow \"" + name + "\" consumes queue \"" + flow->consume +
                            "\": its requests come from the queue's messages, so it takes no load",
                        "remove it and give a load to a flow that sends to \"" + flow->consume + "\"");
      return;
    }
    if (!design.find_flow(name)) {
      std::string guess = closest_match(name, flows);
      std::string known;
      for (const std::string& f : flows)
        known += (known.empty() ? "" : ", ") + f;
      std::string hint = guess.empty() ? std::string() : "did you mean \"" + guess + "\"? ";
      hint += "the design's flows: ";
      hint += known;
      diagnostics.error(pointer, "the design \"" + design.name + "\" has no flow \"" + name + "\"", hint);
    }
  };
  std::vector<std::string> regions;
  for (const RegionSpec& r : design.regions)
    regions.push_back(r.name);
  auto check_regions = [&](const std::vector<ShareSpec>& clients) {
    for (const ShareSpec& c : clients) {
      if (std::find(regions.begin(), regions.end(), c.name) != regions.end()) continue;
      if (regions.empty()) {
        diagnostics.error(c.pointer, "the design \"" + design.name + "\" declares no regions for clients in",
                          "leave out \"clients\", or add \"regions\" to the design");
        continue;
      }
      std::string guess = closest_match(c.name, regions);
      std::string hint = guess.empty() ? std::string() : "did you mean \"" + guess + "\"? ";
      hint += "the design's regions: ";
      for (std::size_t i = 0; i < regions.size(); ++i)
        hint += (i ? ", " : "") + regions[i];
      diagnostics.error(c.pointer, "the design \"" + design.name + "\" has no region \"" + c.name + "\"",
                        hint);
    }
  };
  check_regions(scenario.clients);
  double requests = 0;
  for (const LoadSpec& load : scenario.loads) {
    if (load.mix.empty()) {
      check_flow(load.flow, load.pointer);
    } else {
      for (const ShareSpec& m : load.mix)
        check_flow(m.name, m.pointer);
    }
    check_regions(load.clients);
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
  std::size_t slo_flows = 0;
  for (const FlowSpec& f : design.flows)
    slo_flows += slo_for(scenario, f.name) ? 1 : 0;
  for (const SloSpec& slo : scenario.slos) {
    if (slo.flow == slo_every_flow || design.find_flow(slo.flow)) continue;
    std::string guess = closest_match(slo.flow, flows);
    std::string hint = guess.empty() ? std::string() : "did you mean \"" + guess + "\"? ";
    hint += "the design's flows: ";
    for (std::size_t i = 0; i < flows.size(); ++i)
      hint += (i ? ", " : "") + flows[i];
    hint += "; or \"*\" for every flow";
    diagnostics.error(slo.pointer, "the design \"" + design.name + "\" has no flow \"" + slo.flow + "\"",
                      hint);
  }
  // Each window of each judged flow keeps about a dozen figures per replication until they are averaged.
  constexpr double max_window_figures = 2e6;
  const double window_s =
      scenario.window_s > 0 ? scenario.window_s : format::default_slo_window_s(scenario.duration_s);
  const double window_figures =
      std::ceil(scenario.duration_s / window_s) * static_cast<double>(slo_flows) * scenario.replications;
  if (window_figures > max_window_figures) {
    diagnostics.error(scenario.window_s > 0 ? "/window_s" : "/slos",
                      "judging " + std::to_string(slo_flows) + " flows over " +
                          number_text(std::ceil(scenario.duration_s / window_s)) + " windows in " +
                          std::to_string(scenario.replications) + " replications keeps " +
                          number_text(window_figures) + " window series, more than the limit of 2000000",
                      "lengthen window_s, use fewer replications, or state objectives for fewer flows");
  }
  check_faults_fit(scenario.faults, design, diagnostics);
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

std::optional<SloSpec> slo_for(const Scenario& scenario, const std::string& flow) {
  const SloSpec* every = nullptr;
  const SloSpec* own = nullptr;
  for (const SloSpec& slo : scenario.slos) {
    if (slo.flow == format::slo_every_flow) every = &slo;
    if (slo.flow == flow) own = &slo;
  }
  if (!every && !own) return std::nullopt;
  SloSpec merged = own ? *own : *every;
  merged.flow = flow;
  if (own && every) {
    if (!merged.latency_ms) merged.latency_ms = every->latency_ms;
    if (!merged.percentile) merged.percentile = every->percentile;
    if (!merged.availability) merged.availability = every->availability;
  }
  return merged;
}

}  // namespace sdsim
