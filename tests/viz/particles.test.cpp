// Request particles: a budgeted sample along the edges, in proportion to traffic, red in the refused share,
// and the same for the same moment.
#include "viz/particles.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace sdsim;
using namespace sdsim::viz;

namespace {

// Clients call "api" (900 arrivals/s, a third refused), which calls "db" (300 arrivals/s).
trace::Trace chain() {
  trace::Trace t;
  t.end_s = 10;
  t.window_s = 10;
  t.topology.blocks = {trace::BlockInfo{"api", "compute", {}, 4},
                       trace::BlockInfo{"db", "kv_database", {}, 0}};
  t.topology.edges = {{"client", "api", "f"}, {"api", "db", "f"}};
  trace::Window w;
  w.end_s = 10;
  w.blocks = {trace::BlockPoint{9000, 6000, 3000, 4, 0.5, 2, 2},
              trace::BlockPoint{3000, 3000, 0, 0, 0, 0, 0}};
  w.flows = {trace::FlowPoint{}};
  t.windows = {w};
  return t;
}

double distance_to_segment(Point p, Point a, Point b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double f = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
  return std::hypot(p.x - (a.x + f * dx), p.y - (a.y + f * dy));
}

}  // namespace

TEST_CASE("Particles follow the traffic on each edge", "[particles]") {
  const trace::Trace t = chain();
  const Layout layout = lay_out(t.topology, Rect{0, 0, 1200, 400});
  REQUIRE(layout.edges.size() == 2);
  const std::vector<Particle> ps = particles_at(t, layout, 5, 1200, 1, 0);
  // 1200 shared 3:1 between the edges into api and into db.
  REQUIRE(ps.size() == 1200);
  std::size_t on_first = 0, failed_on_first = 0, failed_on_second = 0;
  for (const Particle& p : ps) {
    const double d0 = distance_to_segment(p.at, layout.edges[0].a, layout.edges[0].b);
    const double d1 = distance_to_segment(p.at, layout.edges[1].a, layout.edges[1].b);
    REQUIRE(std::min(d0, d1) < 0.01);
    if (d0 < d1) {
      ++on_first;
      failed_on_first += p.failed ? 1 : 0;
    } else {
      failed_on_second += p.failed ? 1 : 0;
    }
  }
  CHECK(on_first == 900);
  CHECK(failed_on_first == Approx(300).margin(3));  // a third of api's arrivals were refused
  CHECK(failed_on_second == 0);

  SECTION("the same moment gives the same particles, a later one moves them") {
    const std::vector<Particle> again = particles_at(t, layout, 5, 1200, 1, 0);
    CHECK(again[17].at.x == ps[17].at.x);
    CHECK(particles_at(t, layout, 5.25, 1200, 1, 0)[17].at.x != ps[17].at.x);
  }
  SECTION("spacing thins them out, and no budget draws none") {
    CHECK(particles_at(t, layout, 5, 1200, 1, 50).size() < 100);
    CHECK(particles_at(t, layout, 5, 0, 1, 0).empty());
  }
}
