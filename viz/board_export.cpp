#include "viz/board_export.hpp"

#include <algorithm>

#include "viz/architecture_view.hpp"
#include "viz/chart_view.hpp"
#include "viz/comparison_data.hpp"
#include "viz/draw.hpp"
#include "viz/offscreen.hpp"
#include "viz/scene.hpp"

namespace sdsim::viz {

namespace fs = std::filesystem;

std::vector<Rect> side_by_side(float width, float height, const Theme& theme, std::size_t charts) {
  const SceneGeometry g = scene_geometry(width, height, theme, 1);
  const float gap = static_cast<float>(theme.small) * 0.6f;
  const float top = g.title.bottom() + gap;
  const auto n = static_cast<float>(std::max<std::size_t>(1, charts));
  const float w = (width - gap * (n + 1)) / n;
  std::vector<Rect> out;
  for (std::size_t i = 0; i < charts; ++i)
    out.push_back(Rect{gap + static_cast<float>(i) * (w + gap), top, w, height - top - gap});
  return out;
}

std::string export_charts_png(const std::string& title, const std::vector<ChartModel>& charts,
                              const std::string& path, const ExportOptions& options) {
  const fs::path target(path);
  if (target.extension() != ".png") return path + ": the file name must end in .png";
  Renderer r;
  if (std::string problem = prepare(r, options); !problem.empty()) return problem;
  const auto width = static_cast<float>(r.width);
  const auto height = static_cast<float>(r.height);
  const SceneGeometry g = scene_geometry(width, height, r.theme, 1);
  r.texture.clear(to_sf(palette::background));
  {
    Canvas canvas(r.texture);
    fill_rect(canvas, g.title, palette::panel);
    const auto small = static_cast<float>(r.theme.small);
    text(canvas, r.theme.bold, title, r.theme.title, {small, small * 0.5f}, palette::text);
    const std::vector<Rect> areas = side_by_side(width, height, r.theme, charts.size());
    for (std::size_t i = 0; i < charts.size(); ++i)
      draw_chart(canvas, r.theme, charts[i], areas[i], -1);
  }
  r.texture.display();
  return save(r.texture, target);
}

std::string export_comparison_png(const std::vector<trace::Trace>& runs, const std::string& path,
                                  const ExportOptions& options) {
  const fs::path target(path);
  if (target.extension() != ".png") return path + ": the file name must end in .png";
  if (runs.size() < 2) return "a comparison needs two designs or more";
  Renderer r;
  if (std::string problem = prepare(r, options); !problem.empty()) return problem;
  const auto width = static_cast<float>(r.width);
  const auto height = static_cast<float>(r.height);
  const std::vector<ChartModel> charts = comparison_charts(runs);
  const SceneGeometry g = scene_geometry(width, height, r.theme, 1);
  const auto small = static_cast<float>(r.theme.small);
  const float gap = small * 0.6f;
  const float top = g.title.bottom() + gap;
  const float thumbs_h = (height - top) * 0.45f;
  r.texture.clear(to_sf(palette::background));
  {
    Canvas canvas(r.texture);
    fill_rect(canvas, g.title, palette::panel);
    text(canvas, r.theme.bold, "Comparison  ·  " + runs.front().scenario, r.theme.title,
         {small, small * 0.5f}, palette::text);
    const auto n = static_cast<float>(runs.size());
    const float w = (width - gap * (n + 1)) / n;
    for (std::size_t i = 0; i < runs.size(); ++i) {
      const Rect area{gap + static_cast<float>(i) * (w + gap), top + small * 1.8f, w,
                      thumbs_h - small * 1.8f};
      const Layout layout = lay_out(runs[i].topology, area);
      draw_architecture(canvas, r.theme, runs[i], layout, default_moment(runs[i]), 0, 0);
      fill_rect(canvas, Rect{area.x, top + small * 0.3f, small, small}, design_colour(i));
      text(canvas, r.theme.bold, runs[i].design, r.theme.label, {area.x + small * 1.5f, top}, palette::text);
    }
    const std::vector<Rect> areas = side_by_side(width, height - thumbs_h, r.theme, charts.size());
    for (std::size_t i = 0; i < charts.size(); ++i) {
      Rect a = areas[i];
      a.y += thumbs_h;
      draw_chart(canvas, r.theme, charts[i], a, -1);
    }
  }
  r.texture.display();
  return save(r.texture, target);
}

}  // namespace sdsim::viz
