#pragma once
// The interactive window on a live session: the views of a recorded trace, on a trace that grows as the
// session's snapshots come, always at its newest moment; keys send commands. Space pauses and resumes, 1 to 9
// pick an Availability Zone, F fails the picked zone, C clears the newest fault, Up and Down raise and lower
// the first flow's load by a quarter, Esc quits; a click on a block inspects it.
#include <string>

#include "trace/trace.hpp"

namespace sdsim::viz {

// What the window needs from a session; implemented over the network by the application.
class LiveFeed {
 public:
  virtual ~LiveFeed() = default;
  // Brings `trace` up to date with what arrived since the last call, without blocking; true when it changed.
  virtual bool poll(trace::Trace& trace) = 0;
  // Sends a command line (as typed to 'sdsim ctl'); its reply shows in status().
  virtual void send(const std::string& command) = 0;
  // Clears the newest fault in force, if any.
  virtual void clear_newest_fault() = 0;
  // The last reply or connection problem, shown in the window's title.
  virtual std::string status() const = 0;
  // Whether the session is still there.
  virtual bool connected() const = 0;
};

// Blocks until the window closes; `inspect` (a block name, or empty) opens with that block's inspector shown,
// and a click on a block opens or closes its inspector. Returns an empty string, or why no window could be
// opened.
std::string watch_live(trace::Trace trace, LiveFeed& feed, bool slides, const std::string& inspect = "");

}  // namespace sdsim::viz
