#pragma once
// Whether an X display can be opened: SFML aborts the process when asked for a window or an off-screen
// texture without one, so every entry point checks first.
#include <string>

namespace sdsim::viz {

// Empty when a display is reachable; else why not, with the way out (--png under xvfb-run). Once a display
// is reached it stays reached (the connection is kept): later calls return "" at once.
std::string display_problem();

// Keeps one graphics context (and so SFML's display connection) open until the process exits, so that
// repeated drawing does not reconnect each time. Call only once display_problem() is empty.
void hold_display();

}  // namespace sdsim::viz
