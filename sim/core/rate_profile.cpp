#include "sim/core/rate_profile.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "sim/core/portable_math.hpp"

namespace sdsim {

namespace {

constexpr double ns_per_s_d = 1e9;
constexpr int pieces_per_period = 288;

double line_at(const RateProfile::Knot& a, const RateProfile::Knot& b, double t) {
  if (b.time_s <= a.time_s) return b.rate_per_s;
  return a.rate_per_s + (b.rate_per_s - a.rate_per_s) * (t - a.time_s) / (b.time_s - a.time_s);
}

}  // namespace

RateProfile RateProfile::constant(double rate_per_s) {
  return RateProfile(std::vector<Knot>{{0, rate_per_s}});
}

RateProfile RateProfile::ramp(double from_per_s, double to_per_s, double start_s, double end_s) {
  return RateProfile({{start_s, from_per_s}, {end_s, to_per_s}});
}

RateProfile RateProfile::spike(double base_per_s, double peak_per_s, double at_s, double duration_s,
                               double ramp_s) {
  return RateProfile({{at_s, base_per_s},
                      {at_s + ramp_s, peak_per_s},
                      {at_s + ramp_s + duration_s, peak_per_s},
                      {at_s + 2 * ramp_s + duration_s, base_per_s}});
}

RateProfile RateProfile::diurnal(double trough_per_s, double peak_per_s, double period_s, double peak_at_s,
                                 double horizon_s) {
  double mean = (peak_per_s + trough_per_s) / 2;
  double swing = (peak_per_s - trough_per_s) / 2;
  double step = period_s / pieces_per_period;
  std::vector<Knot> knots;
  auto pieces = static_cast<std::size_t>(std::ceil(horizon_s / step));
  knots.reserve(pieces + 1);
  for (std::size_t i = 0; i <= pieces; ++i) {
    double t = static_cast<double>(i) * step;
    // std::cos may differ in the last bit between libm builds; the phase is exact at every knot that falls
    // on a multiple of the period, and rates are rounded to a micro-request/s so results stay portable.
    double phase = 2 * std::numbers::pi * (t - peak_at_s) / period_s;
    double rate = mean + swing * std::cos(phase);
    knots.push_back({t, std::round(std::max(0.0, rate) * 1e6) / 1e6});
  }
  return RateProfile(std::move(knots));
}

RateProfile RateProfile::from_knots(std::vector<Knot> knots) {
  if (knots.empty()) return constant(0);
  return RateProfile(std::move(knots));
}

double RateProfile::rate_at(double time_s) const {
  if (time_s < knots_.front().time_s) return knots_.front().rate_per_s;
  auto after = std::upper_bound(knots_.begin(), knots_.end(), time_s,
                                [](double t, const Knot& k) { return t < k.time_s; });
  if (after == knots_.end()) return knots_.back().rate_per_s;
  return line_at(*(after - 1), *after, time_s);
}

double RateProfile::expected_arrivals(double from_s, double to_s) const {
  if (to_s <= from_s) return 0;
  // Boundaries: the interval's ends and every knot inside; the rate is straight between them.
  std::vector<double> cuts{from_s};
  for (const Knot& k : knots_) {
    if (k.time_s > from_s && k.time_s < to_s) cuts.push_back(k.time_s);
  }
  cuts.push_back(to_s);
  double total = 0;
  for (std::size_t i = 1; i < cuts.size(); ++i) {
    // Evaluate just inside each piece so that a step at a cut is taken from the right side.
    double a = cuts[i - 1], b = cuts[i];
    double width = b - a;
    double left = rate_at(a + width * 1e-12);
    double right = rate_at(b - width * 1e-12);
    total += (left + right) / 2 * width;
  }
  return total;
}

double RateProfile::peak_rate() const {
  double peak = 0;
  for (const Knot& k : knots_)
    peak = std::max(peak, k.rate_per_s);
  return peak;
}

SimTime RateProfile::next_arrival(SimTime now, Rng& rng) const {
  if (is_constant()) {
    double rate = knots_.front().rate_per_s;
    if (rate <= 0) return time_never;
    return now + to_sim_time(-(ns_per_s_d / rate) * portable_log(rng.uniform_open_zero()));
  }
  double t = static_cast<double>(now) / ns_per_s_d;  // s
  // The piece holding t: pieces are (-inf, k0), [k0, k1), ... [k_last, inf).
  auto piece =
      static_cast<std::size_t>(std::upper_bound(knots_.begin(), knots_.end(), t,
                                                [](double x, const Knot& k) { return x < k.time_s; }) -
                               knots_.begin());
  while (true) {
    double end = piece < knots_.size() ? knots_[piece].time_s : HUGE_VAL;
    double left = piece == 0 ? knots_.front().rate_per_s : rate_at(t);
    double right = piece == 0               ? left
                   : piece == knots_.size() ? knots_.back().rate_per_s
                                            : knots_[piece].rate_per_s;
    double bound = std::max(left, right);
    if (bound <= 0) {
      if (piece == knots_.size()) return time_never;
      t = end;
      ++piece;
      continue;
    }
    double candidate = t - portable_log(rng.uniform_open_zero()) / bound;
    if (candidate >= end) {
      // Memoryless: start the next piece afresh from its beginning.
      t = end;
      ++piece;
      continue;
    }
    t = candidate;
    double rate = piece == 0 || piece == knots_.size() ? left : line_at(knots_[piece - 1], knots_[piece], t);
    if (rng.uniform() * bound < rate) {
      SimTime at = to_sim_time(t * ns_per_s_d);
      return at < now ? now : at;
    }
  }
}

}  // namespace sdsim
