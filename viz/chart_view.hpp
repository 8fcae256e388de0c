#pragma once
// Draws one chart model (chart_data.hpp): panel, title, value axis with its unit, time axis in seconds, fault
// spans, objective lines, data lines, a legend row and the time cursor. Draws const; decides nothing.
#include "viz/chart_data.hpp"
#include "viz/draw.hpp"
#include "viz/geometry.hpp"
#include "viz/scale.hpp"
#include "viz/theme.hpp"

namespace sdsim::viz {

// Where a chart puts its plot inside `area`, and how data maps onto it. Pure: depends on type sizes only.
struct ChartGeometry {
  Rect plot;
  LinearScale x;  // s to px
  LinearScale y;  // value to px (upward)
};

ChartGeometry chart_geometry(const ChartModel& model, Rect area, unsigned label_size, unsigned small_size);

// `cursor_s` < 0: no cursor.
void draw_chart(Canvas& target, const Theme& theme, const ChartModel& model, Rect area, double cursor_s);
// Only the cursor at `cursor_s` (none when < 0 or outside the time axis), over a chart drawn without one.
void draw_chart_cursor(Canvas& target, const Theme& theme, const ChartModel& model, Rect area,
                       double cursor_s);

}  // namespace sdsim::viz
