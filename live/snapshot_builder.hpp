#pragma once
// Turns a window's figures into what clients see: rates per simulated second, success shares, a health word
// per block, the faults in force and the one-offs that just happened. Plain values in, plain values out.
#include <string>
#include <vector>

#include "live/control_panel.hpp"
#include "live/snapshot.hpp"
#include "live/window_meter.hpp"

namespace sdsim::live {

struct BlockName {
  std::string name;
  std::string kind;
};

// `blocks` names every block by BlockId; the first `sources` of them are load sources, left out.
Snapshot build_snapshot(const WindowFigures& window, const std::vector<std::string>& flow_names,
                        const std::vector<BlockName>& blocks, std::size_t sources,
                        const std::vector<FaultEntry>& faults);

}  // namespace sdsim::live
