#pragma once
// The sdsim commands. Each takes the arguments after its name and returns the process exit code:
// 0 success, 1 the input files have problems, 2 the command line is wrong, 3 an output could not be written.
#include <string>
#include <vector>

namespace sdsim::app {

inline constexpr int exit_ok = 0;
inline constexpr int exit_bad_input = 1;
inline constexpr int exit_usage = 2;
inline constexpr int exit_output = 3;

int validate_command(const std::vector<std::string>& args);
int run_command(const std::vector<std::string>& args);
int compare_command(const std::vector<std::string>& args);
int sweep_command(const std::vector<std::string>& args);
int merge_command(const std::vector<std::string>& args);
int blocks_command(const std::vector<std::string>& args);
int schema_command(const std::vector<std::string>& args);
int viz_command(const std::vector<std::string>& args);
int live_command(const std::vector<std::string>& args);
int ctl_command(const std::vector<std::string>& args);

extern const char* const validate_help;
extern const char* const run_help;
extern const char* const compare_help;
extern const char* const sweep_help;
extern const char* const merge_help;
extern const char* const blocks_help;
extern const char* const schema_help;
extern const char* const viz_help;
// The help of live and ctl, with the live command grammar.
std::string live_help_text();
std::string ctl_help_text();

}  // namespace sdsim::app
