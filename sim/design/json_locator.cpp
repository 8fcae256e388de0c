#include "sim/design/json_locator.hpp"

#include <cstdint>
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
          std::vector<JsonLocator::Duplicate>& duplicates)
      : text_(text), positions_(positions), duplicates_(duplicates) {}

  void scan_document() {
    // A UTF-8 byte order mark is not part of the document (parsers skip it) and takes no column.
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") at_ = line_start_ = 3;
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
      if (peek() != '\\') {
        out += peek();
        advance();
        continue;
      }
      advance();
      if (done()) break;
      char e = peek();
      advance();
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u':
          append_utf8(out, unicode_escape());
          break;
        default:
          out += e;
      }
    }
    if (!done()) advance();  // closing quote
    return out;
  }

  // The code point of a \uXXXX escape (the "\u" already read), joining a surrogate pair.
  std::uint32_t unicode_escape() {
    std::uint32_t unit = hex4();
    if (unit >= 0xD800 && unit < 0xDC00 && text_.substr(at_, 2) == "\\u") {
      advance();
      advance();
      std::uint32_t low = hex4();
      return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
    }
    return unit;
  }

  std::uint32_t hex4() {
    std::uint32_t v = 0;
    for (int i = 0; i < 4 && !done(); ++i) {
      char c = peek();
      advance();
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<std::uint32_t>(c - '0');
      if (c >= 'a' && c <= 'f') v |= static_cast<std::uint32_t>(c - 'a' + 10);
      if (c >= 'A' && c <= 'F') v |= static_cast<std::uint32_t>(c - 'A' + 10);
    }
    return v;
  }

  static void append_utf8(std::string& out, std::uint32_t cp) {
    auto byte = [&](std::uint32_t b) { out += static_cast<char>(b); };
    if (cp < 0x80) {
      byte(cp);
    } else if (cp < 0x800) {
      byte(0xC0 | (cp >> 6));
      byte(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      byte(0xE0 | (cp >> 12));
      byte(0x80 | ((cp >> 6) & 0x3F));
      byte(0x80 | (cp & 0x3F));
    } else {
      byte(0xF0 | (cp >> 18));
      byte(0x80 | ((cp >> 12) & 0x3F));
      byte(0x80 | ((cp >> 6) & 0x3F));
      byte(0x80 | (cp & 0x3F));
    }
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
        if (!seen.insert(key).second) duplicates_.push_back({child, key_at});
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
  std::vector<JsonLocator::Duplicate>& duplicates_;
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
