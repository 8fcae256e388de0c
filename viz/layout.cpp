#include "viz/layout.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

namespace sdsim::viz {

namespace {

constexpr const char* clients = "client";

// The longest call chain reaching each block over the edges that close no cycle (depth-first from the
// clients, then from every block not yet reached, in file order).
class DepthFinder {
 public:
  explicit DepthFinder(const trace::Topology& t) : n_(t.blocks.size()), out_(n_ + 1) {
    std::map<std::string, std::size_t> index;
    for (std::size_t b = 0; b < n_; ++b)
      index[t.blocks[b].name] = b;
    index[clients] = n_;
    for (const trace::Edge& e : t.edges) {
      auto from = index.find(e.from);
      auto to = index.find(e.to);
      if (from == index.end() || to == index.end() || to->second == n_) continue;
      out_[from->second].push_back(to->second);
    }
  }

  std::vector<int> depths() {
    std::vector<char> state(n_ + 1, 0);  // 0 new, 1 on the stack, 2 done
    std::vector<std::vector<std::size_t>> forward(n_ + 1);
    auto visit = [&](auto&& self, std::size_t v) -> void {
      state[v] = 1;
      for (std::size_t w : out_[v]) {
        if (state[w] == 1) continue;  // closes a cycle
        forward[v].push_back(w);
        if (state[w] == 0) self(self, w);
      }
      state[v] = 2;
    };
    visit(visit, n_);
    for (std::size_t b = 0; b < n_; ++b) {
      if (state[b] == 0) visit(visit, b);
    }
    // Longest path on the acyclic edges, from every source.
    std::vector<int> best(n_ + 1, -1);
    auto longest_from_roots = [&](auto&& self, std::size_t v, int d) -> void {
      if (d <= best[v]) return;
      best[v] = d;
      for (std::size_t w : forward[v])
        self(self, w, d + 1);
    };
    longest_from_roots(longest_from_roots, n_, 0);
    for (std::size_t b = 0; b < n_; ++b) {
      if (best[b] < 0) longest_from_roots(longest_from_roots, b, 1);
    }
    std::vector<int> out(n_);
    for (std::size_t b = 0; b < n_; ++b)
      out[b] = std::max(1, best[b]);
    return out;
  }

 private:
  std::size_t n_;
  std::vector<std::vector<std::size_t>> out_;
};

struct Span {
  std::size_t lo = 0;
  std::size_t hi = 0;
  bool operator<(const Span& o) const { return std::pair(lo, hi) < std::pair(o.lo, o.hi); }
  bool operator==(const Span& o) const { return lo == o.lo && hi == o.hi; }
  bool overlaps(const Span& o) const { return lo <= o.hi && o.lo <= hi; }
};

// Something to draw as one glyph: its blocks, the lanes it spans, and its column.
struct Item {
  std::vector<std::size_t> blocks;
  Span span;
  int column = 0;
};

// Cells for items in `columns` columns of width `col_w` starting at `x0`: items with the same span in one
// column share its band, top to bottom, wrapping into sub-columns when more than fit at `min_cell_h` px each;
// overlapping spans go side by side in tracks, each as wide as its widest group needs.
std::vector<Rect> place(const std::vector<Item>& items, int columns, float x0, float col_w,
                        const std::vector<Lane>& lanes, float min_cell_h) {
  std::vector<Rect> cells(items.size());
  for (int c = 0; c < columns; ++c) {
    std::map<Span, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (items[i].column == c) groups[items[i].span].push_back(i);
    }
    std::vector<std::vector<Span>> tracks;
    std::map<Span, std::size_t> track_of;
    std::map<Span, std::size_t> sub_columns;
    std::vector<std::size_t> track_units;  // the most sub-columns any group of the track needs
    for (const auto& [span, members] : groups) {
      std::size_t t = 0;
      while (t < tracks.size() &&
             std::any_of(tracks[t].begin(), tracks[t].end(), [&, lo = span.lo, hi = span.hi](const Span& s) {
               return s.overlaps(Span{lo, hi});
             }))
        ++t;
      if (t == tracks.size()) {
        tracks.emplace_back();
        track_units.push_back(1);
      }
      tracks[t].push_back(span);
      track_of[span] = t;
      const float band = lanes[span.hi].rect.bottom() - lanes[span.lo].rect.y;
      const auto fit = static_cast<std::size_t>(std::max(1.0f, std::floor(band / min_cell_h)));
      sub_columns[span] = (members.size() + fit - 1) / fit;
      track_units[t] = std::max(track_units[t], sub_columns[span]);
    }
    std::size_t units = 0;
    for (std::size_t u : track_units)
      units += u;
    const float unit_w = col_w / static_cast<float>(std::max<std::size_t>(1, units));
    std::vector<float> track_x;
    float x = x0 + col_w * static_cast<float>(c);
    for (std::size_t u : track_units) {
      track_x.push_back(x);
      x += unit_w * static_cast<float>(u);
    }
    for (const auto& [span, members] : groups) {
      const std::size_t t = track_of[span];
      const std::size_t subs = sub_columns[span];
      const std::size_t rows = (members.size() + subs - 1) / subs;
      const float top = lanes[span.lo].rect.y;
      const float cell_h = (lanes[span.hi].rect.bottom() - top) / static_cast<float>(rows);
      const float cell_w = unit_w * static_cast<float>(track_units[t]) / static_cast<float>(subs);
      for (std::size_t k = 0; k < members.size(); ++k) {
        const std::size_t sub = k / rows;  // the sub-column, filled top to bottom
        const std::size_t row = k % rows;
        cells[members[k]] = Rect{track_x[t] + cell_w * static_cast<float>(sub),
                                 top + cell_h * static_cast<float>(row), cell_w, cell_h};
      }
    }
  }
  return cells;
}

float glyph_size(const Rect& cell, const LayoutOptions& o) {
  // Room on the right for the queue bar, below for the name.
  return std::min({cell.w * 0.5f, (cell.h - o.label_height) * 0.8f, o.max_glyph});
}

}  // namespace

std::vector<std::size_t> Layout::lanes_of(const std::string& zone_or_region) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    if (!lanes[i].zone.empty() && (lanes[i].zone == zone_or_region || lanes[i].region == zone_or_region))
      out.push_back(i);
  }
  return out;
}

std::vector<int> call_depths(const trace::Topology& topology) {
  return DepthFinder(topology).depths();
}

Layout lay_out(const trace::Topology& t, Rect area, const LayoutOptions& o) {
  Layout out;
  const std::size_t n = t.blocks.size();
  out.depth_of_block = call_depths(t);

  // Lanes: a global lane when some block has no zone (or the design has no regions), then every zone.
  std::map<std::string, std::size_t> lane_of_zone;
  std::vector<std::pair<std::string, std::string>> zone_lanes;  // region, zone
  for (const trace::Region& r : t.regions) {
    for (const std::string& z : r.zones)
      zone_lanes.emplace_back(r.name, z);
  }
  bool needs_global = zone_lanes.empty();
  for (const trace::BlockInfo& b : t.blocks) {
    bool placed = std::any_of(b.zones.begin(), b.zones.end(), [&](const std::string& z) {
      return std::any_of(zone_lanes.begin(), zone_lanes.end(), [&](const auto& l) { return l.second == z; });
    });
    if (!placed) needs_global = true;
  }
  const std::size_t lane_count = zone_lanes.size() + (needs_global ? 1 : 0);
  const float lane_h = area.h / static_cast<float>(std::max<std::size_t>(1, lane_count));
  float y = area.y;
  if (needs_global) {
    out.lanes.push_back(
        Lane{"", "", zone_lanes.empty() ? "all blocks" : "global", Rect{area.x, y, area.w, lane_h}});
    y += lane_h;
  }
  for (const auto& [region, zone] : zone_lanes) {
    lane_of_zone[zone] = out.lanes.size();
    out.lanes.push_back(Lane{region, zone, zone, Rect{area.x, y, area.w, lane_h}});
    y += lane_h;
  }
  for (const trace::Region& r : t.regions) {
    auto lanes = out.lanes_of(r.name);
    if (lanes.empty()) continue;
    const Rect& first = out.lanes[lanes.front()].rect;
    const Rect& last = out.lanes[lanes.back()].rect;
    out.regions.push_back(RegionBand{r.name, Rect{area.x, first.y, area.w, last.bottom() - first.y}});
  }

  // Each block's span of lanes.
  std::vector<Span> spans(n);
  for (std::size_t b = 0; b < n; ++b) {
    std::vector<std::size_t> lanes;
    for (const std::string& z : t.blocks[b].zones) {
      if (auto it = lane_of_zone.find(z); it != lane_of_zone.end()) lanes.push_back(it->second);
    }
    if (lanes.empty()) lanes.push_back(0);  // the global lane
    spans[b] =
        Span{*std::min_element(lanes.begin(), lanes.end()), *std::max_element(lanes.begin(), lanes.end())};
  }

  const float x0 = area.x + o.label_width + o.client_width;
  const float width = std::max(1.0f, area.right() - x0);
  int columns = 1;
  for (int d : out.depth_of_block)
    columns = std::max(columns, d);

  std::vector<Item> items;
  for (std::size_t b = 0; b < n; ++b)
    items.push_back(Item{{b}, spans[b], out.depth_of_block[b] - 1});
  // The smallest cell that still holds a legible glyph and its name.
  const float min_cell_h = o.min_glyph / 0.8f + o.label_height;
  std::vector<Rect> cells =
      place(items, columns, x0, width / static_cast<float>(columns), out.lanes, min_cell_h);
  float smallest = o.max_glyph;
  for (const Rect& c : cells)
    smallest = std::min(smallest, glyph_size(c, o));
  if (n > 0 && smallest < o.min_glyph) {
    // Too many to draw legibly: one glyph per lane span, holding all its blocks.
    std::map<Span, std::vector<std::size_t>> by_span;
    for (std::size_t b = 0; b < n; ++b)
      by_span[spans[b]].push_back(b);
    items.clear();
    for (auto& [span, blocks] : by_span)
      items.push_back(Item{blocks, span, 0});
    cells = place(items, 1, x0, width, out.lanes, min_cell_h);
    out.grouped = true;
    out.note = std::to_string(n) + " blocks are too many to draw legibly here: " +
               (zone_lanes.empty() ? std::string("drawn as one group") : "grouped by Availability Zone");
  }

  out.glyph_of_block.assign(n, -1);
  for (std::size_t i = 0; i < items.size(); ++i) {
    Glyph g;
    g.blocks = items[i].blocks;
    g.lane_lo = items[i].span.lo;
    g.lane_hi = items[i].span.hi;
    if (items[i].blocks.size() == 1) {
      g.label = t.blocks[items[i].blocks[0]].name;
      g.kind = t.blocks[items[i].blocks[0]].kind;
    } else {
      g.label = std::to_string(items[i].blocks.size()) + " blocks";
      g.kind = "group";
    }
    const float s = std::max(4.0f, glyph_size(cells[i], o));
    const Point c = cells[i].centre();
    g.rect = Rect{c.x - s / 2, c.y - s / 2 - o.label_height / 2, s, s};
    for (std::size_t b : g.blocks)
      out.glyph_of_block[b] = static_cast<int>(out.glyphs.size());
    out.glyphs.push_back(std::move(g));
  }

  const float cs = std::min(o.client_width * 0.6f, o.max_glyph * 0.6f);
  out.clients =
      Rect{area.x + o.label_width + (o.client_width - cs) / 2, area.y + area.h / 2 - cs / 2, cs, cs};

  std::map<std::string, int> glyph_named;
  for (std::size_t b = 0; b < n; ++b)
    glyph_named[t.blocks[b].name] = out.glyph_of_block[b];
  std::set<std::pair<int, int>> seen;
  for (const trace::Edge& e : t.edges) {
    int from = -1;
    if (e.from != clients) {
      auto it = glyph_named.find(e.from);
      if (it == glyph_named.end()) continue;
      from = it->second;
    }
    auto to = glyph_named.find(e.to);
    if (to == glyph_named.end() || to->second == from || !seen.insert({from, to->second}).second) continue;
    const Rect& a = from < 0 ? out.clients : out.glyphs[static_cast<std::size_t>(from)].rect;
    const Rect& b = out.glyphs[static_cast<std::size_t>(to->second)].rect;
    out.edges.push_back(EdgeLine{from, to->second, Point{a.right(), a.centre().y}, Point{b.x, b.centre().y}});
  }
  return out;
}

}  // namespace sdsim::viz
