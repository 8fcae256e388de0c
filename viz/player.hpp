#pragma once
// The interactive window: plays a trace through time. Space plays and pauses, + and - change the speed, the
// arrows step one window, Home and End jump, a click or drag on the timeline strip scrubs, ? shows the keys,
// Esc quits.
#include <string>

#include "trace/trace.hpp"

namespace sdsim::viz {

// Blocks until the window closes. Returns an empty string, or why no window could be opened.
std::string play(const trace::Trace& trace, bool slides);

}  // namespace sdsim::viz
