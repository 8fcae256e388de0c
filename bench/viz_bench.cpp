// Frame time of the visualizer: a 50-block design with 5,000 request particles, drawn in a window (software
// OpenGL under Xvfb is the measured platform), and the time to export a PNG of a 10-minute run.
// Usage: xvfb-run -a -s "-screen 0 1920x1080x24" viz_bench [frames [particles [window|texture]]]
#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/Window/Event.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "viz/display.hpp"
#include "viz/frame_painter.hpp"
#include "viz/png_export.hpp"
#include "viz/scene.hpp"

using namespace sdsim;
using namespace sdsim::viz;

namespace {

// 50 blocks in 10 call-depth layers of 5, over one region of three zones (the first layer in all three), a
// 10-minute run in 2 s windows with a zone outage in the middle.
trace::Trace fifty_blocks() {
  trace::Trace t;
  t.design = "fifty-blocks";
  t.scenario = "bench";
  t.start_s = 0;
  t.end_s = 600;
  t.window_s = 2;
  const std::vector<std::string> zones{"az1", "az2", "az3"};
  t.topology.regions = {trace::Region{"us-east-1", zones}};
  const char* kinds[] = {"compute", "cache", "kv_database", "queue", "load_balancer"};
  for (int i = 0; i < 50; ++i) {
    trace::BlockInfo b;
    b.name = "b" + std::to_string(i);
    b.kind = kinds[i % 5];
    if (i < 5) {
      b.zones = zones;
    } else {
      b.zones = {zones[static_cast<std::size_t>(i % 3)]};
    }
    b.servers = 8;
    t.topology.blocks.push_back(b);
    const int layer = i / 5;
    if (layer == 0) {
      t.topology.edges.push_back({"client", b.name, "f"});
    } else {
      t.topology.edges.push_back({"b" + std::to_string((layer - 1) * 5 + i % 5), b.name, "f"});
      t.topology.edges.push_back({"b" + std::to_string((layer - 1) * 5 + (i + 2) % 5), b.name, "f"});
    }
  }
  t.faults = {trace::FaultWindow{"az_power_interruption", "az2", 200, 120, {"az2"}, {}}};
  t.flows = {trace::FlowInfo{"f", trace::FlowSlo{100, 99, 99.9}}};
  for (int w = 0; w < 300; ++w) {
    trace::Window window;
    window.end_s = 2.0 * (w + 1);
    trace::FlowPoint f;
    f.completed = 2000 + static_cast<std::uint64_t>(w % 17) * 10;
    f.failed[2] = w >= 100 && w < 160 ? 300 : 0;
    f.p50_ms = 20 + w % 7;
    f.p99_ms = 80 + (w % 13) * 3;
    window.flows.push_back(f);
    for (int b = 0; b < 50; ++b) {
      const double u = 0.3 + 0.6 * ((b * 7 + w) % 10) / 10.0;
      window.blocks.push_back(
          trace::BlockPoint{1000, 990, static_cast<std::uint64_t>(b % 4), 8, u, 8 * u + 1, 3});
    }
    t.windows.push_back(window);
  }
  t.headline.flows = {trace::FlowHeadline{"f", 1000, 0.99, 22, 95}};
  return t;
}

double percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  const int frames = argc > 1 ? std::atoi(argv[1]) : 600;
  if (const std::string problem = display_problem(); !problem.empty()) {
    std::fprintf(stderr, "viz_bench: %s\n", problem.c_str());
    return 1;
  }
  const trace::Trace t = fifty_blocks();
  Theme theme = Theme::standard();
  if (const std::string problem = theme.load_fonts(); !problem.empty()) {
    std::fprintf(stderr, "viz_bench: %s\n", problem.c_str());
    return 1;
  }
  hold_display();  // as the viz does before drawing
  sf::RenderWindow window(sf::VideoMode(1600, 900), "viz_bench");
  // "texture": draw off screen, to tell drawing from presenting the frame to the X server.
  const bool off_screen = argc > 3 && std::string(argv[3]) == "texture";
  sf::RenderTexture texture;
  if (off_screen && !texture.create(1600, 900)) return 1;
  sf::RenderTarget& target = off_screen ? static_cast<sf::RenderTarget&>(texture) : window;
  const Scene scene(t, 1600, 900, theme);
  FramePainter painter(theme);  // as the viz's window draws
  FrameState state;
  state.particles = argc > 2 ? static_cast<std::size_t>(std::atoll(argv[2])) : 5000;
  state.particle_spacing = 0;
  std::vector<double> ms;
  std::size_t drawn = 0;
  for (int i = 0; i < frames + 10; ++i) {
    state.t_s = 600.0 * i / (frames + 10);
    const auto start = std::chrono::steady_clock::now();
    painter.draw(target, scene, state);
    if (off_screen) {
      texture.display();
      (void)texture.getTexture().copyToImage().getPixel(0, 0);  // wait for the frame to be drawn
    } else {
      window.display();
    }
    const double elapsed =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (i >= 10) ms.push_back(elapsed);  // the first frames warm up the glyph cache and draw the layers kept
    sf::Event e;
    while (window.pollEvent(e)) {
    }
  }
  drawn = scene.layout.glyphs.size();
  double total = 0;
  for (double m : ms)
    total += m;
  const double mean = total / static_cast<double>(ms.size());
  std::printf("frames %zu, glyphs %zu (grouped: %s), edges %zu, particles %zu\n", ms.size(), drawn,
              scene.layout.grouped ? "yes" : "no", scene.layout.edges.size(), state.particles);
  std::printf("frame ms: mean %.2f, p50 %.2f, p95 %.2f, max %.2f -> %.0f frames/s\n", mean,
              percentile(ms, 0.5), percentile(ms, 0.95), percentile(ms, 1.0), 1000 / mean);

  const std::string png = (std::filesystem::temp_directory_path() / "sdsim-viz-bench.png").string();
  const auto start = std::chrono::steady_clock::now();
  const std::string problem = export_png(t, png, ExportOptions{});
  const double export_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!problem.empty()) {
    std::fprintf(stderr, "viz_bench: %s\n", problem.c_str());
    return 1;
  }
  std::printf("PNG export of the 10-minute run (1600x900): %.3f s\n", export_s);
  std::filesystem::remove(png);
  return 0;
}
