#pragma once
// Draws the design at one moment of a trace: region and zone lanes (shaded while a fault hits them), call
// edges, and one glyph per block (shape by kind, utilization ring, queue-depth bar, health colour, name).
// Reads the trace and the layout; decides nothing.
#include <cstddef>
#include <optional>
#include <vector>

#include "trace/trace.hpp"
#include "viz/draw.hpp"
#include "viz/layout.hpp"
#include "viz/palette.hpp"
#include "viz/theme.hpp"

namespace sdsim::viz {

// A glyph's state in one window: its blocks taken together.
struct GlyphState {
  double utilization = 0;  // the busiest block's
  double queue = 0;        // waiting, not in service (mean over the window), summed
  double rejected_fraction = 0;
  bool has_traffic = false;
  bool hit_by_fault = false;
};

GlyphState glyph_state(const trace::Trace& trace, const Layout& layout, std::size_t glyph,
                       std::optional<std::size_t> window, double t_s);
// Green under 80% busy without refusals, amber when strained or refusing a little, red when refusing more
// than 1% or hit by a fault; muted without traffic.
Colour health_colour(const GlyphState& s);
// The faults in force at `t_s` (a one-off fault shows for one window).
std::vector<const trace::FaultWindow*> active_faults(const trace::Trace& trace, double t_s);

// The frame is drawn in layers, so that a player can keep what does not move in a texture:
// the base (lanes, region outlines, edges, ring tracks: the layout only), the state at `t_s` (fault shading,
// particles, glyphs with their rings and queue bars), the labels (the layout only) and the fault labels.
void draw_architecture_base(Canvas& target, const Theme& theme, const Layout& layout);
// `particles`: at most this many request particles along the edges (0: none), `spacing` px apart at least.
void draw_architecture_state(Canvas& target, const Theme& theme, const trace::Trace& trace,
                             const Layout& layout, double t_s, std::size_t particles, float spacing);
void draw_architecture_labels(Canvas& target, const Theme& theme, const Layout& layout);
void draw_fault_labels(Canvas& target, const Theme& theme, const trace::Trace& trace, const Layout& layout,
                       double t_s);
// All four layers in order.
void draw_architecture(Canvas& target, const Theme& theme, const trace::Trace& trace, const Layout& layout,
                       double t_s, std::size_t particles, float spacing);

}  // namespace sdsim::viz
