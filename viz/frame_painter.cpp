#include "viz/frame_painter.hpp"

#include <SFML/Graphics/Sprite.hpp>

#include "viz/draw.hpp"

namespace sdsim::viz {

bool FramePainter::prepare(const Scene& scene, sf::Vector2u size) {
  sf::ContextSettings settings;
  settings.antialiasingLevel = 4;
  if (!base_.create(size.x, size.y, settings) && !base_.create(size.x, size.y)) return false;
  base_.clear(to_sf(palette::background));
  {
    Canvas canvas(base_);
    draw_scene_base(canvas, theme_, scene);
  }
  base_.display();
  return true;
}

void FramePainter::draw(sf::RenderTarget& target, const Scene& scene, const FrameState& state) {
  if (!ready_ || size_ != target.getSize()) {
    size_ = target.getSize();
    cached_ = prepare(scene, size_);
    ready_ = true;
  }
  if (!cached_) {
    draw_scene(target, theme_, scene, state);
    return;
  }
  // Cleared first, so the software renderer need not read back the last frame before the copy covers it.
  target.clear(to_sf(palette::background));
  target.draw(sf::Sprite(base_.getTexture()), sf::RenderStates(sf::BlendNone));
  Canvas canvas(target);
  draw_scene_state(canvas, theme_, scene, state);
  // The labels are drawn each time: a texture of them costs a software renderer more than their draw calls.
  draw_scene_labels(canvas, theme_, scene);
  draw_scene_top(canvas, theme_, scene, state);
}

}  // namespace sdsim::viz
