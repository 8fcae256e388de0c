#pragma once
// Helpers shared by the loader tests: reading the example files, finding a diagnostic by pointer, and the
// checks every diagnostic must pass (a message, a hint, a file name).
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/design/diagnostics.hpp"

namespace sdsim::test {

inline std::string source_path(const std::string& relative) {
  return std::string(SDSIM_SOURCE_DIR) + "/" + relative;
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The diagnostics, one per line, as a failing assertion shows them.
inline std::string listing(const Diagnostics& diagnostics) {
  std::string out = diagnostics.format();
  return out.empty() ? "(no diagnostics)\n" : out;
}

inline const Diagnostic* find_at(const Diagnostics& diagnostics, const std::string& pointer) {
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.pointer == pointer) return &d;
  }
  return nullptr;
}

// Requires exactly one diagnostic at `pointer` whose message contains `message_part`.
inline const Diagnostic& require_one(const Diagnostics& diagnostics, const std::string& pointer,
                                     const std::string& message_part) {
  INFO(listing(diagnostics));
  const Diagnostic* found = nullptr;
  int count = 0;
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.pointer == pointer && d.message.find(message_part) != std::string::npos) {
      found = &d;
      ++count;
    }
  }
  INFO("looking for " << (pointer.empty() ? "\"\"" : pointer) << " \"" << message_part << "\"");
  REQUIRE(count == 1);
  return *found;
}

// Every diagnostic says what is wrong and how to fix it.
inline void require_messages_and_hints(const Diagnostics& diagnostics) {
  for (const Diagnostic& d : diagnostics.items()) {
    INFO(d.pointer << ": " << d.message);
    CHECK_FALSE(d.message.empty());
    CHECK_FALSE(d.hint.empty());
  }
}

}  // namespace sdsim::test
