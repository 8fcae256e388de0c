// Hit-testing a click against the layout: a glyph under the point, the nearest of overlapping grown
// rectangles, nothing on empty space, and a block found by name.
#include "viz/hit_test.hpp"

#include <catch2/catch.hpp>

using namespace sdsim;
using namespace sdsim::viz;

namespace {

Layout two_glyphs() {
  Layout l;
  l.glyphs.push_back(Glyph{{0}, "api", "compute", Rect{100, 100, 40, 40}, 0, 0});
  l.glyphs.push_back(Glyph{{1, 2}, "2 blocks", "group", Rect{150, 100, 40, 40}, 0, 0});
  l.glyph_of_block = {0, 1, 1};
  return l;
}

}  // namespace

TEST_CASE("A click finds the glyph under it", "[hit_test]") {
  const Layout l = two_glyphs();
  SECTION("inside a glyph's rectangle") {
    CHECK(glyph_at(l, {120, 120}) == 0u);
    CHECK(glyph_at(l, {189, 139}) == 1u);
  }
  SECTION("on empty space, nothing") {
    CHECK_FALSE(glyph_at(l, {145, 120}));
    CHECK_FALSE(glyph_at(l, {120, 90}));
    CHECK_FALSE(glyph_at(Layout{}, {120, 120}));
  }
  SECTION("slack widens the target; where grown rectangles overlap, the nearest centre wins") {
    CHECK(glyph_at(l, {120, 92}, 10) == 0u);
    CHECK(glyph_at(l, {144, 120}, 10) == 0u);
    CHECK(glyph_at(l, {146, 120}, 10) == 1u);
  }
}

TEST_CASE("A block is found by name, through its group", "[hit_test]") {
  trace::Topology t;
  t.blocks = {trace::BlockInfo{"api", "compute", {}, 2}, trace::BlockInfo{"db", "kv_database", {}, 0},
              trace::BlockInfo{"cache", "cache", {}, 1}};
  const Layout l = two_glyphs();
  CHECK(glyph_of(t, l, "api") == 0u);
  CHECK(glyph_of(t, l, "cache") == 1u);
  CHECK_FALSE(glyph_of(t, l, "queue"));
}
