#include "sim/design/json_locator.hpp"

#include <set>

namespace sdsim {

std::string pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

// A lenient recursive scanner: the text is known to be valid JSON no deeper than the loader's nesting limit,
// so it only tracks structure and positions.
class Scanner {
 public:
  Scanner(std::string_view text, std::map<std::string, TextPosition>& positions,
          std::vector<std::string>& duplicates)
      : text_(text), positions_(positions), duplicates_(duplicates) {}

  void scan_document() {
    skip_space();
    value("", position());
  }

 private:
  TextPosition position() const { return {line_, static_cast<int>(at_ - line_start_) + 1}; }
  bool done() const { return at_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[at_]; }
  void advance() {
    if (text_[at_] == '\n') {
      ++line_;
      line_start_ = at_ + 1;
    }
    ++at_;
  }
  void skip_space() {
    while (!done() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
      advance();
  }

  std::string string_literal() {
    std::string out;
    advance();  // opening quote
    while (!done() && peek() != '"') {
      if (peek() == '\\') {
        advance();
        if (done()) break;
        char e = peek();
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e;  // exact decoding of \u escapes is not needed for keys
      } else {
        out += peek();
      }
      advance();
    }
    if (!done()) advance();  // closing quote
    return out;
  }

  void value(const std::string& pointer, TextPosition where) {
    positions_.emplace(pointer, where);
    char c = peek();
    if (c == '{') {
      advance();
      std::set<std::string> seen;
      for (;;) {
        skip_space();
        if (done() || peek() == '}') break;
        if (peek() == ',') {
          advance();
          continue;
        }
        TextPosition key_at = position();
        std::string key = string_literal();
        std::string child = pointer + "/" + pointer_token(key);
        if (!seen.insert(key).second) duplicates_.push_back(child);
        skip_space();
        if (peek() == ':') advance();
        skip_space();
        value(child, key_at);
      }
      if (!done()) advance();
    } else if (c == '[') {
      advance();
      std::size_t index = 0;
      for (;;) {
        skip_space();
        if (done() || peek() == ']') break;
        if (peek() == ',') {
          advance();
          continue;
        }
        value(pointer + "/" + std::to_string(index++), position());
      }
      if (!done()) advance();
    } else if (c == '"') {
      string_literal();
    } else {
      while (!done() && peek() != ',' && peek() != '}' && peek() != ']' && peek() != ' ' && peek() != '\n' &&
             peek() != '\r' && peek() != '\t') {
        advance();
      }
    }
  }

  std::string_view text_;
  std::map<std::string, TextPosition>& positions_;
  std::vector<std::string>& duplicates_;
  std::size_t at_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
};

}  // namespace

JsonLocator::JsonLocator(std::string_view text) {
  Scanner(text, positions_, duplicates_).scan_document();
}

TextPosition JsonLocator::find(const std::string& pointer) const {
  std::string p = pointer;
  for (;;) {
    auto it = positions_.find(p);
    if (it != positions_.end()) return it->second;
    auto slash = p.rfind('/');
    if (slash == std::string::npos) return {};
    p.resize(slash);
  }
}

}  // namespace sdsim
