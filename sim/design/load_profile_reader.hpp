#pragma once
// Reads an open load's arrivals from a scenario: a constant "rate_per_s", or a "profile" (ramp, step, spike,
// diurnal) with its keys, or a replayed CSV file of rates or arrival times. Every problem is reported.
#include <string>

#include "sim/design/diagnostics.hpp"
#include "sim/design/object_reader.hpp"
#include "sim/design/scenario.hpp"

namespace sdsim {

// Fills load.profile (or load.trace) and load.rate_per_s (the mean rate over the run). `base_dir` resolves a
// relative CSV path; `horizon_s` is the run's length, warm-up included (a diurnal curve is drawn that far).
void read_open_load(ObjectReader& r, const std::string& base_dir, double horizon_s, LoadSpec& load,
                    Diagnostics& diagnostics);

}  // namespace sdsim
