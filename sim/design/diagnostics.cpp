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

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const std::string& c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace sdsim
