#pragma once
// Running the real sdsim program from the command-line tests (from the source tree, where the examples are)
// and reading what it wrote: its exit status, its output, its files.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace sdsim::cli_test {

struct Outcome {
  int status;  // the exit code, or -1 when the program did not exit normally
  std::string output;
};

// Everything the pipe gives until it closes.
inline std::string read_all(FILE* pipe) {
  std::string output;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
    output.append(buffer, n);
  return output;
}

inline Outcome run_shell(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string output = read_all(pipe);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, std::move(output)};
}

// `args` are shell words; `env` goes before the program (e.g. "env -u DISPLAY "). Output: stdout and stderr.
inline Outcome run_sdsim(const std::string& args, const std::string& env = "") {
  return run_shell(env + SDSIM_EXECUTABLE + " " + args + " 2>&1");
}

// Output: stdout alone.
inline Outcome run_sdsim_stdout(const std::string& args) {
  return run_shell(std::string(SDSIM_EXECUTABLE) + " " + args + " 2>/dev/null");
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A directory of this test process, named after `name`; made if missing, left for the test to remove.
inline std::filesystem::path temp_dir(const std::string& name) {
  auto dir =
      std::filesystem::temp_directory_path() / ("sdsim-" + name + "-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

inline bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

inline std::size_t count_lines(std::string_view text) {
  std::size_t n = 0;
  for (char c : text)
    n += c == '\n' ? 1 : 0;
  return n;
}

}  // namespace sdsim::cli_test
