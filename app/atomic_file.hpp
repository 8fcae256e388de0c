#pragma once
// Writes a whole file or nothing: the text goes to a temporary file beside the target, which is then renamed
// over it, so a crash or a full disk never leaves a half-written output.
#include <string>

namespace sdsim::app {

// Returns an empty string on success, else the reason it failed.
std::string write_file_atomically(const std::string& path, const std::string& text);

}  // namespace sdsim::app
