#include "sim/catalog/schema.hpp"

#include <cmath>

#include "sim/catalog/fault_params.hpp"
#include "sim/catalog/format_params.hpp"
#include "sim/catalog/load_params.hpp"
#include "sim/catalog/slo_params.hpp"

namespace sdsim {

namespace {

using Schema = nlohmann::ordered_json;

constexpr const char* draft = "https://json-schema.org/draft/2020-12/schema";

// Whole numbers print without a fraction ("1000000", not "1000000.0").
Schema number_value(double v) {
  if (std::floor(v) == v && std::abs(v) < 9.1e15) return static_cast<std::int64_t>(v);
  return v;
}

std::string describe(const ParamSpec& spec) {
  std::string text(spec.help);
  if (!spec.unit.empty()) text += "; unit: " + std::string(spec.unit);
  if (spec.required) {
    text += "; required";
  } else if (!spec.source.empty()) {
    text += "; default: " + describe_default(spec) + " (source: " + std::string(spec.source) + ")";
  }
  return text;
}

Schema property(const ParamSpec& spec) {
  Schema p;
  switch (spec.type) {
    case ParamType::integer:
    case ParamType::number:
      p["type"] = spec.type == ParamType::integer ? "integer" : "number";
      break;
    case ParamType::boolean:
      p["type"] = "boolean";
      break;
    case ParamType::text:
      p["type"] = "string";
      break;
    case ParamType::distribution:
      p["$ref"] = "#/$defs/distribution";
      break;
    case ParamType::list:
      p["type"] = "array";
      break;
    case ParamType::object:
      p["type"] = "object";
      break;
    case ParamType::routes:
      p["$ref"] = "#/$defs/routes";
      break;
  }
  p["description"] = describe(spec);
  if (is_numeric(spec.type)) {
    p["minimum"] = number_value(spec.min);
    p["maximum"] = number_value(spec.max);
    if (!spec.required && !spec.no_default) p["default"] = number_value(spec.default_value);
  }
  if (!spec.allowed.empty()) {
    Schema values = Schema::array();
    for (std::string_view v : spec.allowed)
      values.push_back(v);
    p["enum"] = values;
  }
  return p;
}

// An object with exactly these properties (plus any in `extra`, added first).
Schema object_of(const std::vector<const ParamSpec*>& params, Schema extra = Schema::object()) {
  Schema s;
  s["type"] = "object";
  Schema properties = std::move(extra);
  Schema required = Schema::array();
  for (const ParamSpec* p : params) {
    properties[std::string(p->name)] = property(*p);
    if (p->required) required.push_back(p->name);
  }
  s["properties"] = properties;
  if (!required.empty()) s["required"] = required;
  s["additionalProperties"] = false;
  return s;
}

Schema distribution_schema() {
  Schema forms = Schema::array();
  for (const format::DistributionForm& form : format::dist_forms) {
    std::vector<const ParamSpec*> params{form.first};
    if (form.second) params.push_back(form.second);
    Schema dist;
    dist["const"] = form.name;
    Schema s = object_of(params, Schema{{"dist", dist}});
    s["required"].insert(s["required"].begin(), "dist");
    if (form.name == "empirical") {
      Schema point;
      point["type"] = "array";
      point["prefixItems"] = Schema::array({Schema{{"type", "number"},
                                                   {"description", "duration"},
                                                   {"minimum", 0},
                                                   {"maximum", number_value(format::max_ms)}},
                                            Schema{{"type", "number"},
                                                   {"description", "cumulative probability"},
                                                   {"minimum", 0},
                                                   {"maximum", 1}}});
      point["minItems"] = 2;
      point["maxItems"] = 2;
      Schema& points = s["properties"]["points_ms"];
      points["minItems"] = 2;
      points["maxItems"] = 100'000;
      points["items"] = point;
    }
    Schema described{{"title", form.name}, {"description", form.summary}};
    described.update(s);
    forms.push_back(described);
  }
  Schema d;
  d["description"] = "a duration distribution (times in ms): " + std::string(format::dist_kind.help);
  d["type"] = "object";
  d["required"] = Schema::array({"dist"});
  d["properties"] = Schema{{"dist", Schema{{"enum", Schema::array()}}}};
  for (const format::DistributionForm& form : format::dist_forms)
    d["properties"]["dist"]["enum"].push_back(form.name);
  d["oneOf"] = forms;
  return d;
}

Schema routes_schema() {
  Schema s;
  s["type"] = "array";
  s["description"] =
      "the blocks a request visits after service, each with a probability; the probabilities "
      "add up to at most 1 and the rest returns the response to the client";
  s["items"] = object_of({&format::route_to, &format::route_p});
  return s;
}

std::string block_def_name(const BlockKindSpec& kind) {
  return "block_" + std::string(kind.name);
}

Schema block_kind_schema(const BlockKindSpec& kind) {
  Schema extra;
  extra["kind"] = Schema{{"const", kind.name}, {"description", kind.summary}};
  if (!kind.presets.empty()) {
    std::string description =
        "named parameter values applied as defaults (explicit parameters override them):";
    Schema names = Schema::array();
    for (const PresetSpec& preset : kind.presets) {
      names.push_back(preset.name);
      description += " \"" + std::string(preset.name) + "\": " + std::string(preset.description) +
                     " (source: " + std::string(preset.source) + ");";
    }
    description.pop_back();
    extra["preset"] = Schema{{"type", "string"}, {"description", description}, {"enum", names}};
  }
  // Every kind but a global service (Route 53) may be placed in zones.
  if (!kind.global) {
    extra["placement"] = property(format::block_placement);
    extra["placement"]["items"] = Schema{{"type", "string"}};
  }
  std::vector<const ParamSpec*> params;
  for (const ParamSpec& p : kind.params)
    params.push_back(&p);
  Schema s = object_of(params, extra);
  Schema out{{"description", kind.summary}};
  out.update(s);
  return out;
}

Schema block_schema(const BlockCatalog& catalog) {
  Schema kinds = Schema::array();
  std::string kind_list;
  Schema branches = Schema::array();
  for (const BlockKindSpec& kind : catalog.kinds()) {
    kinds.push_back(kind.name);
    kind_list += (kind_list.empty() ? "" : ", ") + std::string(kind.name);
    Schema branch;
    branch["if"] =
        Schema{{"properties", Schema{{"kind", Schema{{"const", kind.name}}}}}, {"required", {"kind"}}};
    branch["then"] = Schema{{"$ref", "#/$defs/" + block_def_name(kind)}};
    branches.push_back(branch);
  }
  Schema s;
  s["description"] = "a block: its kind decides its parameters (sdsim blocks KIND lists them)";
  s["type"] = "object";
  s["properties"] = Schema{
      {"kind", Schema{{"type", "string"}, {"description", "the block kind: " + kind_list}, {"enum", kinds}}}};
  s["required"] = Schema::array({"kind"});
  s["allOf"] = branches;
  return s;
}

}  // namespace

namespace {

// "timeout_ms", "retry", "retry_budget" and "circuit_breaker", on a call or a flow (the client's side).
void add_call_guard(Schema& call) {
  Schema& p = call["properties"];
  p["timeout_ms"] = property(format::call_timeout);
  auto nested = [&](const ParamSpec& spec, const std::vector<const ParamSpec*>& keys) {
    Schema o = object_of(keys);
    o["description"] = describe(spec);
    p[std::string(spec.name)] = o;
  };
  nested(format::call_retry,
         {&format::retry_max, &format::retry_backoff, &format::retry_max_backoff, &format::retry_jitter});
  nested(format::call_retry_budget, {&format::budget_ratio, &format::budget_min_per_s});
  nested(format::call_circuit_breaker, {&format::breaker_failure_ratio, &format::breaker_window,
                                        &format::breaker_min_calls, &format::breaker_open});
}

}  // namespace

// A flow is its root call ("entry" in place of "to"; no p, if or async); calls nest through $defs/call.
Schema flows_schema() {
  Schema flow =
      object_of({&format::flow_entry, &format::flow_consume, &format::call_op, &format::call_parallel,
                 &format::call_request_kb, &format::call_response_kb, &format::call_calls});
  flow["description"] = "a request type: the block its requests enter and the calls that serve them";
  flow["properties"]["calls"]["items"] = Schema{{"$ref", "#/$defs/call"}};
  add_call_guard(flow);
  Schema s;
  s["type"] = "object";
  s["description"] = std::string(format::design_flows.help);
  s["minProperties"] = 1;
  s["additionalProperties"] = flow;
  return s;
}

Schema call_schema() {
  Schema call = object_of({&format::call_to, &format::call_op, &format::call_p, &format::call_if,
                           &format::call_async, &format::call_parallel, &format::call_request_kb,
                           &format::call_response_kb, &format::call_calls});
  call["description"] = "one call to a block, with the calls that block makes while serving it";
  call["properties"]["calls"]["items"] = Schema{{"$ref", "#/$defs/call"}};
  add_call_guard(call);
  return call;
}

Schema design_schema(const BlockCatalog& catalog) {
  Schema s;
  s["$schema"] = draft;
  s["title"] = "sdsim design";
  s["description"] =
      "A system design: its blocks, how requests move between them, and the flows (request types) "
      "that enter it. Generated by `sdsim schema design`.";
  s["type"] = "object";
  Schema properties;
  properties["$schema"] =
      Schema{{"type", "string"}, {"description", "the JSON schema of this file, for editors"}};
  properties["name"] = property(format::design_name);
  properties["description"] = property(format::design_description);
  properties["default_scenario"] = property(format::design_default_scenario);
  properties["regions"] = property(format::design_regions);
  properties["regions"]["additionalProperties"] =
      Schema{{"type", "array"}, {"items", Schema{{"type", "string"}}}, {"minItems", 1}};
  properties["network"] =
      object_of({&format::network_same_az, &format::network_cross_az, &format::network_cross_region,
                 &format::network_region_pairs, &format::network_client, &format::network_same_az_gbps,
                 &format::network_cross_az_gbps, &format::network_cross_region_gbps,
                 &format::network_client_gbps, &format::network_cross_az_price,
                 &format::network_cross_region_price, &format::network_internet_out_price});
  properties["network"]["description"] = std::string(format::design_network.help);
  properties["network"]["properties"]["region_pairs_ms"]["additionalProperties"] =
      Schema{{"type", "number"}, {"minimum", 0}, {"maximum", 10'000}};
  properties["blocks"] =
      Schema{{"type", "object"},
             {"description", "an object naming each block: { \"api\": { \"kind\": \"station\", ... } }"},
             {"minProperties", 1},
             {"maxProperties", 10'000},
             {"additionalProperties", Schema{{"$ref", "#/$defs/block"}}}};
  properties["flows"] = flows_schema();
  s["properties"] = properties;
  s["required"] = Schema::array({"blocks", "flows"});
  s["additionalProperties"] = false;
  Schema defs;
  defs["block"] = block_schema(catalog);
  for (const BlockKindSpec& kind : catalog.kinds())
    defs[block_def_name(kind)] = block_kind_schema(kind);
  defs["routes"] = routes_schema();
  defs["call"] = call_schema();
  defs["distribution"] = distribution_schema();
  s["$defs"] = defs;
  return s;
}

namespace {

// One shape of an open load's rate, as the schema offers it.
struct OpenProfileBranch {
  std::string_view profile;
  std::string_view description;
  std::vector<const ParamSpec*> params;
};

std::vector<OpenProfileBranch> open_profile_branches() {
  using namespace format;
  return {
      {"constant", "Poisson arrivals at a steady rate", {&load_rate}},
      {"ramp", "a straight line between two rates", {&ramp_from, &ramp_to, &ramp_start, &ramp_end}},
      {"step", "a base rate, then changes at given times", {&profile_rate, &step_list}},
      {"spike",
       "a base rate with one spike",
       {&profile_rate, &spike_peak, &spike_at, &spike_duration, &spike_ramp}},
      {"diurnal", "a daily cosine", {&diurnal_trough, &spike_peak, &diurnal_period, &diurnal_peak_at}},
      {"replay", "rates or arrival times from a CSV file", {&replay_csv}},
  };
}

// "slos": per flow (or "*"), the objectives; percentile and availability have open ends a ParamSpec cannot
// state.
Schema slos_schema() {
  Schema entry = object_of({&format::slo_latency, &format::slo_percentile, &format::slo_availability});
  entry["description"] =
      "the objectives of one flow (\"*\": of every flow; a flow's own keys override its keys one by one); "
      "with \"*\", at least one of latency_ms and availability";
  Schema& percentile = entry["properties"]["percentile"];
  percentile.erase("minimum");
  percentile.erase("maximum");
  percentile["exclusiveMinimum"] = 0;
  percentile["exclusiveMaximum"] = 100;
  Schema& availability = entry["properties"]["availability"];
  availability.erase("minimum");
  availability["exclusiveMinimum"] = 0;
  Schema slos = property(format::scenario_slos);
  slos["additionalProperties"] = entry;
  return slos;
}

// "faults": a list; each item's "type" decides its keys (one branch per type, as for loads).
Schema faults_schema() {
  Schema item;
  item["description"] = "one scheduled fault";
  item["type"] = "object";
  Schema type = property(format::fault_type);
  item["properties"] = Schema{{"type", type}};
  item["required"] = Schema::array({"type"});
  item["oneOf"] = Schema::array();
  for (const format::FaultBranch& b : format::fault_branches) {
    Schema type_const = property(format::fault_type);
    type_const.erase("enum");
    type_const["const"] = b.type;
    Schema branch = object_of(std::vector<const ParamSpec*>(b.params.begin(), b.params.end()),
                              Schema{{"type", type_const}});
    branch["required"].insert(branch["required"].begin(), "type");
    branch["title"] = b.type;
    branch["description"] = b.description;
    Schema& properties = branch["properties"];
    if (properties.contains("between")) {
      properties["between"]["items"] = Schema{{"type", "string"}};
      properties["between"]["minItems"] = 2;
      properties["between"]["maxItems"] = 2;
    }
    if (properties.contains("instances") && properties["instances"]["type"] == "array")
      properties["instances"]["items"] = Schema{{"type", "integer"}, {"minimum", 0}};
    item["oneOf"].push_back(branch);
  }
  Schema faults = property(format::scenario_faults);
  faults["items"] = item;
  return faults;
}

}  // namespace

Schema scenario_schema() {
  Schema s;
  s["$schema"] = draft;
  s["title"] = "sdsim scenario";
  s["description"] =
      "What happens to a design during a run: the load per flow, the duration, the seed and the "
      "replications. Generated by `sdsim schema scenario`.";
  Schema extra;
  extra["$schema"] = Schema{{"type", "string"}, {"description", "the JSON schema of this file, for editors"}};
  Schema top = object_of({&format::scenario_name, &format::scenario_description, &format::scenario_duration,
                          &format::scenario_warmup, &format::scenario_seed, &format::scenario_replications,
                          &format::scenario_keys, &format::scenario_load},
                         extra);
  s.update(top);
  s["properties"]["keys"].update(object_of({&format::keys_count, &format::keys_popularity, &format::keys_skew,
                                            &format::keys_hot_share, &format::keys_hot_keys}));

  s["properties"]["window_s"] = property(format::scenario_window);
  s["properties"]["slos"] = slos_schema();
  s["properties"]["faults"] = faults_schema();

  Schema type = property(format::load_type);
  Schema types = Schema::array();
  for (std::string_view t : format::load_types)
    types.push_back(t);
  type["enum"] = types;
  Schema open_type{{"const", "open"}};
  Schema closed_type{{"const", "closed"}};
  Schema load;
  load["description"] = "the load of one flow";
  load["type"] = "object";
  load["properties"] = Schema{{"type", type}};
  load["required"] = Schema::array({"type"});
  load["oneOf"] = Schema::array();
  for (const OpenProfileBranch& b : open_profile_branches()) {
    Schema profile = property(format::load_profile);
    profile["const"] = b.profile;
    Schema branch = object_of(b.params, Schema{{"type", open_type}, {"profile", profile}});
    branch["required"].insert(branch["required"].begin(), "type");
    if (b.profile != "constant") branch["required"].push_back("profile");
    branch["title"] = "open, " + std::string(b.profile);
    branch["description"] = b.description;
    load["oneOf"].push_back(branch);
  }
  Schema step = object_of({&format::step_at, &format::step_rate});
  for (Schema& branch : load["oneOf"]) {
    if (branch["properties"].contains("steps")) branch["properties"]["steps"]["items"] = step;
  }
  Schema closed = object_of({&format::load_users, &format::load_think}, Schema{{"type", closed_type}});
  closed["required"].insert(closed["required"].begin(), "type");
  closed["title"] = "closed";
  closed["description"] = "users who send a request, wait for the response, think, and send the next";
  load["oneOf"].push_back(closed);
  // Every load may mix flows and place its clients; the shares are positive numbers by name.
  Schema shares{{"type", "object"},
                {"minProperties", 1},
                {"additionalProperties", Schema{{"type", "number"}, {"exclusiveMinimum", 0}}}};
  for (Schema& branch : load["oneOf"]) {
    for (const ParamSpec* spec : {&format::load_mix, &format::load_clients}) {
      Schema p = property(*spec);
      p.update(shares);
      branch["properties"][std::string(spec->name)] = p;
    }
  }
  s["properties"]["clients"] = property(format::scenario_clients);
  s["properties"]["clients"].update(shares);
  s["properties"]["load"]["minProperties"] = 1;
  s["properties"]["load"]["additionalProperties"] = load;
  s["$defs"] = Schema{{"distribution", distribution_schema()}};
  return s;
}

std::string schema_text(const nlohmann::ordered_json& schema) {
  return schema.dump(2) + "\n";
}

}  // namespace sdsim
