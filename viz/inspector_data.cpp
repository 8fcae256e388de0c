#include "viz/inspector_data.hpp"

#include <algorithm>
#include <cstdio>

namespace sdsim::viz {

namespace {

std::string fixed(double v, int decimals, const char* unit = "") {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f%s", decimals, v, unit);
  return buf;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts)
    out += (out.empty() ? "" : ", ") + p;
  return out;
}

// The blocks' figures over windows [first, last], summed (utilization: the busiest block's, time-weighted).
struct Totals {
  double seconds = 0;
  std::uint64_t arrivals = 0;
  std::uint64_t completions = 0;
  std::uint64_t rejections = 0;
  double utilization = 0;
  double in_system = 0;
};

Totals totals(const trace::Trace& t, const std::vector<std::size_t>& blocks, std::size_t first,
              std::size_t last) {
  Totals s;
  for (std::size_t w = first; w <= last && w < t.windows.size(); ++w) {
    const double begin = w == 0 ? t.start_s : t.windows[w - 1].end_s;
    const double span = std::max(0.0, t.windows[w].end_s - begin);
    double busiest = 0;
    for (std::size_t b : blocks) {
      if (b >= t.windows[w].blocks.size()) continue;
      const trace::BlockPoint& p = t.windows[w].blocks[b];
      s.arrivals += p.arrivals;
      s.completions += p.completions;
      s.rejections += p.rejections;
      busiest = std::max(busiest, p.utilization);
      s.in_system += p.mean_in_system * span;
    }
    s.utilization += busiest * span;
    s.seconds += span;
  }
  if (s.seconds > 0) {
    s.utilization /= s.seconds;
    s.in_system /= s.seconds;
  }
  return s;
}

InspectorSection figures(const std::string& title, const Totals& s) {
  const double per_s = s.seconds > 0 ? 1 / s.seconds : 0;
  const double refused =
      s.arrivals > 0 ? 100.0 * static_cast<double>(s.rejections) / static_cast<double>(s.arrivals) : 0;
  return InspectorSection{title,
                          {{"arrivals", fixed(static_cast<double>(s.arrivals) * per_s, 1, " /s")},
                           {"completions", fixed(static_cast<double>(s.completions) * per_s, 1, " /s")},
                           {"refused", fixed(refused, 2, " %"), refused > 1},
                           {"utilization", fixed(100 * s.utilization, 1, " %"), s.utilization >= 0.8},
                           {"in system (mean)", fixed(s.in_system, 2)}}};
}

}  // namespace

InspectorModel inspector_model(const trace::Trace& t, const Layout& layout, std::size_t glyph, double t_s) {
  InspectorModel m;
  if (glyph >= layout.glyphs.size()) return m;
  const Glyph& g = layout.glyphs[glyph];
  m.title = g.label;
  if (g.blocks.size() == 1) {
    const trace::BlockInfo& b = t.topology.blocks[g.blocks.front()];
    m.subtitle = b.kind;
    if (b.servers > 0)
      m.subtitle += ", " + std::to_string(b.servers) + (b.servers == 1 ? " server" : " servers");
    m.subtitle += b.zones.empty() ? ", not placed in a zone" : " in " + joined(b.zones);
  } else {
    m.subtitle = std::to_string(g.blocks.size()) + " blocks grouped";
  }
  if (const auto w = t.window_at(t_s)) {
    const double begin = *w == 0 ? t.start_s : t.windows[*w - 1].end_s;
    m.sections.push_back(figures("window " + fixed(begin, 1) + "-" + fixed(t.windows[*w].end_s, 1, " s"),
                                 totals(t, g.blocks, *w, *w)));
    m.sections.push_back(figures("whole run", totals(t, g.blocks, 0, t.windows.size() - 1)));
  }
  double usd = 0;
  bool priced = false;
  for (std::size_t b : g.blocks) {
    if (const auto& cost = t.figures_of(b).usd_per_month) {
      usd += *cost;
      priced = true;
    }
  }
  if (priced)
    m.sections.push_back(InspectorSection{"cost", {{"at this load", "$" + fixed(usd, 2, " /month")}}});
  if (g.blocks.size() == 1) {
    if (const auto& th = t.figures_of(g.blocks.front()).theory) {
      InspectorSection s{"theory (M/G/c) | simulated", {}};
      s.rows.push_back({"arrival rate", fixed(th->arrival_rate_per_s, 1, " /s")});
      s.rows.push_back({"utilization", fixed(100 * th->utilization, 1, " %"), !th->stable});
      if (th->stable) {
        s.rows.push_back({"mean wait",
                          fixed(th->mean_wait_ms, 2, " ms | ") + fixed(th->sim_mean_wait_ms, 2, " ms"),
                          !th->agrees});
        s.rows.push_back(
            {"p99 wait", fixed(th->p99_wait_ms, 2, " ms | ") + fixed(th->sim_p99_wait_ms, 2, " ms")});
      } else {
        s.rows.push_back({"mean wait", "unbounded | " + fixed(th->sim_mean_wait_ms, 2, " ms"), true});
      }
      s.rows.push_back({"verdict", th->agrees ? "theory agrees" : "theory disagrees", !th->agrees});
      m.sections.push_back(std::move(s));
      m.notes = th->reasons;
    }
  }
  return m;
}

}  // namespace sdsim::viz
