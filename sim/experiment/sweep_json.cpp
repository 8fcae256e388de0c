#include "sim/experiment/sweep_json.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>

namespace sdsim {

namespace {

using Json = nlohmann::ordered_json;

Json number_json(double x) {
  return std::isfinite(x) ? Json(x) : Json(nullptr);
}

Json estimate_json(const Estimate& e) {
  return Json{{"mean", number_json(e.mean)}, {"ci95", number_json(e.half_width)}};
}

double number_from(const Json& j) {
  return j.is_null() ? std::numeric_limits<double>::quiet_NaN() : j.get<double>();
}

Estimate estimate_from(const Json& j) {
  return {number_from(j.at("mean")), number_from(j.at("ci95")), 0};
}

// A swept value as JSON when it parses as JSON (as --set reads it), else as the string it is.
Json value_json(const std::string& text) {
  Json parsed = Json::parse(text, nullptr, false);
  return parsed.is_discarded() ? Json(text) : parsed;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_number(double x, double scale = 1) {
  if (!std::isfinite(x)) return "";
  char text[64];
  std::snprintf(text, sizeof text, "%.9g", x * scale);
  return text;
}

}  // namespace

std::string sweep_to_json(const Sweep& sweep) {
  Json out = Json::object();
  out["format"] = sweep_format_version;
  out["design"] = Json{{"name", sweep.design}, {"digest", sweep.design_digest}};
  out["scenario"] = Json{{"name", sweep.scenario}, {"digest", sweep.scenario_digest}};
  out["seed"] = sweep.seed;
  out["replications"] = sweep.replications;
  out["fixed"] = sweep.grid.fixed;
  Json axes = Json::array();
  for (const SweepAxis& axis : sweep.grid.axes)
    axes.push_back(Json{{"path", axis.path}, {"values", axis.values}});
  out["axes"] = axes;
  out["points_total"] = sweep.grid.size();
  out["pareto_flow"] = sweep.pareto_flow;
  if (sweep.shard) out["shard"] = Json{{"number", sweep.shard->number}, {"count", sweep.shard->count}};
  Json points = Json::array();
  for (const SweepPoint& p : sweep.points) {
    Json point = Json::object();
    point["index"] = p.index;
    Json values = Json::object();
    const std::vector<std::string> v = sweep.grid.values(p.index);
    for (std::size_t a = 0; a < v.size(); ++a)
      values[sweep.grid.axes[a].path] = value_json(v[a]);
    point["values"] = values;
    Json flows = Json::array();
    for (const SweepFlow& f : p.flows) {
      flows.push_back(Json{{"name", f.name},
                           {"throughput_per_s", estimate_json(f.throughput_per_s)},
                           {"success_fraction", estimate_json(f.success_fraction)},
                           {"mean_ms", estimate_json(f.mean_ms)},
                           {"p50_ms", estimate_json(f.p50_ms)},
                           {"p99_ms", estimate_json(f.p99_ms)}});
    }
    point["flows"] = flows;
    point["availability"] = estimate_json(p.availability);
    point["stale_fraction"] = p.stale ? estimate_json(*p.stale) : Json(nullptr);
    point["usd_per_month"] = estimate_json(p.usd_per_month);
    point["usd_per_million_requests"] = estimate_json(p.usd_per_million);
    if (!sweep.shard) {
      point["frontier"] =
          Json{{"p99_vs_cost", p.latency_frontier}, {"availability_vs_cost", p.availability_frontier}};
    }
    points.push_back(point);
  }
  out["points"] = points;
  return out.dump(2) + "\n";
}

std::optional<Sweep> sweep_from_json(const std::string& text, std::string& error) {
  const Json in = Json::parse(text, nullptr, false);
  if (in.is_discarded()) {
    error = "not JSON";
    return std::nullopt;
  }
  if (!in.is_object() || !in.contains("format") || in["format"] != sweep_format_version) {
    error = std::string("not an sdsim sweep file (expected \"format\": \"") + sweep_format_version +
            "\", as sdsim sweep --json writes)";
    return std::nullopt;
  }
  try {
    Sweep sweep;
    sweep.design = in.at("design").at("name").get<std::string>();
    sweep.design_digest = in.at("design").at("digest").get<std::string>();
    sweep.scenario = in.at("scenario").at("name").get<std::string>();
    sweep.scenario_digest = in.at("scenario").at("digest").get<std::string>();
    sweep.seed = in.at("seed").get<std::uint64_t>();
    sweep.replications = in.at("replications").get<std::uint32_t>();
    sweep.grid.fixed = in.at("fixed").get<std::vector<std::string>>();
    for (const Json& axis : in.at("axes")) {
      SweepAxis a{axis.at("path").get<std::string>(), axis.at("values").get<std::vector<std::string>>()};
      if (a.values.empty()) throw std::runtime_error("axis " + a.path + " has no values");
      sweep.grid.axes.push_back(std::move(a));
    }
    if (in.at("points_total").get<std::size_t>() != sweep.grid.size())
      throw std::runtime_error("points_total does not match the axes");
    sweep.pareto_flow = in.at("pareto_flow").get<std::string>();
    if (in.contains("shard")) {
      SweepShard shard{in["shard"].at("number").get<std::uint32_t>(),
                       in["shard"].at("count").get<std::uint32_t>()};
      if (shard.count == 0 || shard.number == 0 || shard.number > shard.count) {
        throw std::runtime_error("shard " + std::to_string(shard.number) + "/" + std::to_string(shard.count) +
                                 " is not K/N with 1 <= K <= N");
      }
      sweep.shard = shard;
    }
    for (const Json& point : in.at("points")) {
      SweepPoint p;
      p.index = point.at("index").get<std::size_t>();
      for (const Json& f : point.at("flows")) {
        p.flows.push_back({f.at("name").get<std::string>(), estimate_from(f.at("throughput_per_s")),
                           estimate_from(f.at("success_fraction")), estimate_from(f.at("mean_ms")),
                           estimate_from(f.at("p50_ms")), estimate_from(f.at("p99_ms"))});
      }
      p.availability = estimate_from(point.at("availability"));
      if (!point.at("stale_fraction").is_null()) p.stale = estimate_from(point["stale_fraction"]);
      p.usd_per_month = estimate_from(point.at("usd_per_month"));
      p.usd_per_million = estimate_from(point.at("usd_per_million_requests"));
      if (point.contains("frontier")) {
        p.latency_frontier = point["frontier"].at("p99_vs_cost").get<bool>();
        p.availability_frontier = point["frontier"].at("availability_vs_cost").get<bool>();
      }
      sweep.points.push_back(std::move(p));
    }
    return sweep;
  } catch (const std::exception& e) {
    error = std::string("a damaged sdsim sweep file: ") + e.what();
    return std::nullopt;
  }
}

std::string sweep_to_csv(const Sweep& sweep) {
  std::vector<std::string> header{"index"};
  for (const SweepAxis& axis : sweep.grid.axes)
    header.push_back(axis.path);
  auto with_ci = [&](const std::string& name) {
    header.push_back(name);
    header.push_back(name + "_ci95");
  };
  if (!sweep.points.empty()) {
    for (const SweepFlow& f : sweep.points[0].flows) {
      with_ci(f.name + " throughput_per_s");
      with_ci(f.name + " success_pct");
      with_ci(f.name + " mean_ms");
      with_ci(f.name + " p50_ms");
      with_ci(f.name + " p99_ms");
    }
  }
  with_ci("availability_pct");
  with_ci("stale_pct");
  with_ci("usd_per_month");
  with_ci("usd_per_million_requests");
  if (!sweep.shard) {
    header.push_back("p99_cost_frontier");
    header.push_back("availability_cost_frontier");
  }
  std::string out;
  for (std::size_t i = 0; i < header.size(); ++i)
    out += (i ? "," : "") + csv_field(header[i]);
  out += "\n";
  for (const SweepPoint& p : sweep.points) {
    std::vector<std::string> row{std::to_string(p.index)};
    for (const std::string& v : sweep.grid.values(p.index))
      row.push_back(v);
    auto add = [&](const Estimate& e, double scale = 1) {
      row.push_back(csv_number(e.mean, scale));
      row.push_back(csv_number(e.half_width, scale));
    };
    for (const SweepFlow& f : p.flows) {
      add(f.throughput_per_s);
      add(f.success_fraction, 100);
      add(f.mean_ms);
      add(f.p50_ms);
      add(f.p99_ms);
    }
    add(p.availability, 100);
    if (p.stale) {
      add(*p.stale, 100);
    } else {
      row.insert(row.end(), {"", ""});
    }
    add(p.usd_per_month);
    add(p.usd_per_million);
    if (!sweep.shard) {
      row.push_back(p.latency_frontier ? "yes" : "no");
      row.push_back(p.availability_frontier ? "yes" : "no");
    }
    for (std::size_t i = 0; i < row.size(); ++i)
      out += (i ? "," : "") + csv_field(row[i]);
    out += "\n";
  }
  return out;
}

}  // namespace sdsim
