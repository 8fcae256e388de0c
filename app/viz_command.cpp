#include <iostream>

#include "app/cli_args.hpp"
#include "app/commands.hpp"
#include "app/live_feed.hpp"
#include "app/progress.hpp"
#include "app/run_inputs.hpp"
#include "app/trace_recording.hpp"
#include "app/viz_sweep.hpp"
#include "trace/trace_json.hpp"
#include "viz/board_export.hpp"
#include "viz/display.hpp"
#include "viz/player.hpp"
#include "viz/png_export.hpp"

namespace sdsim::app {

const char* const viz_help =
    R"(Usage: sdsim viz DESIGN [--scenario FILE] [--set PATH=VALUE ...] [--seed N] [--inspect BLOCK]
                 [--png FILE [--at TIME_S] | --frames DIR] [--slides]
       sdsim viz --trace FILE [--inspect BLOCK] [--png FILE [--at TIME_S] | --frames DIR] [--slides]
       sdsim viz --sweep FILE --png FILE [--slides]
       sdsim viz --compare DESIGN DESIGN... --scenario FILE --png FILE [--slides]
       sdsim viz DESIGN --connect HOST:PORT [--scenario FILE] [--token T] [--inspect BLOCK] [--slides]

Shows a design under load: regions and Availability Zones as lanes, every block with its
utilization ring, queue-depth bar and health colour, faults shading the lanes they hit; beside it
latency p50/p99 with the objective line, throughput and errors by reason, availability and the
cost by block in USD per hour, and when reads are judged the stale share, the stale reads' age p99
and the t-visibility curve, over the whole run, each with the faults marked. With DESIGN the scenario's first replication is simulated first; with --trace a
recorded run ('sdsim run DESIGN --trace FILE') is replayed without simulating.

Without --png a window opens: space plays and pauses, + and - change the speed, the arrow keys
step one window back or on, Home and End jump, a click on a block opens its inspector (its figures
in the window shown and over the run, its cost, and queueing theory beside the simulation), a click
on the timeline strip scrubs, ? shows the keys, Esc quits. A window needs a
display; without one, use --png (under 'xvfb-run -a' when there is no X server at all).

Options:
  --scenario FILE     the scenario; default: the design's "default_scenario"
  --seed N            override the scenario's seed
  --set PATH=VALUE    change one value of the design or the scenario (as for 'sdsim run')
  --trace FILE        replay a recorded trace instead of simulating
  --png FILE          draw one frame off screen and save it as FILE (.png, written atomically)
  --at TIME_S         the moment the PNG shows, in s on the run's clock (warm-up included);
                      default: the middle of the first fault, else the end of the run
  --sweep FILE        draw a sweep result ('sdsim sweep ... --json FILE') as its trade-offs: p99
                      latency and availability against USD/month, the Pareto frontier as a line
  --compare           draw two designs or more under the --scenario: their architectures side by
                      side and their p99, throughput and availability overlaid, one colour each
  --inspect BLOCK     open with BLOCK's inspector panel shown (in the window, the --png image or
                      every --frames image); in the window a click elsewhere closes it
  --frames DIR        draw one frame per window off screen as DIR/frame-00001.png... (for a GIF
                      or a video, e.g. ffmpeg -i DIR/frame-%05d.png out.mp4)
  --slides            1920x1080 with large type, for slides and projectors
  --connect HOST:PORT watch a live session of DESIGN ('sdsim live') as it runs; keys steer it:
                      space pauses and resumes, 1-9 pick a zone, F fails it, C clears the newest
                      fault, Up and Down change the first flow's load by a quarter, a click on
                      a block inspects it; the reply shows in the window's title
  --token T           with --connect: the session's token
  --help              show this help

Examples:
  xvfb-run -a sdsim viz designs/checkout.json --scenario designs/scenarios/checkout-steady.json \
      --png out/checkout-steady.png
  sdsim viz designs/url-shortener.json --scenario designs/scenarios/url-shortener-az-outage.json
  sdsim run designs/url-shortener.json --scenario designs/scenarios/url-shortener-az-outage.json \
      --trace out/outage.trace --quiet
  xvfb-run -a sdsim viz --trace out/outage.trace --png out/outage.png --at 200 --slides
  xvfb-run -a sdsim viz --trace out/outage.trace --png out/api.png --inspect api
  sdsim viz --trace out/outage.trace --inspect api
  xvfb-run -a sdsim viz --sweep out/sweep.json --png out/trade-offs.png
  xvfb-run -a sdsim viz --compare designs/checkout.json designs/checkout-retries.json \
      --scenario designs/scenarios/checkout-steady.json --png out/compare.png
)";

namespace {

std::optional<RunInputs> load_inputs(const ParsedArgs& parsed, const std::string& design_path,
                                     int& exit_code) {
  return load_run_inputs(parsed, {design_path}, {.command = "viz"}, exit_code);
}

std::optional<trace::Trace> simulate(const ParsedArgs& parsed, const std::string& design_path,
                                     int& exit_code) {
  auto inputs = load_inputs(parsed, design_path, exit_code);
  if (!inputs) return std::nullopt;
  ProgressBar bar("simulating");
  return record_trace(inputs->designs[0], inputs->scenario, [&](double f) { bar.update(f); });
}

// False, after saying why, when --inspect names a block the design does not have.
bool inspectable(const trace::Trace& t, const std::string& block) {
  if (block.empty() || t.find_block(block)) return true;
  std::string known;
  for (const trace::BlockInfo& b : t.topology.blocks)
    known += (known.empty() ? "" : ", ") + b.name;
  std::cerr << "sdsim viz: --inspect " << block << ": the design has no such block; its blocks are: " << known
            << "\n";
  return false;
}

// Watches a live session ('sdsim live') of the design: its topology from the file, its figures from the
// session.
int connect_live(const ParsedArgs& parsed, const std::string& address) {
  int exit_code = exit_ok;
  const auto colon = address.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == address.size()) {
    std::cerr << "sdsim viz: --connect '" << address << "' is not HOST:PORT (e.g. 127.0.0.1:7878)\n";
    return exit_usage;
  }
  auto inputs = load_inputs(parsed, parsed.positional[0], exit_code);
  if (!inputs) return exit_code;
  trace::Trace outline = trace_outline(inputs->designs[0], inputs->scenario);
  const std::string inspect = parsed.value("inspect").value_or("");
  if (!inspectable(outline, inspect)) return exit_usage;
  if (const std::string problem = viz::display_problem(); !problem.empty()) {
    std::cerr << "sdsim viz: " << problem << "\n";
    return exit_output;
  }
  NetworkFeed feed(address.substr(0, colon), address.substr(colon + 1), parsed.value("token").value_or(""),
                   inputs->designs[0]);
  const std::string problem = viz::watch_live(std::move(outline), feed, parsed.has("slides"), inspect);
  if (!problem.empty()) {
    std::cerr << "sdsim viz: " << problem << "\n";
    return exit_output;
  }
  return exit_ok;
}

std::optional<double> parse_time(const std::string& text, std::string& error) {
  try {
    std::size_t used = 0;
    const double v = std::stod(text, &used);
    if (used == text.size() && v >= 0) return v;
  } catch (const std::exception&) {
  }
  error = "--at wants a time in seconds, 0 or more (got '" + text + "')";
  return std::nullopt;
}

}  // namespace

int viz_command(const std::vector<std::string>& args) {
  std::string error;
  auto parsed = parse_args(args,
                           {{"scenario", true},
                            {"seed", true},
                            {"set", true, true},
                            {"trace", true},
                            {"png", true},
                            {"frames", true},
                            {"at", true},
                            {"inspect", true},
                            {"sweep", true},
                            {"compare", false},
                            {"slides", false},
                            {"connect", true},
                            {"token", true},
                            {"help", false}},
                           error);
  if (!parsed) {
    std::cerr << "sdsim viz: " << error << "\n\nRun 'sdsim viz --help' for usage.\n";
    return exit_usage;
  }
  if (parsed->has("help")) {
    std::cout << viz_help;
    return exit_ok;
  }
  if (auto address = parsed->value("connect")) {
    if (parsed->positional.size() != 1 || parsed->has("trace") || parsed->has("png") || parsed->has("at")) {
      std::cerr << "sdsim viz: --connect takes the session's design file, without --trace, --png or --at\n";
      return exit_usage;
    }
    return connect_live(*parsed, *address);
  }
  if (auto sweep = parsed->value("sweep")) {
    auto png = parsed->value("png");
    if (!png || !parsed->positional.empty() || parsed->has("trace") || parsed->has("frames") ||
        parsed->has("at") || parsed->has("inspect") || parsed->has("scenario")) {
      std::cerr
          << "sdsim viz: --sweep FILE draws a PNG: give --png FILE (and --slides if wanted), nothing else\n";
      return exit_usage;
    }
    if (png->size() < 5 || png->substr(png->size() - 4) != ".png") {
      std::cerr << "sdsim viz: the --png file name must end in .png (got '" << *png << "')\n";
      return exit_usage;
    }
    viz::ExportOptions sweep_options;
    sweep_options.slides = parsed->has("slides");
    return viz_sweep(*sweep, *png, sweep_options);
  }
  if (parsed->has("compare")) {
    auto png = parsed->value("png");
    if (!png || parsed->positional.size() < 2 || !parsed->has("scenario") || parsed->has("trace") ||
        parsed->has("frames") || parsed->has("inspect")) {
      std::cerr << "sdsim viz: --compare draws two designs or more under one scenario as a PNG: sdsim viz "
                   "--compare "
                   "A.json B.json --scenario FILE --png OUT\n";
      return exit_usage;
    }
    if (png->size() < 5 || png->substr(png->size() - 4) != ".png") {
      std::cerr << "sdsim viz: the --png file name must end in .png (got '" << *png << "')\n";
      return exit_usage;
    }
    if (const std::string problem = viz::display_problem(); !problem.empty()) {
      std::cerr << "sdsim viz: " << problem << "\n";
      return exit_output;
    }
    std::vector<trace::Trace> runs;
    int exit_code = exit_ok;
    for (const std::string& design : parsed->positional) {
      auto run = simulate(*parsed, design, exit_code);
      if (!run) return exit_code;
      runs.push_back(std::move(*run));
    }
    viz::ExportOptions compare_options;
    compare_options.slides = parsed->has("slides");
    const std::string problem = viz::export_comparison_png(runs, *png, compare_options);
    if (!problem.empty()) {
      std::cerr << "sdsim viz: " << problem << "\n";
      return exit_output;
    }
    std::cout << "Wrote " << *png << "\n";
    return exit_ok;
  }
  const bool from_trace = parsed->has("trace");
  if (from_trace != parsed->positional.empty() || parsed->positional.size() > 1) {
    std::cerr << "sdsim viz: give one design file, or --trace FILE (not both)\n\nRun 'sdsim viz --help' for "
                 "usage.\n";
    return exit_usage;
  }
  if (from_trace && (parsed->has("scenario") || parsed->has("seed") || parsed->has("set"))) {
    std::cerr << "sdsim viz: --scenario, --seed and --set apply to a design, not to a recorded --trace\n";
    return exit_usage;
  }
  if (parsed->has("png") && parsed->has("frames")) {
    std::cerr << "sdsim viz: give --png FILE or --frames DIR, not both\n";
    return exit_usage;
  }
  viz::ExportOptions options;
  options.slides = parsed->has("slides");
  std::string note;
  options.note = &note;
  if (auto at = parsed->value("at")) {
    if (!parsed->has("png")) {
      std::cerr
          << "sdsim viz: --at chooses the moment of a --png image; the window starts at the beginning\n";
      return exit_usage;
    }
    auto t = parse_time(*at, error);
    if (!t) {
      std::cerr << "sdsim viz: " << error << "\n";
      return exit_usage;
    }
    options.t_s = *t;
  }
  if (auto block = parsed->value("inspect")) options.inspect = *block;
  if (auto png = parsed->value("png"); png && (png->size() < 5 || png->substr(png->size() - 4) != ".png")) {
    std::cerr << "sdsim viz: the --png file name must end in .png (got '" << *png << "')\n";
    return exit_usage;
  }

  // A trace is read first (its problems come before the display's); a design is simulated only once there is
  // something to draw on.
  auto no_display = [] {
    const std::string problem = viz::display_problem();
    if (!problem.empty()) std::cerr << "sdsim viz: " << problem << "\n";
    return !problem.empty();
  };
  std::optional<trace::Trace> recorded;
  int exit_code = exit_ok;
  if (from_trace) {
    trace::ReadResult read = trace::read_trace_file(*parsed->value("trace"));
    if (!read.trace) {
      std::cerr << "sdsim viz: " << read.error << "\n";
      return exit_bad_input;
    }
    recorded = std::move(read.trace);
    if (!inspectable(*recorded, options.inspect)) return exit_usage;
    if (no_display()) return exit_output;
  } else {
    if (no_display()) return exit_output;
    recorded = simulate(*parsed, parsed->positional[0], exit_code);
    if (!recorded) return exit_code;
    if (!inspectable(*recorded, options.inspect)) return exit_usage;
  }
  if (options.t_s > recorded->end_s) {
    std::cerr << "sdsim viz: --at " << options.t_s << " is after the end of the run (" << recorded->end_s
              << " s)\n";
    return exit_usage;
  }

  if (auto dir = parsed->value("frames")) {
    std::size_t frames = 0;
    const std::string problem = viz::export_frames(*recorded, *dir, options, frames);
    if (!problem.empty()) {
      std::cerr << "sdsim viz: " << problem << "\n";
      return exit_output;
    }
    if (!note.empty()) std::cerr << "sdsim viz: " << note << "\n";
    std::cout << "Wrote " << frames << " frames to " << *dir << "\n";
    return exit_ok;
  }
  if (auto png = parsed->value("png")) {
    const std::string problem = viz::export_png(*recorded, *png, options);
    if (!problem.empty()) {
      std::cerr << "sdsim viz: " << problem << "\n";
      return exit_output;
    }
    if (!note.empty()) std::cerr << "sdsim viz: " << note << "\n";
    std::cout << "Wrote " << *png << "\n";
    return exit_ok;
  }
  const std::string problem = viz::play(*recorded, options.slides, options.inspect);
  if (!problem.empty()) {
    std::cerr << "sdsim viz: " << problem << "\n";
    return exit_output;
  }
  return exit_ok;
}

}  // namespace sdsim::app
