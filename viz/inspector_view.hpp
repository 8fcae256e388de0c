#pragma once
// Draws the inspector (inspector_data.hpp) as a panel in a top corner of the architecture view, and marks the
// inspected glyph. Draws const; decides nothing.
#include "viz/draw.hpp"
#include "viz/geometry.hpp"
#include "viz/inspector_data.hpp"
#include "viz/theme.hpp"

namespace sdsim::viz {

// Where the panel goes inside `area`: a top corner, on the side away from the inspected `glyph` so it stays
// in sight. Pure: depends on the model's length, the glyph's place and the type sizes only.
Rect inspector_rect(const InspectorModel& model, Rect area, Rect glyph, unsigned label_size,
                    unsigned small_size);

void draw_inspector(Canvas& target, const Theme& theme, const InspectorModel& model, Rect area, Rect glyph);

}  // namespace sdsim::viz
