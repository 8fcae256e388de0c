// Command logs: written and read back unchanged; bad logs refused with the line at fault.
#include "live/command_log.hpp"

#include <catch2/catch.hpp>

using namespace sdsim::live;

TEST_CASE("A command log reads back as written") {
  CommandLog log{
      "checkout", "checkout-steady", 7, {{0, "load checkout 900"}, {1'500'000'000, "fail zone a 3"}}};
  std::string error;
  auto back = read_command_log(to_json_lines(log), error);
  REQUIRE(back);
  CHECK(back->design == "checkout");
  CHECK(back->scenario == "checkout-steady");
  CHECK(back->seed == 7);
  REQUIRE(back->commands.size() == 2);
  CHECK(back->commands[1].at == 1'500'000'000);
  CHECK(back->commands[1].line == "fail zone a 3");
  CHECK(to_json_lines(*back) == to_json_lines(log));
}

TEST_CASE("Bad command logs are refused with the line at fault") {
  std::string error;
  CHECK_FALSE(read_command_log("", error));
  CHECK(error == "empty command log");
  CHECK_FALSE(read_command_log("{\"format\": \"sdsim.trace/1\"}\n", error));
  CHECK(error.find("line 1: not a command log") == 0);
  const std::string header = "{\"format\": \"sdsim.commands/1\"}\n";
  CHECK_FALSE(read_command_log(header + "{\"at_ns\": 5}\n", error));
  CHECK(error.find("line 2:") == 0);
  CHECK_FALSE(read_command_log(
      header + "{\"at_ns\": 5, \"command\": \"a\"}\n{\"at_ns\": 4, \"command\": \"b\"}\n", error));
  CHECK(error.find("line 3:") == 0);
  CHECK_FALSE(read_command_log(header + "not json\n", error));
}
