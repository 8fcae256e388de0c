#pragma once
// The interactive window: plays a trace through time. Space plays and pauses, + and - change the speed, the
// arrows step one window, Home and End jump, a click or drag on the timeline strip scrubs, ? shows the keys,
// Esc quits.
#include <string>

#include "trace/trace.hpp"

namespace sdsim::viz {

// Blocks until the window closes. `inspect`: a block whose inspector is shown at the start (empty: none; a
// name the trace lacks is refused before any window opens). Returns an empty string, or what went wrong.
std::string play(const trace::Trace& trace, bool slides, const std::string& inspect = "");

}  // namespace sdsim::viz
