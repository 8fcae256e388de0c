// Feeds arbitrary bytes to the design and scenario loaders: they must report problems, never crash, hang or
// exhaust memory. When the bytes load as both, the scenario is also checked against the design.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sim/design/design.hpp"
#include "sim/design/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto design = sdsim::load_design_text("fuzz.json", text);
  auto scenario = sdsim::load_scenario_text("fuzz.json", text);
  if (design.value && scenario.value) sdsim::check_scenario_fits(*scenario.value, *design.value);
  // Formatting exercises every diagnostic's text.
  design.diagnostics.format();
  scenario.diagnostics.format();
  return 0;
}
