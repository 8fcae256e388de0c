#include "live/control_panel.hpp"

#include <cmath>
#include <sstream>

#include "sim/blocks/open_source.hpp"
#include "sim/design/fault_reader.hpp"

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

bool one_off(const std::string& type) {
  return type == "instance_termination" || type == "writer_failover" || type == "cache_node_loss";
}

std::string target_of(const FaultSpec& f) {
  if (!f.block.empty()) return f.block;
  if (!f.zone.empty()) return f.zone;
  if (!f.region.empty()) return f.region;
  if (f.between.size() == 2) return f.between[0] + " <-> " + f.between[1];
  return "";
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
  specs_ = scenario_.faults;
}

std::vector<FaultEntry> ControlPanel::faults() const {
  std::vector<FaultEntry> out;
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    const bool active =
        model_ && model_->faults && i < model_->faults->faults().size() && model_->faults->active(i);
    out.push_back(FaultEntry{i, specs_[i], active});
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
    if (!source || l.type != LoadSpec::Type::open)
      return {false, "the load of '" + flow +
                         "' is closed (a number of users), not a rate; only open loads change rate"};
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
    if (e.active && e.spec.type == spec.type && target_of(e.spec) == target_of(spec))
      return {false, "fault " + std::to_string(e.id) + " (" + e.spec.type + " of " + target_of(e.spec) +
                         ") is already in force; clear it first (clear " + std::to_string(e.id) + ")"};
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
  return {true, "fault " + std::to_string(id) + ": " + spec.type + " of " + target_of(spec) +
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
  return {false,
          "'" + path +
              "' cannot change in a running model (its blocks, queues and placement were built from it); "
              "restart with --set " +
              path + "=" + value +
              ", or use the live commands: load, fail, reduce, brownout... (help: sdsim live --help)"};
}

}  // namespace sdsim::live
