#pragma once
// Reads a duration distribution written as {"dist": "lognormal", "p50_ms": 4, "p99_ms": 40} and friends.
#include <optional>
#include <string>

#include "sim/core/distribution.hpp"
#include "sim/design/diagnostics.hpp"
#include "sim/design/document.hpp"

namespace sdsim {

// The forms accepted, one per line, for help and error messages.
const char* distribution_forms();

std::optional<Distribution> read_distribution(const Json& value, const std::string& pointer,
                                              Diagnostics& diagnostics, const std::string& what);

}  // namespace sdsim
