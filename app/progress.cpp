#include "app/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace sdsim::app {

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)),
      enabled_(::isatty(STDERR_FILENO) == 1),
      start_(Clock::now()),
      last_draw_(start_) {}

ProgressBar::~ProgressBar() {
  if (drawn_) std::fprintf(stderr, "\r\033[K");
}

void ProgressBar::update(double fraction, const std::string& detail) {
  if (!enabled_) return;
  auto now = Clock::now();
  double elapsed = std::chrono::duration<double>(now - start_).count();
  if (elapsed < 1.0 || now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  constexpr int width = 30;
  int filled = static_cast<int>(fraction * width);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(width, '.');
  double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0;
  std::fprintf(stderr, "\r\033[K%s [%s] %3d%%%s%s  %.0f s left", label_.c_str(), bar.c_str(),
               static_cast<int>(fraction * 100), detail.empty() ? "" : "  ", detail.c_str(), eta);
  std::fflush(stderr);
}

}  // namespace sdsim::app
