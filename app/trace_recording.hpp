#pragma once
// Turns a run with a recorded timeline into a trace (trace/trace.hpp): the design's topology, the scenario's
// fault windows, the per-window series and the headline figures. The application is where sim and trace meet.
#include "sim/design/design.hpp"
#include "sim/design/scenario.hpp"
#include "sim/experiment/experiment.hpp"
#include "trace/trace.hpp"

namespace sdsim::app {

// `result` must hold a timeline (RunOptions::timeline_window_s > 0).
trace::Trace make_trace(const Design& design, const Scenario& scenario, const ExperimentResult& result);

// The design's topology and flows with the scenario's objectives, without windows or faults (a live view
// fills them in).
trace::Trace trace_outline(const Design& design, const Scenario& scenario);

// Runs the scenario's first replication with a timeline (window chosen from its duration) and records it.
trace::Trace record_trace(const Design& design, Scenario scenario, const ProgressFn& progress = {});

}  // namespace sdsim::app
