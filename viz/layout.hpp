#pragma once
// Where the architecture view draws things: regions and Availability Zones as horizontal swim lanes (blocks
// without placement in a "global" lane on top), blocks in columns by call depth from the clients, each block
// across the lanes of the zones it is placed in (a crowded column wraps into sub-columns). Pure code: the
// same topology and area give the same layout.
#include <cstddef>
#include <string>
#include <vector>

#include "trace/trace.hpp"
#include "viz/geometry.hpp"

namespace sdsim::viz {

struct Lane {
  std::string region;  // empty for the global lane
  std::string zone;    // empty for the global lane
  std::string label;
  Rect rect;
};

struct RegionBand {
  std::string name;
  Rect rect;  // covers its lanes and its label column
};

// One drawn glyph: a block, or, when the design is too large to draw legibly, every block of one lane span.
struct Glyph {
  std::vector<std::size_t> blocks;  // indices into Topology::blocks
  std::string label;
  std::string kind;  // the block's kind; "group" for a grouped glyph
  Rect rect;
  std::size_t lane_lo = 0;  // the lanes its blocks are placed in, first to last
  std::size_t lane_hi = 0;
};

struct EdgeLine {
  int from = -1;  // glyph index; -1: the clients
  int to = -1;
  Point a;
  Point b;
};

struct LayoutOptions {
  float min_glyph = 26;     // px: below this, blocks are grouped by lane span
  float max_glyph = 96;     // px
  float label_width = 110;  // px: the lanes' label column on the left
  float client_width = 60;  // px: the clients' column
  float label_height = 20;  // px: room under each glyph for its name
};

struct Layout {
  std::vector<RegionBand> regions;
  std::vector<Lane> lanes;
  std::vector<Glyph> glyphs;
  std::vector<int> glyph_of_block;  // per Topology::blocks; -1 only for an empty topology
  std::vector<int> depth_of_block;  // call depth from the clients (1: called by clients)
  std::vector<EdgeLine> edges;      // glyph to glyph, each pair once
  Rect clients;
  bool grouped = false;
  std::string note;  // why the layout is grouped; empty otherwise

  // The lanes of `zone` (one), or of every zone of region `zone` names; empty when neither.
  std::vector<std::size_t> lanes_of(const std::string& zone_or_region) const;
};

// Call depth of every block: the longest chain of calls from the clients (or from a consuming queue) that
// reaches it, ignoring any edge that would close a cycle. Blocks no edge reaches have depth 1.
std::vector<int> call_depths(const trace::Topology& topology);

Layout lay_out(const trace::Topology& topology, Rect area, const LayoutOptions& options = {});

}  // namespace sdsim::viz
