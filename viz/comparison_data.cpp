#include "viz/comparison_data.hpp"

#include <algorithm>
#include <array>

#include "viz/scale.hpp"

namespace sdsim::viz {

Colour design_colour(std::size_t i) {
  constexpr std::array<Colour, 5> colours{palette::p50, palette::p99, palette::throughput, palette::strained,
                                          palette::reasons[2]};
  return colours[i % colours.size()];
}

std::vector<ChartModel> comparison_charts(const std::vector<trace::Trace>& runs) {
  if (runs.empty()) return {};
  const std::size_t f = focus_flow(runs.front());
  // Each run's own chart, keeping one line of it: p99, completed, completed %.
  std::vector<ChartModel> out{latency_chart(runs.front(), f), throughput_chart(runs.front()),
                              availability_chart(runs.front(), f)};
  const std::array<std::size_t, 3> kept{1, 0, 0};
  out[0].title = "p99 latency";
  out[1].title = "Completed requests";
  out[2].title = "Availability";
  for (ChartModel& m : out)
    m.lines.clear();
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const trace::Trace& t = runs[r];
    const std::size_t flow = focus_flow(t);
    const std::array<ChartModel, 3> own{latency_chart(t, flow), throughput_chart(t),
                                        availability_chart(t, flow)};
    for (std::size_t c = 0; c < out.size(); ++c) {
      if (kept[c] >= own[c].lines.size()) continue;
      ChartLine line = own[c].lines[kept[c]];
      line.label = t.design;
      line.colour = design_colour(r);
      out[c].lines.push_back(std::move(line));
      out[c].t0 = std::min(out[c].t0, own[c].t0);
      out[c].t1 = std::max(out[c].t1, own[c].t1);
      out[c].y_min = std::min(out[c].y_min, own[c].y_min);
      out[c].y_max = std::max(out[c].y_max, own[c].y_max);
    }
  }
  return out;
}

}  // namespace sdsim::viz
