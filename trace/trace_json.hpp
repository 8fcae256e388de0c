#pragma once
// A trace as JSON lines: a header line naming the format ("sdsim.trace/1"), then the topology, faults, flows,
// one line per window, and the summary last. Reading checks the version and says where a file is cut off.
#include <optional>
#include <string>

#include "trace/trace.hpp"

namespace sdsim::trace {

// The whole file's text, every line ending in '\n'.
std::string to_json_lines(const Trace& trace);

struct ReadResult {
  std::optional<Trace> trace;
  std::string error;  // what is wrong and how to fix it, naming the file; empty on success
};

ReadResult read_trace_text(const std::string& name, const std::string& text);
ReadResult read_trace_file(const std::string& path);

}  // namespace sdsim::trace
