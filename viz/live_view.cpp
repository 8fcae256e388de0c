#include "viz/live_view.hpp"

#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/Window/Event.hpp>
#include <cmath>
#include <sstream>

#include "viz/display.hpp"
#include "viz/hit_test.hpp"
#include "viz/scene.hpp"

namespace sdsim::viz {

namespace {

std::vector<std::string> all_zones(const trace::Trace& t) {
  std::vector<std::string> zones;
  for (const trace::Region& r : t.topology.regions)
    zones.insert(zones.end(), r.zones.begin(), r.zones.end());
  return zones;
}

// The first flow's offered rate over the newest window (completed and failed per simulated second).
double offered_rate(const trace::Trace& t) {
  if (t.windows.empty() || t.windows.back().flows.empty() || t.window_s <= 0) return 0;
  const trace::FlowPoint& p = t.windows.back().flows.front();
  return static_cast<double>(p.completed + p.failed_total()) / t.window_s;
}

std::string rate_text(double rate) {
  std::ostringstream out;
  out << std::llround(rate);
  return out.str();
}

}  // namespace

std::string watch_live(trace::Trace trace, LiveFeed& feed, bool slides, const std::string& inspect) {
  if (!inspect.empty() && !trace.find_block(inspect))
    return "--inspect: the design has no block named '" + inspect + "'";
  if (std::string problem = display_problem(); !problem.empty()) return problem;
  hold_display();
  Theme theme = slides ? Theme::slides() : Theme::standard();
  if (std::string problem = theme.load_fonts(); !problem.empty()) return problem;
  unsigned width = slides ? 1920 : 1600;
  unsigned height = slides ? 1080 : 900;
  sf::ContextSettings settings;
  settings.antialiasingLevel = 4;
  sf::RenderWindow window(sf::VideoMode(width, height), "sdsim live: " + trace.design, sf::Style::Default,
                          settings);
  window.setFramerateLimit(30);
  feed.poll(trace);
  Scene scene(trace, static_cast<float>(width), static_cast<float>(height), theme);
  FrameState state;
  // The topology comes from the design and never changes: a glyph index stays valid as the scene is rebuilt.
  if (!inspect.empty()) state.inspect = glyph_of(trace.topology, scene.layout, inspect);
  const std::vector<std::string> zones = all_zones(trace);
  std::size_t picked = 0;
  bool paused = false;
  std::string title;
  while (window.isOpen()) {
    sf::Event event;
    while (window.pollEvent(event)) {
      if (event.type == sf::Event::Closed) window.close();
      if (event.type == sf::Event::Resized) {
        width = event.size.width;
        height = event.size.height;
        window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(width), static_cast<float>(height))));
        scene = Scene(trace, static_cast<float>(width), static_cast<float>(height), theme);
      }
      if (event.type == sf::Event::TextEntered && event.text.unicode == '?') state.help = !state.help;
      if (event.type == sf::Event::TextEntered && event.text.unicode >= '1' && event.text.unicode <= '9') {
        const std::size_t z = event.text.unicode - '1';
        if (z < zones.size()) picked = z;
      }
      // A click on a block opens its inspector; on the same block again, or on empty space, closes it.
      if (event.type == sf::Event::MouseButtonPressed) {
        const Point at{static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y)};
        if (scene.geometry.architecture.contains(at)) {
          const auto hit = glyph_at(scene.layout, at, static_cast<float>(theme.small));
          state.inspect = hit == state.inspect ? std::nullopt : hit;
        }
      }
      if (event.type != sf::Event::KeyPressed) continue;
      switch (event.key.code) {
        case sf::Keyboard::Escape:
          window.close();
          break;
        case sf::Keyboard::Space:
          paused = !paused;
          feed.send(paused ? "pause" : "resume");
          break;
        case sf::Keyboard::F:
          if (picked < zones.size()) feed.send("fail zone " + zones[picked]);
          break;
        case sf::Keyboard::C:
          feed.clear_newest_fault();
          break;
        case sf::Keyboard::Up:
        case sf::Keyboard::Down:
          if (!trace.flows.empty() && offered_rate(trace) > 0) {
            const double factor = event.key.code == sf::Keyboard::Up ? 1.25 : 0.8;
            feed.send("load " + trace.flows.front().name + " " + rate_text(offered_rate(trace) * factor));
          }
          break;
        default:
          break;
      }
    }
    if (feed.poll(trace)) scene = Scene(trace, static_cast<float>(width), static_cast<float>(height), theme);
    std::string now = "sdsim live: " + trace.design +
                      (picked < zones.size() ? "  [zone " + zones[picked] + "]" : "") + "  " +
                      (feed.connected() ? feed.status() : "disconnected: " + feed.status());
    if (now != title) {
      title = now;
      window.setTitle(title);
    }
    state.t_s = trace.windows.empty() ? trace.start_s : trace.windows.back().end_s;
    state.playing = !paused;
    draw_scene(window, theme, scene, state);
    window.display();
  }
  return "";
}

}  // namespace sdsim::viz
