#pragma once
// Reading a user's JSON file: size and nesting limits, parse errors with line:column, duplicate keys, and the
// locator that later turns JSON pointers in diagnostics into line:column.
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sim/design/diagnostics.hpp"
#include "sim/design/json_locator.hpp"

namespace sdsim {

using Json = nlohmann::ordered_json;  // keeps the author's key order (it is the report order)

inline constexpr std::size_t max_file_bytes = 16u << 20;  // 16 MiB: far beyond any hand-written design
inline constexpr int max_nesting = 64;

struct JsonDocument {  // NOLINT(bugprone-exception-escape): moves of nlohmann::json may allocate
  std::string file;
  std::string text;
  Json root;
  std::shared_ptr<const JsonLocator> locator;
};

// Parses `text` (named `file` in messages). On failure, returns nothing and adds the reasons to
// `diagnostics`.
std::optional<JsonDocument> parse_json_document(std::string file, std::string text, Diagnostics& diagnostics);
// Reads and parses a file; a missing or unreadable file is a diagnostic, not an exception.
std::optional<JsonDocument> read_json_document(const std::string& path, Diagnostics& diagnostics);
// Fills in file, line and column of every diagnostic from the document.
void locate(Diagnostics& diagnostics, const JsonDocument& document);

}  // namespace sdsim
