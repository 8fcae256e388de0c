#pragma once
// One whole frame: a title bar with the time and headline figures, the architecture view, the charts
// (latency with its objective, throughput and errors, availability, cost by block when the trace carries it,
// and stale reads, their age p99 and the t-visibility curve when reads were judged), a legend, a timeline
// strip with the faults, the inspector of a chosen block and the help overlay when asked. Geometry is pure
// code so tests can find things on the image.
#include <SFML/Graphics/RenderTarget.hpp>
#include <optional>
#include <vector>

#include "trace/trace.hpp"
#include "viz/chart_data.hpp"
#include "viz/draw.hpp"
#include "viz/geometry.hpp"
#include "viz/layout.hpp"
#include "viz/theme.hpp"

namespace sdsim::viz {

struct SceneGeometry {
  Rect title;
  Rect architecture;
  Rect legend;
  std::vector<Rect> charts;  // row by row, left to right (Scene::charts)
  Rect timeline;
};

// `rows`: how many charts share each row of the charts' column, top to bottom.
SceneGeometry scene_geometry(float width, float height, const Theme& theme,
                             const std::vector<std::size_t>& rows);
// One chart a row.
SceneGeometry scene_geometry(float width, float height, const Theme& theme, std::size_t charts);

// Everything a frame needs that does not change with time: the layout and the chart models.
struct Scene {
  const trace::Trace* trace = nullptr;
  SceneGeometry geometry;
  Layout layout;
  // Rows: latency; throughput; availability, with the cost by block beside it when the trace carries cost;
  // when reads were judged, the stale-read share with the stale reads' age p99 beside it, then t-visibility.
  std::vector<ChartModel> charts;  // as SceneGeometry::charts

  Scene(const trace::Trace& trace, float width, float height, const Theme& theme);
};

struct FrameState {
  double t_s = 0;  // the moment shown, s on the run's clock
  bool playing = false;
  double speed = 1;  // simulated s per wall s
  bool help = false;
  std::optional<std::size_t> inspect;  // the glyph (Layout::glyphs) shown in the inspector panel
  std::size_t particles = 400;         // request particles drawn along the edges at most (0: none)
  float particle_spacing = 28;         // px between particles on an edge at least (0: no limit)
};

void draw_scene(sf::RenderTarget& target, const Theme& theme, const Scene& scene, const FrameState& state);

// The frame's layers, in drawing order; draw_scene draws all four. The base (panels, lanes, edges, the charts
// without their cursors, legend, timeline strip) and the labels (the architecture view's texts, inside
// SceneGeometry::architecture) depend on the scene only, so frame_painter.hpp keeps them in textures.
void draw_scene_base(Canvas& target, const Theme& theme, const Scene& scene);
void draw_scene_state(Canvas& target, const Theme& theme, const Scene& scene, const FrameState& state);
void draw_scene_labels(Canvas& target, const Theme& theme, const Scene& scene);
void draw_scene_top(Canvas& target, const Theme& theme, const Scene& scene, const FrameState& state);

// The moment a still image shows by default: the middle of the first fault, else the end of the run.
double default_moment(const trace::Trace& trace);

}  // namespace sdsim::viz
