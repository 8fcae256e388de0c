#pragma once
// Problems found in a user's file, each with where (JSON pointer, line and column), what is wrong and how to
// fix it. Loaders collect every problem before reporting, so the user fixes them all in one pass.
#include <string>
#include <vector>

namespace sdsim {

struct Diagnostic {
  std::string file;
  std::string pointer;  // RFC 6901 JSON pointer, "" for the whole document
  int line = 0;         // 1-based; 0 when unknown
  int column = 0;
  std::string message;  // what is wrong
  std::string hint;     // how to fix it (may be empty)
};

class Diagnostics {
 public:
  void error(std::string pointer, std::string message, std::string hint = {});
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& items() { return items_; }
  void append(const Diagnostics& other);
  // "file:line:col: error: /pointer: message\n    fix: hint" for every problem.
  std::string format() const;

 private:
  std::vector<Diagnostic> items_;
};

// The closest candidate to `word` by edit distance, or "" when none is close enough to be a likely typo.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace sdsim
