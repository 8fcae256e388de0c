#pragma once
// What the inspector panel says about one glyph at one moment: what it is, its figures in the window shown
// and over the whole run, its cost, and queueing theory beside the simulation when the trace holds them.
// Pure code; the inspector view only draws this.
#include <cstddef>
#include <string>
#include <vector>

#include "trace/trace.hpp"
#include "viz/layout.hpp"

namespace sdsim::viz {

struct InspectorRow {
  std::string name;
  std::string value;     // with its unit
  bool warning = false;  // drawn in the warning colour (theory disagrees, refusals)
};

struct InspectorSection {
  std::string title;
  std::vector<InspectorRow> rows;
};

struct InspectorModel {
  std::string title;     // the block's name, or the group's label
  std::string subtitle;  // kind, servers and placement
  std::vector<InspectorSection> sections;
  std::vector<std::string> notes;  // theory's reasons, in words
};

// `glyph` indexes layout.glyphs; `t_s` chooses the window shown.
InspectorModel inspector_model(const trace::Trace& trace, const Layout& layout, std::size_t glyph,
                               double t_s);

}  // namespace sdsim::viz
