#include "sim/design/diagnostics.hpp"

#include <algorithm>
#include <sstream>

namespace sdsim {

void Diagnostics::error(std::string pointer, std::string message, std::string hint) {
  Diagnostic d;
  d.pointer = std::move(pointer);
  d.message = std::move(message);
  d.hint = std::move(hint);
  items_.push_back(std::move(d));
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

std::string Diagnostics::format() const {
  std::ostringstream out;
  for (const Diagnostic& d : items_) {
    out << (d.file.empty() ? "<input>" : d.file);
    if (d.line > 0) out << ':' << d.line << ':' << d.column;
    out << ": error: ";
    if (!d.pointer.empty()) out << d.pointer << ": ";
    out << d.message << '\n';
    if (!d.hint.empty()) out << "    fix: " << d.hint << '\n';
  }
  return out.str();
}

namespace {

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours
// ("wbe"/"web").
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i)
    d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j)
    d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  // A word of three letters or more that starts a candidate is an abbreviation ("rate" for "rate_per_s").
  std::string best;
  if (word.size() >= 3) {
    for (const std::string& c : candidates) {
      if (c.size() > word.size() && c.compare(0, word.size(), word) == 0 &&
          (best.empty() || c.size() < best.size())) {
        best = c;
      }
    }
    if (!best.empty()) return best;
  }
  // Otherwise a typo: few edits for the word's length (one for short words, so "zz" suggests nothing).
  std::size_t allowed = word.size() <= 4 ? 1 : word.size() <= 8 ? 2 : 3;
  std::size_t best_distance = allowed + 1;
  for (const std::string& c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best_distance && d < c.size()) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace sdsim
