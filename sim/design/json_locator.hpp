#pragma once
// Maps JSON pointers to line:column in the original text, and finds duplicate object keys (which JSON parsers
// silently collapse). Run it on text that already parsed as JSON.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sdsim {

struct TextPosition {
  int line = 0;  // 1-based
  int column = 0;
};

class JsonLocator {
 public:
  explicit JsonLocator(std::string_view text);
  // Position of the value (or of its key, for object members); falls back to the nearest known ancestor.
  TextPosition find(const std::string& pointer) const;
  struct Duplicate {
    std::string pointer;
    TextPosition at;  // the repeated key, not the first one
  };
  // Object members whose key appeared earlier in the same object.
  const std::vector<Duplicate>& duplicate_keys() const { return duplicates_; }

 private:
  std::map<std::string, TextPosition> positions_;
  std::vector<Duplicate> duplicates_;
};

// Escapes one reference token for a JSON pointer ("~" -> "~0", "/" -> "~1").
std::string pointer_token(std::string_view key);

}  // namespace sdsim
