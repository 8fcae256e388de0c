#include "sim/design/load_profile_reader.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/catalog/format_params.hpp"
#include "sim/catalog/load_params.hpp"

namespace sdsim {

namespace {

using namespace format;

// A replayed file bigger than this is refused: it would hold more than ~50 million rows.
constexpr std::uintmax_t max_csv_bytes = 1ull << 30;
constexpr std::size_t max_csv_problems = 10;

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

std::optional<double> parse_number(std::string_view text) {
  std::string t = trim(text);
  double v = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || end != t.data() + t.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// Reads "time_s,rate_per_s" rows into knots (each rate holding until the next row) or "time_s" rows into
// arrival times.
void read_csv(const std::string& path, const std::string& shown, const std::string& pointer, LoadSpec& load,
              Diagnostics& diagnostics) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec || std::filesystem::is_directory(path)) {
    diagnostics.error(pointer, "cannot read the replay file \"" + shown + "\"",
                      "give a CSV file path relative to the scenario file");
    return;
  }
  if (size > max_csv_bytes) {
    diagnostics.error(pointer, "the replay file \"" + shown + "\" is larger than 1 GiB",
                      "replay rates per interval (\"time_s,rate_per_s\") instead of every arrival");
    return;
  }
  std::ifstream in(path, std::ios::binary);
  std::string line;
  std::size_t line_number = 0;
  std::size_t problems = 0;
  auto problem = [&](const std::string& what, const std::string& fix) {
    if (++problems <= max_csv_problems) {
      diagnostics.error(pointer, shown + " line " + std::to_string(line_number) + ": " + what, fix);
    }
  };
  bool rates = false;
  bool header_seen = false;
  std::vector<RateProfile::Knot> knots;
  std::vector<SimTime> arrivals;
  double last_time = 0;
  while (std::getline(in, line)) {
    ++line_number;
    std::string row = trim(line);
    if (row.empty() || row.front() == '#') continue;
    if (!header_seen) {
      header_seen = true;
      std::string header;
      for (char c : row)
        if (c != ' ') header += c;
      if (header == "time_s,rate_per_s") {
        rates = true;
      } else if (header != "time_s") {
        problem("the header is \"" + row + "\"",
                "start the file with \"time_s,rate_per_s\" (rates) or \"time_s\" (one arrival per row)");
        return;
      }
      continue;
    }
    std::string_view view(row);
    auto comma = view.find(',');
    if (rates != (comma != std::string_view::npos)) {
      problem("expected " + std::string(rates ? "two columns" : "one column") + ", got \"" + row + "\"",
              rates ? "write \"time_s,rate_per_s\"" : "write one arrival time in seconds per row");
      continue;
    }
    auto time = parse_number(view.substr(0, comma));
    if (!time || *time < 0) {
      problem("the time \"" + trim(view.substr(0, comma)) + "\" is not a number of seconds >= 0",
              "write times in seconds from the start of the run");
      continue;
    }
    if (*time < last_time) {
      problem("the time " + number_text(*time) + " s comes before the previous row's " +
                  number_text(last_time) + " s",
              "sort the rows by time");
      continue;
    }
    last_time = *time;
    if (rates) {
      auto rate = parse_number(view.substr(comma + 1));
      if (!rate || *rate < 0 || *rate > max_rate) {
        problem(
            "the rate \"" + trim(view.substr(comma + 1)) + "\" is not a number of requests/s from 0 to 1e8",
            "write the rate in requests per second");
        continue;
      }
      // A step: the previous rate holds until this row's time.
      if (!knots.empty()) knots.push_back({*time, knots.back().rate_per_s});
      knots.push_back({*time, *rate});
    } else {
      arrivals.push_back(from_s(*time));
    }
  }
  if (problems > max_csv_problems) {
    diagnostics.error(pointer, shown + ": " + std::to_string(problems - max_csv_problems) + " more problems",
                      "fix the rows above first");
  }
  if (problems > 0) return;
  if (rates ? knots.empty() : arrivals.empty()) {
    diagnostics.error(pointer, "the replay file \"" + shown + "\" has no rows", "add at least one row");
    return;
  }
  if (rates) {
    // Before the first row nothing arrives.
    if (knots.front().time_s > 0) knots.insert(knots.begin(), {{0, 0}, {knots.front().time_s, 0}});
    load.profile = RateProfile::from_knots(std::move(knots));
  } else {
    load.trace = std::make_shared<const std::vector<SimTime>>(std::move(arrivals));
  }
}

void read_steps(const Json& list, const std::string& pointer, double base, LoadSpec& load,
                Diagnostics& diagnostics) {
  if (!list.is_array() || list.empty()) {
    diagnostics.error(pointer, "steps must be a non-empty list",
                      "write [{\"at_s\": 120, \"rate_per_s\": 400}, ...]");
    return;
  }
  std::vector<RateProfile::Knot> knots{{0, base}};
  double last = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string at = pointer + "/" + std::to_string(i);
    ObjectReader step(list[i], at, diagnostics, "a step");
    auto time = step.number(step_at);
    auto rate = step.number(step_rate);
    step.finish();
    if (!time || !rate) continue;
    if (i > 0 && *time <= last) {
      diagnostics.error(at + "/at_s",
                        "this step at " + number_text(*time) + " s does not come after the previous one at " +
                            number_text(last) + " s",
                        "list the steps in increasing time order");
      continue;
    }
    last = *time;
    knots.push_back({*time, knots.back().rate_per_s});
    knots.push_back({*time, *rate});
  }
  load.profile = RateProfile::from_knots(std::move(knots));
}

}  // namespace

void read_open_load(ObjectReader& r, const std::string& base_dir, double horizon_s, LoadSpec& load,
                    Diagnostics& diagnostics) {
  std::string profile = r.text(load_profile).value_or("constant");
  std::size_t before = diagnostics.size();
  if (profile == "constant") {
    if (auto rate = r.number(load_rate)) {
      load.profile = RateProfile::constant(*rate);
      load.rate_per_s = *rate;
    }
    return;
  } else if (profile == "ramp") {
    auto from = r.number(ramp_from);
    auto to = r.number(ramp_to);
    auto start = r.number(ramp_start);
    auto end = r.number(ramp_end);
    if (from && to && start && end) {
      if (*end <= *start) {
        diagnostics.error(r.child_pointer("end_s"),
                          "the ramp ends at " + number_text(*end) + " s, not after its start at " +
                              number_text(*start) + " s",
                          "make end_s greater than start_s (use \"step\" for an instant change)");
      } else {
        load.profile = RateProfile::ramp(*from, *to, *start, *end);
      }
    }
  } else if (profile == "step") {
    auto base = r.number(profile_rate);
    if (const Json* steps = r.member(step_list); steps && base) {
      read_steps(*steps, r.child_pointer("steps"), *base, load, diagnostics);
    }
  } else if (profile == "spike") {
    auto base = r.number(profile_rate);
    auto peak = r.number(spike_peak);
    auto at = r.number(spike_at);
    auto duration = r.number(spike_duration);
    auto ramp = r.number(spike_ramp);
    if (base && peak && at && duration && ramp)
      load.profile = RateProfile::spike(*base, *peak, *at, *duration, *ramp);
  } else if (profile == "diurnal") {
    auto trough = r.number(diurnal_trough);
    auto peak = r.number(spike_peak);
    auto period = r.number(diurnal_period);
    auto peak_at = r.number(diurnal_peak_at);
    if (trough && peak && period && peak_at) {
      if (*peak < *trough) {
        diagnostics.error(r.child_pointer("peak_per_s"),
                          "the peak (" + number_text(*peak) + " requests/s) is below the trough (" +
                              number_text(*trough) + " requests/s)",
                          "swap peak_per_s and trough_per_s");
      } else {
        load.profile = RateProfile::diurnal(*trough, *peak, *period, *peak_at, horizon_s);
      }
    }
  } else if (profile == "replay") {
    if (auto csv = r.text(replay_csv)) {
      std::filesystem::path path(*csv);
      if (path.is_relative() && !base_dir.empty()) path = std::filesystem::path(base_dir) / path;
      read_csv(path.string(), *csv, r.child_pointer("csv"), load, diagnostics);
    }
  }
  if (diagnostics.size() != before) return;
  if (load.trace) {
    load.rate_per_s = horizon_s > 0 ? static_cast<double>(load.trace->size()) / horizon_s : 0;
  } else {
    load.rate_per_s =
        horizon_s > 0 ? load.profile.expected_arrivals(0, horizon_s) / horizon_s : load.profile.rate_at(0);
    if (load.profile.peak_rate() <= 0) {
      diagnostics.error(r.pointer(), "this load's rate is 0 throughout: no request would arrive",
                        "give the profile a rate above 0");
    }
  }
}

}  // namespace sdsim
