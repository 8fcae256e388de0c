#pragma once
// Draws frames of one scene again and again: what depends on the scene only (panels, lanes, edges, the charts
// without their cursors) is drawn once into a texture and copied each frame; the state at the moment shown
// and the labels are drawn anew. Call invalidate() whenever the scene is rebuilt (a resize, a live trace).
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/System/Vector2.hpp>

#include "viz/scene.hpp"
#include "viz/theme.hpp"

namespace sdsim::viz {

class FramePainter {
 public:
  // `theme` must outlive the painter.
  explicit FramePainter(const Theme& theme) : theme_(theme) {}

  // Draws the frame `state` of `scene` on `target`, the same picture draw_scene draws.
  void draw(sf::RenderTarget& target, const Scene& scene, const FrameState& state);
  void invalidate() { ready_ = false; }

 private:
  bool prepare(const Scene& scene, sf::Vector2u size);

  const Theme& theme_;
  bool ready_ = false;
  bool cached_ = false;  // false when the textures could not be made: every layer is drawn directly
  sf::Vector2u size_;
  sf::RenderTexture base_;
};

}  // namespace sdsim::viz
