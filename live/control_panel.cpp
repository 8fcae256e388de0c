#include "live/control_panel.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "sim/blocks/open_source.hpp"
#include "sim/catalog/block_catalog.hpp"
#include "sim/catalog/fault_params.hpp"
#include "sim/design/block_reader.hpp"
#include "sim/design/fault_reader.hpp"
#include "sim/design/flow_reader.hpp"
#include "sim/design/object_reader.hpp"
#include "sim/design/overrides.hpp"

namespace sdsim::live {

namespace {

// Diagnostics as one line: each problem's message and fix, without the file position.
std::string one_line(const Diagnostics& d) {
  std::string out;
  for (const Diagnostic& item : d.items()) {
    if (!out.empty()) out += "; ";
    out += item.message;
    if (!item.hint.empty()) out += " (fix: " + item.hint + ")";
  }
  return out;
}

// A fault type whose catalog entry declares no duration happens once.
bool one_off(const std::string& type) {
  for (const format::FaultBranch& b : format::fault_branches) {
    if (b.type == type)
      return std::find(b.params.begin(), b.params.end(), &format::fault_duration) == b.params.end();
  }
  return false;
}

// Diagnostics of a changed value as one line, each with where it is in the design file.
std::string at_pointers(const Diagnostics& d) {
  std::string out;
  for (const Diagnostic& item : d.items()) {
    if (!out.empty()) out += "; ";
    if (!item.pointer.empty()) out += item.pointer + ": ";
    out += item.message;
    if (!item.hint.empty()) out += " (fix: " + item.hint + ")";
  }
  return out;
}

std::string joined(const std::vector<std::string>& names) {
  std::string all;
  for (const std::string& n : names)
    all += (all.empty() ? "" : ", ") + n;
  return all;
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& names) {
  const std::string hint = closest_match(word, names);
  return hint.empty() ? "" : " (did you mean '" + hint + "'?)";
}

const char* jitter_name(Jitter j) {
  return j == Jitter::none ? "none" : j == Jitter::equal ? "equal" : "full";
}

// A call's resilience as the keys of its object in a design file.
Json guard_json(const CallGuard& g) {
  Json out = Json::object();
  if (g.timeout > 0) out["timeout_ms"] = to_ms(g.timeout);
  if (g.retry.max > 0 || g.budget.enabled) {
    out["retry"] = {{"max", g.retry.max},
                    {"backoff_ms", to_ms(g.retry.base)},
                    {"max_backoff_ms", to_ms(g.retry.cap)},
                    {"jitter", jitter_name(g.retry.jitter)}};
  }
  if (g.budget.enabled) out["retry_budget"] = {{"ratio", g.budget.ratio}, {"min_per_s", g.budget.min_per_s}};
  if (g.breaker.enabled) {
    out["circuit_breaker"] = {{"failure_ratio", g.breaker.failure_ratio},
                              {"window_s", to_s(g.breaker.window)},
                              {"min_calls", g.breaker.min_calls},
                              {"open_s", to_s(g.breaker.open)}};
  }
  return out;
}

std::string restart_hint(const std::string& text) {
  return "restart with --set " + text +
         ", or use the live commands: load, fail, reduce, brownout... (help: "
         "sdsim live --help)";
}

std::string format_s(double s) {
  std::ostringstream out;
  out << s;
  return out.str();
}

}  // namespace

ControlPanel::ControlPanel(const Design& design, const Scenario& scenario)
    : design_(design), scenario_(scenario), specs_(scenario.faults) {}

void ControlPanel::attach(BuiltModel& model, SimTime end) {
  model_ = &model;
  end_ = end;
  // A command may change any block or fault at any moment, so no step is taken ahead of its time.
  model.engine->set_folding(false);
  specs_ = scenario_.faults;
  params_.clear();
  for (const BlockSpec& b : design_.blocks)
    params_.push_back(b.params);
  guards_.clear();
}

std::vector<FaultEntry> ControlPanel::faults(SimTime recent_span) const {
  std::vector<FaultEntry> out;
  const SimTime now = model_ ? model_->engine->now() : 0;
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    const bool active =
        model_ && model_->faults && i < model_->faults->faults().size() && model_->faults->active(i);
    const SimTime start = from_s(specs_[i].start_s);
    const bool recent = model_ && specs_[i].duration_s <= 0 && start <= now && now - start <= recent_span;
    out.push_back(FaultEntry{i, specs_[i], active, recent});
  }
  return out;
}

Reply ControlPanel::apply(const Command& command) {
  if (!model_) return {false, "the run has not started"};
  if (model_->engine->now() >= end_) return {false, "the run is over"};
  switch (command.kind) {
    case CommandKind::load:
      return load(command.flow, command.number);
    case CommandKind::fault:
      return inject(command.fault);
    case CommandKind::clear:
      return clear(command.id);
    case CommandKind::set:
      return set(command.path, command.value);
    case CommandKind::pause:
    case CommandKind::resume:
    case CommandKind::speed:
    case CommandKind::status:
      break;
  }
  return {false, "'" + command.line + "' does not change the model"};
}

Reply ControlPanel::load(const std::string& flow, double rate_per_s) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < scenario_.loads.size(); ++i) {
    const LoadSpec& l = scenario_.loads[i];
    names.push_back(l.flow);
    if (l.flow != flow) continue;
    auto* source = dynamic_cast<OpenSource*>(&model_->engine->block(static_cast<BlockId>(i)));
    if (!source || l.type != LoadSpec::Type::open) {
      return {false, "the load of '" + flow +
                         "' is closed (a number of users), not a rate; only open loads change rate"};
    }
    if (source->replays_trace())
      return {false, "the load of '" + flow + "' replays recorded arrival times; it has no rate to change"};
    source->set_rate(*model_->engine, rate_per_s);
    return {true, "load " + flow + " now " + format_s(rate_per_s) + " requests/s"};
  }
  std::string hint = closest_match(flow, names);
  std::string all;
  for (const std::string& n : names)
    all += (all.empty() ? "" : ", ") + n;
  return {false, "no load named '" + flow + "' in the scenario" +
                     (hint.empty() ? "" : " (did you mean '" + hint + "'?)") + "; loads: " + all};
}

Reply ControlPanel::inject(const Json& fault) {
  Engine& engine = *model_->engine;
  const double now_s = to_s(engine.now());
  Json f = fault;
  f["start_s"] = now_s;
  const std::string type = f.contains("type") && f["type"].is_string() ? f["type"].get<std::string>() : "";
  // Without a duration a lasting fault holds until the run ends.
  if (!one_off(type) && !f.contains("duration_s"))
    f["duration_s"] = std::max(1e-3, to_s(end_ - engine.now()));
  Diagnostics problems;
  Json list = Json::array({f});
  std::vector<FaultSpec> specs = read_faults(list, to_s(end_), problems);
  if (problems.empty()) check_faults_fit(specs, design_, problems);
  if (!problems.empty()) return {false, one_line(problems)};
  FaultSpec spec = specs.front();
  for (const FaultEntry& e : faults()) {
    if (e.active && e.spec.type == spec.type && fault_target(e.spec) == fault_target(spec)) {
      return {false, "fault " + std::to_string(e.id) + " (" + e.spec.type + " of " + fault_target(e.spec) +
                         ") is already in force; clear it first (clear " + std::to_string(e.id) + ")"};
    }
  }
  if (!model_->faults) {
    model_->faults =
        std::make_unique<FaultInjector>(std::vector<FaultDef>{}, engine.stream("faults/injector"));
    model_->faults->install(engine);
  }
  FaultDef def = resolve_fault(design_, scenario_, spec);
  def.start = engine.now();
  const std::size_t id = model_->faults->inject(engine, std::move(def));
  specs_.resize(id);
  specs_.push_back(spec);
  return {true, "fault " + std::to_string(id) + ": " + spec.type + " of " + fault_target(spec) +
                    (spec.duration_s > 0 ? " for " + format_s(spec.duration_s) + " s" : "")};
}

Reply ControlPanel::clear(std::size_t id) {
  if (!model_->faults || id >= specs_.size())
    return {false, "no fault " + std::to_string(id) + "; the ids are listed in each snapshot's \"faults\""};
  if (!model_->faults->clear(*model_->engine, id))
    return {false, "fault " + std::to_string(id) + " is not in force (it ended, or was a one-off)"};
  return {true, "fault " + std::to_string(id) + " cleared"};
}

Reply ControlPanel::set(const std::string& path, const std::string& value) {
  const std::string prefix = "load/";
  const std::string suffix = "/rate_per_s";
  std::string p = path.rfind("scenario:", 0) == 0 ? path.substr(9) : path;
  if (p.size() > prefix.size() + suffix.size() && p.rfind(prefix, 0) == 0 &&
      p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0) {
    const std::string flow = p.substr(prefix.size(), p.size() - prefix.size() - suffix.size());
    try {
      std::size_t used = 0;
      const double rate = std::stod(value, &used);
      if (used == value.size() && std::isfinite(rate) && rate >= 0 && rate <= 1e7) return load(flow, rate);
    } catch (const std::exception&) {
    }
    return {false, "'" + value + "' is not a rate: give requests/s from 0 to 1e7"};
  }
  const std::string text = path + "=" + value;
  std::string error;
  std::optional<Override> o = parse_override(text, error);
  if (!o) return {false, error.rfind("--", 0) == 0 ? error.substr(2) : error};
  if (o->target == Override::Target::design && o->path.front() == "blocks")
    return set_block(o->path, o->value, text);
  if (o->target == Override::Target::design && o->path.front() == "flows")
    return set_call(o->path, o->value, text);
  return {false,
          "'" + path +
              "' cannot change in a running model (its blocks, queues and placement were built from it); "
              "while running, set changes a load's rate_per_s, a block's capacity or consistency "
              "(blocks/BLOCK/PARAM) and a call's resilience (flows/FLOW/.../retry); " +
              restart_hint(text)};
}

Reply ControlPanel::set_block(const std::vector<std::string>& path, const Json& value,
                              const std::string& text) {
  if (path.size() != 3) {
    return {false,
            "give blocks/BLOCK/PARAM=VALUE, one parameter of one block (e.g. set blocks/api/instances=4)"};
  }
  const std::string& name = path[1];
  const std::string& param = path[2];
  std::vector<std::string> names;
  std::size_t index = design_.blocks.size();
  for (std::size_t i = 0; i < design_.blocks.size(); ++i) {
    names.push_back(design_.blocks[i].name);
    if (design_.blocks[i].name == name) index = i;
  }
  if (index == design_.blocks.size()) {
    return {false, "no block named '" + name + "' in the design" + did_you_mean(name, names) +
                       "; blocks: " + joined(names)};
  }
  const BlockSpec& block = design_.blocks[index];
  const BlockKindSpec* kind = builtin_block_catalog().find(block.kind);
  if (!kind) return {false, "block '" + name + "' has kind '" + block.kind + "', which has no parameters"};
  // What the built model is made of, with what to do instead.
  const std::string why =
      param == "placement"
          ? "its instances and their zones were placed when the run started; take a zone out "
            "with 'fail zone ZONE' instead"
      : param == "kind"
          ? "the block was built as a " + block.kind + " (a different kind is a different design)"
      : param == "preset"
          ? "a preset fills in several parameters when the block is built; set them one by one"
      : param == "partitions" && block.kind == "kv_database"
          ? "every key was hashed to a partition when the run started (DynamoDB splits partitions itself, "
            "over minutes)"
      : param == "replicas" ? "every item was placed on its replicas when the run started"
                            : "";
  if (!why.empty()) {
    return {false, "'" + text.substr(0, text.find('=')) + "' cannot change in a running model: " + why +
                       "; " + restart_hint(text)};
  }
  // Checked as the design file's own key would be: the kind's declaration, its range and its orders.
  Diagnostics problems;
  const Json object = {{param, value}};
  ObjectReader r(object, block.pointer, problems, "block \"" + name + "\"");
  const ParamSpec* spec = kind->find_param(param);
  if (!spec) {
    for (const ParamSpec& s : kind->params)
      r.allow(s.name);
    for (const char* key : {"kind", "preset", "placement"})
      r.allow(key);
    r.finish();
    return {false, at_pointers(problems)};
  }
  ParamValue v;
  BlockParams params = params_[index];
  switch (spec->type) {
    case ParamType::integer:
      if (auto n = r.integer(*spec)) v.number = static_cast<double>(*n);
      break;
    case ParamType::number:
      if (auto n = r.number(*spec)) v.number = *n;
      break;
    case ParamType::boolean:
      if (auto n = r.boolean(*spec)) v.number = *n ? 1 : 0;
      break;
    case ParamType::text:
      if (auto t = r.text(*spec)) v.text = *t;
      break;
    case ParamType::distribution:
    case ParamType::list:
    case ParamType::object:
    case ParamType::routes:
      return {false, "'" + text.substr(0, text.find('=')) +
                         "' cannot change in a running model: the block's " + param +
                         " was built into its stations and routes; " + restart_hint(text)};
  }
  if (!problems.empty()) return {false, at_pointers(problems)};
  if (spec->type == ParamType::text) {
    params.texts[param] = v.text;
  } else {
    params.numbers[param] = v.number;
  }
  check_param_orders(*kind, params, r, problems);
  if (!problems.empty()) return {false, at_pointers(problems)};
  Engine& engine = *model_->engine;
  Block* target = nullptr;
  for (BlockId b = static_cast<BlockId>(scenario_.loads.size()); b < engine.block_count(); ++b) {
    if (engine.block(b).name() == name) target = &engine.block(b);
  }
  if (!target) return {false, "block '" + name + "' is not in the running model"};
  const std::string refusal = target->set_param(engine, param, v);
  if (!refusal.empty()) {
    return {false, "'" + text.substr(0, text.find('=')) + "' cannot change in a running model: " + refusal +
                       "; " + restart_hint(text)};
  }
  params_[index] = std::move(params);
  std::string done = name + " " + param + " now " + (v.text.empty() ? number_text(v.number) : v.text);
  if (block.kind == "compute" && param == "instances") {
    done += " (instances launched now serve after the " +
            number_text(params_[index].number_or("warmup_s", 0)) + " s warm-up)";
  }
  if (param == "queue_capacity")
    done += " (a line already longer keeps its requests; arrivals are refused until it is shorter)";
  return {true, done};
}

Reply ControlPanel::set_call(const std::vector<std::string>& path, const Json& value,
                             const std::string& text) {
  const std::string shown = text.substr(0, text.find('='));
  if (path.size() < 3) return {false, "give flows/FLOW/KEY=VALUE (e.g. set flows/checkout/retry/max=1)"};
  const FlowSpec* flow = design_.find_flow(path[1]);
  std::vector<std::string> names = model_->flow_names;
  const auto at = std::find(names.begin(), names.end(), path[1]);
  if (!flow || at == names.end()) {
    return {false, "no flow named '" + path[1] + "' in the design" + did_you_mean(path[1], names) +
                       "; flows: " + joined(names)};
  }
  const CallPlan& plan = model_->engine->call_plan();
  std::uint32_t node = plan.root_of(static_cast<std::uint32_t>(at - names.begin()));
  const CallSpec* call = &flow->root;
  std::size_t k = 2;
  while (k + 1 < path.size() && path[k] == "calls") {
    const std::string& i = path[k + 1];
    const bool digits = !i.empty() && i.size() < 6 &&
                        std::all_of(i.begin(), i.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || std::stoul(i) >= call->calls.size()) {
      return {false, call->pointer + "/calls has no call '" + i + "'; its calls are numbered 0 to " +
                         std::to_string(call->calls.size()) + " (exclusive)"};
    }
    const auto child = static_cast<std::size_t>(std::stoul(i));
    call = &call->calls[child];
    node = node < plan.nodes.size() ? plan.children[plan.nodes[node].first_child + child] : node;
    k += 2;
  }
  const std::vector<std::string> rest(path.begin() + static_cast<std::ptrdiff_t>(k), path.end());
  const std::vector<std::string> keys{"timeout_ms", "retry", "retry_budget", "circuit_breaker"};
  if (rest.empty() || rest.size() > 2 || std::find(keys.begin(), keys.end(), rest[0]) == keys.end() ||
      (rest.size() == 2 && rest[0] == "timeout_ms")) {
    return {false,
            "'" + shown +
                "' cannot change in a running model (the flows' call trees were built from it); a call "
                "changes only its timeout_ms, retry, retry_budget and circuit_breaker while running "
                "(e.g. set " +
                call->pointer.substr(1) + "/retry/max=1); " + restart_hint(text)};
  }
  if (node >= plan.nodes.size()) {
    return {false, "flow '" + flow->name +
                       "' was built as a plain visit of its entry block, without a call plan to change; " +
                       restart_hint(text)};
  }
  const auto known = guards_.find(node);
  const CallGuard current = known != guards_.end()               ? known->second
                            : plan.nodes[node].guard == no_guard ? CallGuard{}
                                                                 : plan.guards[plan.nodes[node].guard];
  Json object = guard_json(current);
  if (rest.size() == 1) {
    object[rest[0]] = value;
  } else {
    if (!object.contains(rest[0])) object[rest[0]] = Json::object();
    object[rest[0]][rest[1]] = value;
  }
  // Read back as the design file's call would be, so the checks and messages are the loader's.
  Diagnostics problems;
  ObjectReader r(object, call->pointer, problems, "call");
  CallSpec changed;
  changed.async = call->async;
  read_call_guard(r, changed, problems);
  r.finish();
  if (!problems.empty()) return {false, at_pointers(problems)};
  model_->engine->set_call_guard(node, changed.guard);
  guards_[node] = changed.guard;
  return {true, "the call to " + call->to + " in flow " + flow->name + " (" + call->pointer + ") now has " +
                    guard_json(changed.guard).dump()};
}

}  // namespace sdsim::live
