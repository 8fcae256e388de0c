// Frames drawn off screen (run under xvfb-run) and saved as PNGs, checked on their pixels: a failed zone's
// lane is shaded during the outage only, the objective line sits at its value, charts and text are drawn.
#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "viz/board_export.hpp"
#include "viz/chart_view.hpp"
#include "viz/comparison_data.hpp"
#include "viz/display.hpp"
#include "viz/frame_painter.hpp"
#include "viz/inspector_data.hpp"
#include "viz/inspector_view.hpp"
#include "viz/png_export.hpp"
#include "viz/scene.hpp"
#include "viz/sweep_data.hpp"

using namespace sdsim;
using namespace sdsim::viz;

namespace {

// 100 s in 1 s windows; zone az1 loses power from 40 s to 70 s; p99 is 100 ms, then 150 ms during the outage.
trace::Trace outage_trace() {
  trace::Trace t;
  t.design = "shop";
  t.scenario = "az outage";
  t.start_s = 0;
  t.end_s = 100;
  t.window_s = 1;
  t.topology.regions = {trace::Region{"us-east-1", {"az1", "az2"}}};
  t.topology.blocks = {trace::BlockInfo{"api", "compute", {"az1", "az2"}, 4},
                       trace::BlockInfo{"db", "relational_database", {"az2"}, 1}};
  t.topology.edges = {{"client", "api", "buy"}, {"api", "db", "buy"}};
  t.faults = {trace::FaultWindow{"az_power_interruption", "az1", 40, 30, {"az1"}, {}}};
  t.flows = {trace::FlowInfo{"buy", trace::FlowSlo{200, 99, 99}}};
  for (int w = 0; w < 100; ++w) {
    const bool outage = w >= 40 && w < 70;
    trace::Window window;
    window.end_s = w + 1;
    trace::FlowPoint f;
    f.completed = outage ? 900 : 1000;
    f.failed[2] = outage ? 100 : 0;
    f.p50_ms = 40;
    f.p99_ms = outage ? 150 : 100;
    window.flows.push_back(f);
    window.blocks.push_back(trace::BlockPoint{1000, 1000, 0, 4, outage ? 0.9 : 0.5, outage ? 6.0 : 2.0, 2});
    window.blocks.push_back(trace::BlockPoint{1000, 1000, 0, 1, 0.6, 1.2, 1});
    t.windows.push_back(window);
  }
  t.headline.flows = {trace::FlowHeadline{"buy", 970, 0.97, 40, 120}};
  return t;
}

std::filesystem::path out_dir() {
  std::filesystem::path dir = std::filesystem::path(SDSIM_BINARY_DIR) / "tests" / "viz" / "frames";
  std::filesystem::create_directories(dir);
  return dir;
}

sf::Image render(const trace::Trace& t, const std::string& name, double at, bool slides = false) {
  const std::string problem = display_problem();
  INFO(problem);
  REQUIRE(problem.empty());
  ExportOptions options;
  options.t_s = at;
  options.slides = slides;
  const std::string path = (out_dir() / name).string();
  const std::string error = export_png(t, path, options);
  INFO(error);
  REQUIRE(error.empty());
  sf::Image image;
  REQUIRE(image.loadFromFile(path));
  return image;
}

bool near(sf::Color a, Colour b, int tolerance) {
  return std::abs(a.r - b.r) <= tolerance && std::abs(a.g - b.g) <= tolerance &&
         std::abs(a.b - b.b) <= tolerance;
}

sf::Color pixel(const sf::Image& image, float x, float y) {
  return image.getPixel(static_cast<unsigned>(x), static_cast<unsigned>(y));
}

int count_near(const sf::Image& image, const Rect& r, Colour c, int tolerance) {
  int n = 0;
  for (auto y = static_cast<unsigned>(r.y); y < static_cast<unsigned>(r.bottom()); ++y) {
    for (auto x = static_cast<unsigned>(r.x); x < static_cast<unsigned>(r.right()); ++x)
      n += near(image.getPixel(x, y), c, tolerance) ? 1 : 0;
  }
  return n;
}

}  // namespace

TEST_CASE("Frames of an AZ outage show the outage, the objective, the charts and the text", "[render]") {
  const trace::Trace t = outage_trace();
  const sf::Image before = render(t, "outage-before.png", 20);
  const sf::Image during = render(t, "outage-during.png", 55);
  REQUIRE(before.getSize() == sf::Vector2u(1600, 900));
  const Theme theme = Theme::standard();
  const Scene scene(t, 1600, 900, theme);
  REQUIRE(scene.layout.lanes.size() == 2);
  const Rect failed = scene.layout.lanes[0].rect;  // az1
  const Rect healthy = scene.layout.lanes[1].rect;

  SECTION("the failed zone's lane is shaded during the outage and not before") {
    const float x = failed.right() - 12;
    const sf::Color was = pixel(before, x, failed.y + failed.h * 0.8f);
    const sf::Color is = pixel(during, x, failed.y + failed.h * 0.8f);
    INFO("before " << int(was.r) << "," << int(was.g) << "," << int(was.b) << "; during " << int(is.r) << ","
                   << int(is.g) << "," << int(is.b));
    CHECK(near(was, palette::lane_a, 2));
    CHECK(is.r > was.r + 20);
    CHECK(is.r > is.g + 20);
    // The other zone's lane is the same at both moments.
    const float y = healthy.y + healthy.h * 0.8f;
    CHECK(pixel(before, healthy.right() - 12, y) == pixel(during, healthy.right() - 12, y));
  }
  SECTION("the latency objective's line sits at 200 ms") {
    const ChartGeometry g =
        chart_geometry(scene.charts[0], scene.geometry.charts[0], theme.label, theme.small);
    const float y = g.y(200);
    const auto small = static_cast<float>(theme.small);
    int on = 0, off = 0, dashes = 0;
    for (float x = g.plot.x + small * 0.45f; x < g.plot.right() - small; x += small * 1.5f) {
      ++dashes;
      on += near(pixel(before, x, y), palette::slo, 40) ? 1 : 0;
      off += near(pixel(before, x, y - small * 0.6f), palette::slo, 40) ? 1 : 0;
      off += near(pixel(before, x, y + small * 0.6f), palette::slo, 40) ? 1 : 0;
    }
    INFO(on << " of " << dashes << " dashes found at y = " << y << "; " << off << " found beside it");
    CHECK(on >= dashes * 9 / 10);
    CHECK(off == 0);
  }
  SECTION("the charts have data in them") {
    const ChartGeometry latency =
        chart_geometry(scene.charts[0], scene.geometry.charts[0], theme.label, theme.small);
    CHECK(count_near(before, latency.plot, palette::p99, 30) > 200);
    const ChartGeometry throughput =
        chart_geometry(scene.charts[1], scene.geometry.charts[1], theme.label, theme.small);
    CHECK(count_near(before, throughput.plot, palette::throughput, 30) > 200);
    // The outage's failures appear as their own line, in the unavailable colour.
    CHECK(count_near(before, throughput.plot, palette::reasons[2], 30) > 50);
  }
  SECTION("text is drawn") {
    CHECK(count_near(before, scene.geometry.title, palette::text, 40) > 300);
    CHECK(count_near(before, scene.geometry.legend, palette::muted, 40) > 200);
  }
}

TEST_CASE("The slides preset is 1920x1080 and exports a long run quickly", "[render]") {
  trace::Trace t = outage_trace();
  // Stretch to a 10-minute run in 2 s windows (300 windows).
  t.end_s = 600;
  t.window_s = 2;
  for (std::size_t w = 0; w < t.windows.size(); ++w)
    t.windows[w].end_s = 2.0 * static_cast<double>(w + 1);
  while (t.windows.size() < 300) {
    trace::Window next = t.windows.back();
    next.end_s += 2;
    t.windows.push_back(next);
  }
  const auto started = std::chrono::steady_clock::now();
  const sf::Image image = render(t, "slides.png", 300, true);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK(image.getSize() == sf::Vector2u(1920, 1080));
  INFO("exported in " << seconds << " s");
  CHECK(seconds < 3);
}

TEST_CASE("A frame sequence has one frame per window, each of its moment", "[render]") {
  trace::Trace t = outage_trace();
  t.windows.resize(4);  // 4 s: frames at 1, 2, 3 and 4 s
  t.end_s = 4;
  const std::filesystem::path dir = out_dir() / "sequence";
  std::filesystem::remove_all(dir);
  std::size_t frames = 0;
  const std::string problem = export_frames(t, dir.string(), ExportOptions{}, frames);
  INFO(problem);
  REQUIRE(problem.empty());
  CHECK(frames == 4);
  sf::Image first, last;
  REQUIRE(first.loadFromFile((dir / "frame-00001.png").string()));
  REQUIRE(last.loadFromFile((dir / "frame-00004.png").string()));
  CHECK_FALSE(std::filesystem::exists(dir / "frame-00005.png"));
  // The timeline strip's cursor moved.
  const Scene scene(t, 1600, 900, Theme::standard());
  const Rect strip = scene.geometry.timeline;
  int differing = 0;
  for (auto x = static_cast<unsigned>(strip.x); x < static_cast<unsigned>(strip.right()); ++x) {
    const auto y = static_cast<unsigned>(strip.centre().y);
    differing += first.getPixel(x, y) != last.getPixel(x, y) ? 1 : 0;
  }
  CHECK(differing > 100);
}

TEST_CASE("The help overlay lists the keys over the frame", "[render]") {
  REQUIRE(display_problem().empty());
  hold_display();
  Theme theme = Theme::standard();
  REQUIRE(theme.load_fonts().empty());
  const trace::Trace t = outage_trace();
  const Scene scene(t, 1600, 900, theme);
  sf::RenderTexture texture;
  REQUIRE(texture.create(1600, 900));
  auto frame = [&](bool help) {
    FrameState state;
    state.t_s = 20;
    state.help = help;
    draw_scene(texture, theme, scene, state);
    texture.display();
    return texture.getTexture().copyToImage();
  };
  const sf::Image plain = frame(false);
  const sf::Image help = frame(true);
  REQUIRE(help.saveToFile((out_dir() / "help.png").string()));
  // The box sits in the middle of the frame: its text is bright where the plain frame has the charts' edge.
  const Rect box{1600 * 0.3f, 900 * 0.2f, 1600 * 0.4f, 200};
  CHECK(count_near(help, box, palette::text, 40) > count_near(plain, box, palette::text, 40) + 500);
}

TEST_CASE("The inspector panel shows a chosen block over the architecture view", "[render]") {
  trace::Trace t = outage_trace();
  t.block_figures.resize(2);
  t.block_figures[0].usd_per_month = 61.32;
  t.block_figures[0].theory = trace::StationTheory{.arrival_rate_per_s = 1000,
                                                   .utilization = 0.5,
                                                   .stable = true,
                                                   .mean_wait_ms = 1.25,
                                                   .p99_wait_ms = 20,
                                                   .sim_mean_wait_ms = 3.5,
                                                   .sim_p99_wait_ms = 31,
                                                   .agrees = false,
                                                   .reasons = {"retries add load theory does not see"}};
  const sf::Image plain = render(t, "inspect-none.png", 20);
  ExportOptions options;
  options.t_s = 20;
  options.inspect = "api";
  const std::string path = (out_dir() / "inspect-api.png").string();
  const std::string error = export_png(t, path, options);
  INFO(error);
  REQUIRE(error.empty());
  sf::Image inspected;
  REQUIRE(inspected.loadFromFile(path));
  Theme theme = Theme::standard();
  const Scene scene(t, 1600, 900, theme);
  const Rect box = inspector_rect(inspector_model(t, scene.layout, 0, 20), scene.geometry.architecture,
                                  scene.layout.glyphs[0].rect, theme.label, theme.small);
  SECTION("the panel holds text, and the warning colour where theory disagrees") {
    CHECK(count_near(inspected, box, palette::text, 40) > count_near(plain, box, palette::text, 40) + 400);
    CHECK(count_near(inspected, box, palette::strained, 40) > 50);
  }
  SECTION("the panel leaves the inspected block in sight") {
    CHECK_FALSE(box.overlaps(scene.layout.glyphs[0].rect));
  }
  SECTION("the panel is dark where the frame had lanes") {
    const sf::Color inside = pixel(inspected, box.x + 4, box.bottom() - 4);
    CHECK(inside.r < palette::lane_a.r);
  }
  SECTION("an unknown block is refused with the blocks' names") {
    options.inspect = "nope";
    const std::string refused = export_png(t, (out_dir() / "inspect-nope.png").string(), options);
    CHECK(refused.find("no block named 'nope'") != std::string::npos);
    CHECK(refused.find("api, db") != std::string::npos);
  }
}

TEST_CASE("Judged reads add the stale-reads chart and the t-visibility curve", "[render]") {
  trace::Trace t = outage_trace();
  for (trace::Window& w : t.windows) {
    w.flows[0].reads = 100;
    w.flows[0].stale_reads = 10;
  }
  t.visibility = {
      trace::FlowVisibility{"buy",
                            {trace::VisibilityBin{0, 1, 40, 0.2}, trace::VisibilityBin{50, 100, 30, 0.8},
                             trace::VisibilityBin{1000, 2000, 30, 1}}}};
  const sf::Image image = render(t, "visibility.png", 20);
  const Theme theme = Theme::standard();
  const Scene scene(t, 1600, 900, theme);
  REQUIRE(scene.charts.size() == 6);  // the stale share and the stale reads' age, then t-visibility
  CHECK(scene.charts[5].log_x);
  const ChartGeometry g = chart_geometry(scene.charts[5], scene.geometry.charts[5], theme.label, theme.small);
  // The curve rises from 20% at 1 ms to 100% at 2 s: drawn low on the left, high on the right.
  const Rect left{g.plot.x, g.y(40), g.x(0.5) - g.plot.x, g.y(0) - g.y(40) + 3};
  const Rect right{g.x(3), g.y(100) - 3, g.plot.right() - g.x(3), g.y(80) - g.y(100)};
  CHECK(count_near(image, left, palette::p50, 40) > 20);
  CHECK(count_near(image, right, palette::p50, 40) > 5);
  // Its x axis is labelled in ms, under the plot.
  const Rect axis{g.plot.x, g.plot.bottom() + 2, g.plot.w, static_cast<float>(theme.small) * 3};
  CHECK(count_near(image, axis, palette::muted, 40) > 100);
}

TEST_CASE("The sweep view draws each point at its cost and the frontier in its own colour", "[render]") {
  TradeOffs s{"shop", "steady", "buy", {}};
  s.points = {TradeOffPoint{100, 400, 99.0, true, true}, TradeOffPoint{200, 420, 99.5, false, true},
              TradeOffPoint{300, 100, 99.9, true, true}};
  const std::vector<ChartModel> charts = trade_off_charts(s);
  REQUIRE(display_problem().empty());
  const std::string path = (out_dir() / "sweep.png").string();
  const std::string error =
      export_charts_png("shop · steady · sweep of 3 points", charts, path, ExportOptions{});
  INFO(error);
  REQUIRE(error.empty());
  sf::Image image;
  REQUIRE(image.loadFromFile(path));
  Theme theme = Theme::standard();
  const std::vector<Rect> areas = side_by_side(1600, 900, theme, 2);
  REQUIRE(areas.size() == 2);
  CHECK(areas[0].right() < areas[1].x);
  const ChartGeometry g = chart_geometry(charts[0], areas[0], theme.label, theme.small);
  auto around = [&](double usd, double ms) { return Rect{g.x(usd) - 3, g.y(ms) - 3, 6, 6}; };
  SECTION("a point off the frontier is a plain marker; frontier points are marked in the frontier colour") {
    CHECK(count_near(image, around(200, 420), palette::p50, 30) >= 16);
    CHECK(count_near(image, around(100, 400), palette::slo, 30) >= 16);
    CHECK(count_near(image, around(300, 100), palette::slo, 30) >= 16);
  }
  SECTION("the frontier is joined: its line passes between its points") {
    const Rect middle{g.x(200) - 4, g.y(250) - 12, 8, 24};
    CHECK(count_near(image, middle, palette::slo, 40) > 4);
  }
  SECTION("both charts and their axis titles are drawn") {
    const Rect under{g.plot.x, g.plot.bottom() + 2, g.plot.w, static_cast<float>(theme.small) * 3};
    CHECK(count_near(image, under, palette::muted, 40) > 100);
    const ChartGeometry a = chart_geometry(charts[1], areas[1], theme.label, theme.small);
    CHECK(count_near(image, a.plot, palette::slo, 30) > 40);
  }
}

TEST_CASE("The comparison view shows each design's architecture and their lines overlaid", "[render]") {
  trace::Trace slow = outage_trace();
  slow.design = "slow";
  for (trace::Window& w : slow.windows)
    w.flows[0].p99_ms = 400;
  const std::vector<trace::Trace> runs{outage_trace(), slow};
  REQUIRE(display_problem().empty());
  const std::string path = (out_dir() / "compare.png").string();
  const std::string error = export_comparison_png(runs, path, ExportOptions{});
  INFO(error);
  REQUIRE(error.empty());
  sf::Image image;
  REQUIRE(image.loadFromFile(path));
  // Both architectures: the left and right halves of the upper part hold healthy glyphs.
  const Rect left{0, 60, 800, 300};
  const Rect right{800, 60, 800, 300};
  CHECK(count_near(image, left, palette::healthy, 30) > 200);
  CHECK(count_near(image, right, palette::healthy, 30) > 200);
  // The overlaid lines, each in its design's colour, in the lower part.
  const Rect charts{0, 450, 1600, 450};
  CHECK(count_near(image, charts, design_colour(0), 20) > 200);
  CHECK(count_near(image, charts, design_colour(1), 20) > 200);
  CHECK(export_comparison_png({runs[0]}, path, ExportOptions{}).find("two designs or more") !=
        std::string::npos);
}

TEST_CASE("Frames painted from the kept base layer match frames drawn whole", "[render]") {
  REQUIRE(display_problem().empty());
  hold_display();
  Theme theme = Theme::standard();
  REQUIRE(theme.load_fonts().empty());
  const trace::Trace t = outage_trace();
  const Scene scene(t, 1600, 900, theme);
  sf::RenderTexture texture;
  sf::ContextSettings settings;
  settings.antialiasingLevel = 4;  // as the kept layer's texture, so edges are smoothed alike
  REQUIRE(texture.create(1600, 900, settings));
  FramePainter painter(theme);
  auto frame = [&](double at, bool kept) {
    FrameState state;
    state.t_s = at;
    state.inspect = 1;
    if (kept) {
      painter.draw(texture, scene, state);
    } else {
      draw_scene(texture, theme, scene, state);
    }
    texture.display();
    return texture.getTexture().copyToImage();
  };
  // Painted in the order a player shows them: the kept layer must not hold any moment's state.
  const sf::Image kept_before = frame(20, true);
  const sf::Image kept_during = frame(55, true);
  const sf::Image whole_during = frame(55, false);
  REQUIRE(kept_during.saveToFile((out_dir() / "painter-during.png").string()));
  SECTION("the two ways give the same picture") {
    int differing = 0;
    for (unsigned y = 0; y < 900; ++y) {
      for (unsigned x = 0; x < 1600; ++x) {
        const sf::Color a = kept_during.getPixel(x, y);
        const sf::Color b = whole_during.getPixel(x, y);
        differing += std::abs(a.r - b.r) > 24 || std::abs(a.g - b.g) > 24 || std::abs(a.b - b.b) > 24 ? 1 : 0;
      }
    }
    INFO(differing << " of 1,440,000 pixels differ");
    CHECK(differing < 1440);
  }
  SECTION("what changes with time is drawn anew: the outage's shading, the charts' cursors") {
    const Rect failed = scene.layout.lanes[0].rect;
    const float x = failed.right() - 12;
    const sf::Color was = pixel(kept_before, x, failed.y + failed.h * 0.8f);
    const sf::Color is = pixel(kept_during, x, failed.y + failed.h * 0.8f);
    CHECK(near(was, palette::lane_a, 2));
    CHECK(is.r > was.r + 20);
    const ChartGeometry g =
        chart_geometry(scene.charts[1], scene.geometry.charts[1], theme.label, theme.small);
    const Rect at_55{g.x(55) - 2, g.plot.y + 2, 4, g.plot.h * 0.2f};
    const Rect at_20{g.x(20) - 2, g.plot.y + 2, 4, g.plot.h * 0.2f};
    auto changed = [&](const Rect& r) {
      int n = 0;
      for (auto py = static_cast<unsigned>(r.y); py < static_cast<unsigned>(r.bottom()); ++py) {
        for (auto px = static_cast<unsigned>(r.x); px < static_cast<unsigned>(r.right()); ++px)
          n += kept_before.getPixel(px, py) != kept_during.getPixel(px, py) ? 1 : 0;
      }
      return n;
    };
    CHECK(changed(at_55) > 20);
    CHECK(changed(at_20) > 20);
    CHECK(changed(Rect{g.x(80), g.plot.y + 2, 4, g.plot.h * 0.2f}) == 0);
  }
}

TEST_CASE("Cost by block and the stale reads' age are charted beside availability and the stale share",
          "[render]") {
  trace::Trace t = outage_trace();
  for (std::size_t w = 0; w < t.windows.size(); ++w) {
    const bool outage = w >= 40 && w < 70;
    t.windows[w].blocks[0].usd_per_hour = outage ? 3.0 : 2.0;  // api: more instances while az1 is out
    t.windows[w].blocks[1].usd_per_hour = 0.5;
    t.windows[w].flows[0].reads = 100;
    t.windows[w].flows[0].stale_reads = outage ? 30 : 5;
    t.windows[w].flows[0].stale_p99_ms = outage ? 800 : 100;
  }
  const sf::Image image = render(t, "cost-staleness.png", 55);
  const Theme theme = Theme::standard();
  const Scene scene(t, 1600, 900, theme);
  REQUIRE(scene.charts.size() == 6);
  REQUIRE(scene.charts[3].title == "Cost by block");
  REQUIRE(scene.charts[5].title == "Staleness: buy");
  const auto small = static_cast<float>(theme.small);
  for (std::size_t c : {3u, 5u}) {
    const ChartModel& m = scene.charts[c];
    const Rect area = scene.geometry.charts[c];
    const Rect left_of = scene.geometry.charts[c - 1];
    INFO(m.title);
    const ChartGeometry g = chart_geometry(m, area, theme.label, theme.small);
    SECTION("it sits beside the chart it goes with: " + m.title) {
      CHECK(area.y == left_of.y);
      CHECK(area.x > left_of.right());
    }
    SECTION("its axes are labelled: values and their unit on the left, time under it: " + m.title) {
      const Rect values{area.x, g.plot.y, g.plot.x - area.x, g.plot.h};
      const Rect times{g.plot.x, g.plot.bottom() + 2, g.plot.w, small * 3};
      CHECK(count_near(image, values, palette::muted, 40) > 100);
      CHECK(count_near(image, times, palette::muted, 40) > 100);
    }
    SECTION("the fault is annotated on it: " + m.title) {
      const Rect inside{g.x(45), g.plot.y + 2, g.x(50) - g.x(45), 6};
      const Rect outside{g.x(15), g.plot.y + 2, g.x(20) - g.x(15), 6};
      const sf::Color during = pixel(image, inside.centre().x, inside.centre().y);
      const sf::Color before = pixel(image, outside.centre().x, outside.centre().y);
      CHECK(during.r > before.r + 20);
    }
  }
  SECTION("the cost chart draws every block's line at its value, and their total") {
    const ChartGeometry g =
        chart_geometry(scene.charts[3], scene.geometry.charts[3], theme.label, theme.small);
    REQUIRE(scene.charts[3].lines.size() == 3);  // total, api, db
    CHECK(scene.charts[3].lines[1].label == "api");
    auto around = [&](double s, double usd) { return Rect{g.x(s) - 3, g.y(usd) - 3, 6, 6}; };
    CHECK(count_near(image, around(20, 2.5), palette::text, 60) > 4);
    CHECK(count_near(image, around(20, 2.0), palette::p50, 40) > 4);
    CHECK(count_near(image, around(55, 3.0), palette::p50, 40) > 4);
    CHECK(count_near(image, around(20, 0.5), palette::p99, 40) > 4);
  }
  SECTION("the staleness chart rises during the outage") {
    const ChartGeometry g =
        chart_geometry(scene.charts[5], scene.geometry.charts[5], theme.label, theme.small);
    auto around = [&](double s, double ms) { return Rect{g.x(s) - 3, g.y(ms) - 3, 6, 6}; };
    CHECK(count_near(image, around(20, 100), palette::reasons[3], 40) > 4);
    CHECK(count_near(image, around(55, 800), palette::reasons[3], 40) > 4);
  }
}
