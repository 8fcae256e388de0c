#pragma once
// `--set PATH=VALUE` on the command line: a change to one value of the design or scenario file, applied to
// the parsed document before it is validated, so an override is checked exactly as the file would be.
#include <optional>
#include <string>
#include <vector>

#include "sim/design/diagnostics.hpp"
#include "sim/design/document.hpp"

namespace sdsim {

struct Override {  // NOLINT(bugprone-exception-escape): its implicit moves only move a Json
  enum class Target { design, scenario };
  Target target = Target::design;
  std::vector<std::string> path;  // keys (and array indices) from the top of the file
  Json value;                     // VALUE as JSON when it parses as JSON, else as a string
  std::string text;               // as written, for messages
};

// Parses "PATH=VALUE". PATH is "blocks/api/instances" (or "blocks.api.instances" when it holds no '/'),
// optionally prefixed "design:" or "scenario:"; without a prefix the first key decides (blocks, flows,
// regions, network... are the design's; load, duration_s, keys, faults... the scenario's). On error returns
// nothing and sets `error`.
std::optional<Override> parse_override(const std::string& text, std::string& error);

// Sets every override aimed at `target` in the document. A path through a key or index that does not exist
// is an error naming the nearest keys; the last key may be new (it is then validated like any other key).
void apply_overrides(JsonDocument& document, const std::vector<Override>& overrides, Override::Target target,
                     Diagnostics& diagnostics);

// Appends "(value from --set ...)" to every diagnostic at or under an overridden path, so that a message
// about a value the file does not hold says where it came from.
void mark_overridden(Diagnostics& diagnostics, const std::vector<Override>& overrides,
                     Override::Target target);

}  // namespace sdsim
