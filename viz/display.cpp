#include "viz/display.hpp"

#include <X11/Xlib.h>
#include <malloc.h>

#include <SFML/Window/Context.hpp>
#include <chrono>
#include <cstdlib>
#include <thread>

namespace sdsim::viz {

std::string display_problem() {
  // Once reached, the connection stays open for the life of the process: on a busy X server (Xvfb on a loaded
  // machine) a connection made right after another was closed is refused now and then (EAGAIN), and SFML
  // aborts the process when its own connection is refused.
  static Display* reached = nullptr;
  if (reached != nullptr) return "";
  const char* name = std::getenv("DISPLAY");
  if (name == nullptr || *name == '\0') {
    return "no display: DISPLAY is not set. Draw off screen instead, e.g. "
           "'xvfb-run -a sdsim viz DESIGN --scenario S --png out.png'";
  }
  for (int attempt = 0; attempt < 8 && reached == nullptr; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(25 * attempt));
    reached = XOpenDisplay(nullptr);
  }
  if (reached == nullptr) {
    return std::string("cannot open the display \"") + name +
           "\". Draw off screen instead, e.g. 'xvfb-run -a sdsim viz DESIGN --scenario S --png out.png'";
  }
  return "";
}

void hold_display() {
  // Mesa's software renderer allocates and frees frame-sized buffers on every frame; by default glibc returns
  // them to the kernel each time and page-faults them back in, which halves the frame rate
  // (bench/RESULTS.md). Keep them in the heap instead.
  static const bool tuned = [] {
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
    return true;
  }();
  (void)tuned;
  // Never destroyed: SFML's own statics may be gone by the time a static object would be.
  static const sf::Context* const context = new sf::Context();
  (void)context;
}

}  // namespace sdsim::viz
