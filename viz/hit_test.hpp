#pragma once
// Which glyph of a layout a point (a click) falls on, and which glyph draws a named block. Pure code.
#include <cstddef>
#include <optional>
#include <string>

#include "trace/trace.hpp"
#include "viz/geometry.hpp"
#include "viz/layout.hpp"

namespace sdsim::viz {

// The glyph whose rectangle, grown by `slack` px on every side (room for its ring and queue bar), holds `p`;
// where grown rectangles overlap, the glyph whose centre is nearest. nullopt: a click on nothing.
std::optional<std::size_t> glyph_at(const Layout& layout, Point p, float slack = 0);

// The glyph drawing the block named `name` (its group when the layout is grouped); nullopt when the
// topology has no block of that name.
std::optional<std::size_t> glyph_of(const trace::Topology& topology, const Layout& layout,
                                    const std::string& name);

}  // namespace sdsim::viz
