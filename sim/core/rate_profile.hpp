#pragma once
// A time-varying arrival rate and the arrivals it makes. The rate is drawn as straight pieces between knots
// (time, rate): before the first knot it is the first knot's rate, after the last the last's; two knots at
// one time make a step. Arrivals form a non-homogeneous Poisson process, drawn exactly by thinning piece by
// piece (Lewis and Shedler), so every shape (ramp, step, spike, diurnal, a replayed rate curve) is one code.
#include <vector>

#include "sim/core/rng.hpp"
#include "sim/core/time.hpp"

namespace sdsim {

class RateProfile {
 public:
  struct Knot {
    double time_s;      // from the start of the run, warm-up included
    double rate_per_s;  // >= 0
  };

  RateProfile() : RateProfile(constant(1)) {}
  static RateProfile constant(double rate_per_s);
  // `from` until start_s, a straight line to `to` at end_s, then `to`.
  static RateProfile ramp(double from_per_s, double to_per_s, double start_s, double end_s);
  // `base` outside the spike; `peak` from at_s for duration_s, reached and left in ramp_s each way.
  static RateProfile spike(double base_per_s, double peak_per_s, double at_s, double duration_s,
                           double ramp_s);
  // A daily cosine between trough and peak with the peak at peak_at_s (and every period_s from it), drawn
  // as 288 straight pieces per period (every 5 minutes of a day) up to horizon_s: the largest difference
  // from the cosine is 0.006% of its swing.
  static RateProfile diurnal(double trough_per_s, double peak_per_s, double period_s, double peak_at_s,
                             double horizon_s);
  // Knots in non-decreasing time order (not checked here: the loader refuses others).
  static RateProfile from_knots(std::vector<Knot> knots);

  const std::vector<Knot>& knots() const { return knots_; }
  bool is_constant() const { return knots_.size() == 1; }
  double rate_at(double time_s) const;
  // The expected number of arrivals in [from_s, to_s].
  double expected_arrivals(double from_s, double to_s) const;
  double peak_rate() const;

  // The first arrival after `now` (ns), or time_never when the rate stays 0 from there on. A constant rate
  // draws one uniform per arrival.
  SimTime next_arrival(SimTime now, Rng& rng) const;

 private:
  explicit RateProfile(std::vector<Knot> knots) : knots_(std::move(knots)) {}

  std::vector<Knot> knots_;  // never empty
};

}  // namespace sdsim
