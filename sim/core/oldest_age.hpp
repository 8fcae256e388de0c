#pragma once
// The age of a collection's oldest item (a queue's oldest message, a stream's iterator age), with its largest
// value and its integral over time since the last restart. The owner tracks which item is oldest and passes
// its birth time (time_never while the collection is empty).
#include <algorithm>

#include "sim/core/time.hpp"

namespace sdsim {

class OldestAge {
 public:
  struct Reading {
    double now_s = 0;   // the oldest item's age now (0 while empty)
    double max_s = 0;   // at its largest since the restart
    double mean_s = 0;  // time-averaged since the restart, counting 0 while empty
  };

  // Integrates the age up to `now`, `born` being the oldest item's birth time since the last call. Call it
  // before anything that may change which item is oldest: between such changes the age grows linearly, so
  // the area is a trapezoid.
  void advance(SimTime now, SimTime born) {
    if (born != time_never) {
      double from = to_s(last_ - born);
      double to = to_s(now - born);
      area_s2_ += 0.5 * (from + to) * to_s(now - last_);
      max_s_ = std::max(max_s_, to);
    }
    last_ = now;
  }

  // Starts a new statistics period at `now`; `born` is the oldest item's birth time after advancing to now.
  void restart(SimTime now, SimTime born) {
    last_ = now;
    since_ = now;
    area_s2_ = 0;
    max_s_ = born != time_never ? to_s(now - born) : 0;
  }

  // The statistics up to `now` (not before the last advance), `born` being the oldest item's birth time.
  Reading read(SimTime now, SimTime born) const {
    Reading r;
    double area = area_s2_;
    r.max_s = max_s_;
    if (born != time_never && last_ <= now) {
      double from = to_s(last_ - born);
      double to = to_s(now - born);
      area += 0.5 * (from + to) * to_s(now - last_);
      r.now_s = to;
      r.max_s = std::max(r.max_s, to);
    }
    double span = to_s(now - since_);
    r.mean_s = span > 0 ? area / span : 0;
    return r;
  }

 private:
  double area_s2_ = 0;  // age x time, s^2
  double max_s_ = 0;
  SimTime last_ = 0;
  SimTime since_ = 0;
};

}  // namespace sdsim
