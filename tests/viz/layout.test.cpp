// The architecture layout: lanes per zone, columns by call depth, blocks across their zones, nothing
// overlapping, and a grouped fallback when a design is too large to draw legibly.
#include "viz/layout.hpp"

#include <catch2/catch.hpp>

using namespace sdsim;
using namespace sdsim::viz;

namespace {

trace::Topology two_zone_shop() {
  trace::Topology t;
  t.regions = {trace::Region{"us-east-1", {"az1", "az2"}}};
  t.blocks = {
      trace::BlockInfo{"dns", "dns", {}, 0}, trace::BlockInfo{"alb", "load_balancer", {"az1", "az2"}, 0},
      trace::BlockInfo{"api", "compute", {"az1", "az2"}, 4}, trace::BlockInfo{"cache", "cache", {"az1"}, 2},
      trace::BlockInfo{"db", "relational_database", {"az2"}, 1}};
  t.edges = {{"client", "dns", "buy"}, {"dns", "alb", "buy"}, {"alb", "api", "buy"},
             {"api", "cache", "buy"},  {"api", "db", "buy"},  {"cache", "db", "buy"}};
  return t;
}

const Rect area{0, 0, 1000, 600};

}  // namespace

TEST_CASE("Call depth is the longest chain of calls from the clients", "[layout]") {
  trace::Topology t = two_zone_shop();
  CHECK(call_depths(t) == std::vector<int>{1, 2, 3, 4, 5});
  SECTION("a call back up the chain does not deepen anything") {
    t.edges.push_back({"db", "api", "buy"});
    const std::vector<int> d = call_depths(t);
    CHECK(d[2] == 3);
    CHECK(d[4] == 5);
  }
  SECTION("a block nobody calls sits in the first column") {
    t.blocks.push_back(trace::BlockInfo{"audit", "queue", {}, 0});
    CHECK(call_depths(t).back() == 1);
  }
}

TEST_CASE("Zones become lanes and blocks sit in their zones' lanes", "[layout]") {
  const Layout l = lay_out(two_zone_shop(), area);
  REQUIRE(l.lanes.size() == 3);  // global (for dns), az1, az2
  CHECK(l.lanes[0].label == "global");
  CHECK(l.lanes[1].zone == "az1");
  CHECK(l.lanes_of("us-east-1") == std::vector<std::size_t>{1, 2});
  REQUIRE(l.regions.size() == 1);
  CHECK(l.regions[0].rect.y == l.lanes[1].rect.y);
  CHECK_FALSE(l.grouped);
  REQUIRE(l.glyphs.size() == 5);

  auto glyph = [&](std::size_t block) {
    return l.glyphs[static_cast<std::size_t>(l.glyph_of_block[block])].rect;
  };
  SECTION("each block's glyph lies in the lanes of its zones") {
    CHECK(l.lanes[0].rect.contains(glyph(0).centre()));
    CHECK(l.lanes[1].rect.contains(glyph(3).centre()));  // cache in az1
    CHECK(l.lanes[2].rect.contains(glyph(4).centre()));  // db in az2
    // api spans both zones: centred near the boundary between them.
    const Glyph& api = l.glyphs[static_cast<std::size_t>(l.glyph_of_block[2])];
    CHECK(api.lane_lo == 1);
    CHECK(api.lane_hi == 2);
    CHECK(glyph(2).centre().y == Approx(l.lanes[2].rect.y).margin(30));
  }
  SECTION("columns follow call depth, left to right") {
    CHECK(glyph(0).x < glyph(1).x);
    CHECK(glyph(1).x < glyph(2).x);
    CHECK(glyph(2).x < glyph(3).x);
    CHECK(glyph(3).x < glyph(4).x);
  }
  SECTION("glyphs stay inside the area and never overlap") {
    for (std::size_t i = 0; i < l.glyphs.size(); ++i) {
      const Rect& r = l.glyphs[i].rect;
      CHECK(r.x >= area.x);
      CHECK(r.right() <= area.right());
      CHECK(r.y >= area.y);
      CHECK(r.bottom() <= area.bottom());
      for (std::size_t j = i + 1; j < l.glyphs.size(); ++j)
        CHECK_FALSE(r.overlaps(l.glyphs[j].rect));
    }
  }
  SECTION("edges join distinct glyphs once, from the clients too") {
    CHECK(l.edges.size() == 6);
    CHECK(l.edges[0].from == -1);
    CHECK(l.edges[0].a.x == l.clients.right());
  }
  SECTION("the same topology and area give the same layout") {
    const Layout again = lay_out(two_zone_shop(), area);
    for (std::size_t i = 0; i < l.glyphs.size(); ++i) {
      CHECK(again.glyphs[i].rect.x == l.glyphs[i].rect.x);
      CHECK(again.glyphs[i].rect.y == l.glyphs[i].rect.y);
    }
  }
}

TEST_CASE("A design without regions is one lane", "[layout]") {
  trace::Topology t;
  t.blocks = {trace::BlockInfo{"server", "station", {}, 1}};
  t.edges = {{"client", "server", "requests"}};
  const Layout l = lay_out(t, area);
  REQUIRE(l.lanes.size() == 1);
  CHECK(l.lanes[0].label == "all blocks");
  REQUIRE(l.glyphs.size() == 1);
  CHECK(l.glyphs[0].rect.w <= LayoutOptions{}.max_glyph);
}

TEST_CASE("Blocks of different spans in one column are side by side", "[layout]") {
  trace::Topology t = two_zone_shop();
  // "worker" is at depth 3 like api, but only in az1: it must not overlap api.
  t.blocks.push_back(trace::BlockInfo{"worker", "compute", {"az1"}, 2});
  t.edges.push_back({"alb", "worker", "buy"});
  const Layout l = lay_out(t, area);
  const Rect& api = l.glyphs[static_cast<std::size_t>(l.glyph_of_block[2])].rect;
  const Rect& worker = l.glyphs[static_cast<std::size_t>(l.glyph_of_block[5])].rect;
  CHECK_FALSE(api.overlaps(worker));
}

TEST_CASE("A design too large to draw legibly is grouped by zone, and says so", "[layout]") {
  trace::Topology t;
  t.regions = {trace::Region{"r", {"a", "b"}}};
  for (int i = 0; i < 120; ++i) {
    const std::string name = "b" + std::to_string(i);
    t.blocks.push_back(trace::BlockInfo{name, "compute", {i % 2 == 0 ? "a" : "b"}, 1});
    t.edges.push_back({"client", name, "f"});
  }
  const Layout l = lay_out(t, Rect{0, 0, 800, 400});
  CHECK(l.grouped);
  CHECK(l.note.find("grouped by Availability Zone") != std::string::npos);
  REQUIRE(l.glyphs.size() == 2);
  CHECK(l.glyphs[0].blocks.size() == 60);
  CHECK(l.glyphs[0].label == "60 blocks");
  for (int g : l.glyph_of_block)
    CHECK(g >= 0);
}

TEST_CASE("A crowded column wraps into sub-columns before anything is grouped", "[layout]") {
  trace::Topology t;
  for (int i = 0; i < 60; ++i) {
    const std::string name = "s" + std::to_string(i);
    t.blocks.push_back(trace::BlockInfo{name, "station", {}, 1});
    t.edges.push_back({"client", name, "f"});
  }
  const Rect wide{0, 0, 1000, 700};
  const Layout l = lay_out(t, wide);
  CHECK_FALSE(l.grouped);
  REQUIRE(l.glyphs.size() == 60);
  for (std::size_t i = 0; i < l.glyphs.size(); ++i) {
    const Rect& r = l.glyphs[i].rect;
    CHECK(r.w >= LayoutOptions{}.min_glyph);
    CHECK(r.right() <= wide.right());
    CHECK(r.bottom() <= wide.bottom());
    for (std::size_t j = i + 1; j < l.glyphs.size(); ++j)
      CHECK_FALSE(r.overlaps(l.glyphs[j].rect));
  }
}
