#pragma once
// Request particles along the call edges: a sample of the traffic, so that busy edges look busy. Each edge
// carries particles in proportion to its callee's arrivals in the window shown, coloured by outcome (the
// callee's share refused is drawn in the failure colour). Pure code: positions are a function of the time
// shown, so a still image is the same every time.
#include <cstddef>
#include <vector>

#include "trace/trace.hpp"
#include "viz/geometry.hpp"
#include "viz/layout.hpp"

namespace sdsim::viz {

struct Particle {
  Point at;
  bool failed = false;
};

// At most `budget` particles at time `t_s`, and no closer than `spacing` px on an edge; a particle takes
// `transit_s` (s on the run's clock) to cross its edge.
std::vector<Particle> particles_at(const trace::Trace& trace, const Layout& layout, double t_s,
                                   std::size_t budget, double transit_s, float spacing);

}  // namespace sdsim::viz
