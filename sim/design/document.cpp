#include "sim/design/document.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sdsim {

namespace {

TextPosition position_of_byte(const std::string& text, std::size_t byte) {
  TextPosition p{1, 1};
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  return p;
}

// Where the nesting first goes deeper than the limit, ignoring brackets inside strings; nothing if it never
// does.
std::optional<std::size_t> too_deep_at(const std::string& text) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_nesting) return i;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return std::nullopt;
}

// Parser messages quote the bytes they read; binary garbage must not reach the terminal raw.
std::string printable(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    }
  }
  return out;
}

}  // namespace

std::optional<JsonDocument> parse_json_document(std::string file, std::string text,
                                                Diagnostics& diagnostics) {
  auto fail = [&](TextPosition at, std::string message, std::string hint) {
    diagnostics.error("", std::move(message), std::move(hint));
    Diagnostic& d = diagnostics.items().back();
    d.file = file;
    d.line = at.line;
    d.column = at.column;
    return std::nullopt;
  };
  if (auto deep = too_deep_at(text)) {
    return fail(position_of_byte(text, *deep),
                "objects and arrays are nested more than " + std::to_string(max_nesting) + " deep",
                "design and scenario files are shallow; check for a runaway bracket");
  }
  JsonDocument doc;
  try {
    doc.root = Json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann's message names the byte; report it as line:column and keep the parser's own explanation.
    std::string what = e.what();
    auto colon = what.find("syntax error");
    std::string reason = printable(colon == std::string::npos ? what : what.substr(colon));
    return fail(position_of_byte(text, e.byte > 0 ? e.byte - 1 : 0), "invalid JSON: " + reason,
                "check for a missing comma, quote or bracket just before this point");
  } catch (const nlohmann::json::exception& e) {
    // For example a number beyond the range of a double (1e400).
    std::string what = e.what();
    auto bracket = what.find("] ");
    return fail({},
                "invalid JSON: " + printable(bracket == std::string::npos ? what : what.substr(bracket + 2)),
                "write numbers within the range of a double (about 1e308)");
  }
  doc.locator = std::make_shared<JsonLocator>(text);
  // Duplicate keys are reported but do not stop the loader: the rest of the file is still checked.
  for (const JsonLocator::Duplicate& d : doc.locator->duplicate_keys()) {
    diagnostics.error(d.pointer, "duplicate key: the same key appears twice in one object",
                      "remove or rename one of them (JSON keeps only the last)");
    Diagnostic& added = diagnostics.items().back();
    added.file = file;
    added.line = d.at.line;
    added.column = d.at.column;
  }
  doc.file = std::move(file);
  doc.text = std::move(text);
  return doc;
}

std::optional<JsonDocument> read_json_document(const std::string& path, Diagnostics& diagnostics) {
  auto fail = [&](std::string message, std::string hint) {
    diagnostics.error("", std::move(message), std::move(hint));
    diagnostics.items().back().file = path;
    return std::nullopt;
  };
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return fail("this is a directory, not a file", "give the path of a .json file inside it");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return fail("cannot open the file", "check the path (relative paths start from the current directory)");
  in.seekg(0, std::ios::end);
  auto size = in.tellg();
  if (size < 0) return fail("cannot read the file", "is it a directory?");
  if (static_cast<std::size_t>(size) > max_file_bytes) {
    return fail("the file is " + std::to_string(static_cast<long long>(size)) + " bytes; the limit is " +
                    std::to_string(max_file_bytes),
                "design and scenario files are small JSON documents: is this the right file?");
  }
  in.seekg(0);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_json_document(path, buffer.str(), diagnostics);
}

void locate(Diagnostics& diagnostics, const JsonDocument& document) {
  for (Diagnostic& d : diagnostics.items()) {
    if (d.file.empty()) d.file = document.file;
    if (d.line == 0 && document.locator) {
      TextPosition p = document.locator->find(d.pointer);
      d.line = p.line;
      d.column = p.column;
    }
  }
}

}  // namespace sdsim
