#include "viz/player.hpp"

#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/System/Clock.hpp>
#include <SFML/Window/Event.hpp>
#include <SFML/Window/Mouse.hpp>
#include <algorithm>

#include "viz/display.hpp"
#include "viz/frame_painter.hpp"
#include "viz/hit_test.hpp"
#include "viz/scene.hpp"

namespace sdsim::viz {

std::string play(const trace::Trace& trace, bool slides, const std::string& inspect) {
  if (!inspect.empty() && !trace.find_block(inspect))
    return "--inspect: the design has no block named '" + inspect + "'";
  if (std::string problem = display_problem(); !problem.empty()) return problem;
  hold_display();
  Theme theme = slides ? Theme::slides() : Theme::standard();
  if (std::string problem = theme.load_fonts(); !problem.empty()) return problem;
  const unsigned width = slides ? 1920 : 1600;
  const unsigned height = slides ? 1080 : 900;
  sf::ContextSettings settings;
  settings.antialiasingLevel = 4;
  sf::RenderWindow window(sf::VideoMode(width, height), "sdsim: " + trace.design, sf::Style::Default,
                          settings);
  window.setFramerateLimit(60);
  Scene scene(trace, static_cast<float>(width), static_cast<float>(height), theme);
  FramePainter painter(theme);
  FrameState state;
  if (!inspect.empty()) state.inspect = glyph_of(trace.topology, scene.layout, inspect);
  state.t_s = trace.start_s;
  state.playing = true;
  state.speed = std::max(1e-3, (trace.end_s - trace.start_s) / 60);  // the whole run in a minute
  const double step = std::max(trace.window_s, 1e-3);
  sf::Clock clock;
  while (window.isOpen()) {
    sf::Event event;
    while (window.pollEvent(event)) {
      if (event.type == sf::Event::Closed) window.close();
      if (event.type == sf::Event::Resized) {
        window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(event.size.width),
                                              static_cast<float>(event.size.height))));
        scene =
            Scene(trace, static_cast<float>(event.size.width), static_cast<float>(event.size.height), theme);
        painter.invalidate();
      }
      if (event.type == sf::Event::TextEntered && event.text.unicode == '?') state.help = !state.help;
      if (event.type == sf::Event::TextEntered && (event.text.unicode == '+' || event.text.unicode == '='))
        state.speed *= 2;
      if (event.type == sf::Event::TextEntered && event.text.unicode == '-') state.speed /= 2;
      // Click or drag on the timeline strip to scrub.
      const bool press = event.type == sf::Event::MouseButtonPressed;
      if (press || (event.type == sf::Event::MouseMoved && sf::Mouse::isButtonPressed(sf::Mouse::Left))) {
        const float x = static_cast<float>(press ? event.mouseButton.x : event.mouseMove.x);
        const float y = static_cast<float>(press ? event.mouseButton.y : event.mouseMove.y);
        const Rect& strip = scene.geometry.timeline;
        // A click on a block opens its inspector; on the same block again, or on empty space, closes it.
        if (press && scene.geometry.architecture.contains({x, y})) {
          const auto hit = glyph_at(scene.layout, {x, y}, static_cast<float>(theme.small));
          state.inspect = hit == state.inspect ? std::nullopt : hit;
        } else if (strip.contains({x, y}) || (!press && y >= strip.y - strip.h)) {
          const double f = std::clamp((x - strip.x) / std::max(1.0f, strip.w), 0.0f, 1.0f);
          state.t_s = f * trace.end_s;
          state.playing = false;
        }
      }
      if (event.type != sf::Event::KeyPressed) continue;
      switch (event.key.code) {
        case sf::Keyboard::Escape:
          window.close();
          break;
        case sf::Keyboard::Space:
          state.playing = !state.playing;
          break;
        case sf::Keyboard::Right:
          state.t_s += step;
          state.playing = false;
          break;
        case sf::Keyboard::Left:
          state.t_s -= step;
          state.playing = false;
          break;
        case sf::Keyboard::Home:
          state.t_s = trace.start_s;
          break;
        case sf::Keyboard::End:
          state.t_s = trace.end_s;
          break;
        default:
          break;
      }
    }
    const double dt = clock.restart().asSeconds();
    if (state.playing) state.t_s += dt * state.speed;
    if (state.t_s >= trace.end_s) state.playing = false;
    state.t_s = std::clamp(state.t_s, trace.start_s, trace.end_s);
    painter.draw(window, scene, state);
    window.display();
  }
  return "";
}

}  // namespace sdsim::viz
