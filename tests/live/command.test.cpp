// Parsing a live session's command lines: every shape of the grammar, and clear refusals for the rest.
#include "live/command.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace sdsim::live;

TEST_CASE("Commands without arguments parse to their kind") {
  CHECK(parse_command("pause").command->kind == CommandKind::pause);
  CHECK(parse_command("  resume \r\n").command->kind == CommandKind::resume);
  CHECK(parse_command("status").command->kind == CommandKind::status);
  CHECK(parse_command("resume").command->line == "resume");
  CHECK_FALSE(parse_command("pause now").command);
}

TEST_CASE("Speed and load take numbers within their ranges") {
  auto speed = parse_command("speed 2.5");
  REQUIRE(speed.command);
  CHECK(speed.command->number == 2.5);
  CHECK_FALSE(parse_command("speed 0").command);
  CHECK_FALSE(parse_command("speed fast").command);
  CHECK_FALSE(parse_command("speed 1e9").command);
  auto load = parse_command("load checkout 800");
  REQUIRE(load.command);
  CHECK(load.command->kind == CommandKind::load);
  CHECK(load.command->flow == "checkout");
  CHECK(load.command->number == 800);
  CHECK(load.command->steers_model());
  CHECK_FALSE(parse_command("load checkout -1").command);
  CHECK_FALSE(parse_command("load checkout").command);
  CHECK_FALSE(parse_command("load checkout 80x").command);
}

TEST_CASE("Fault shortcuts become fault objects of the scenario format") {
  auto zone = parse_command("fail zone use1-az1 30");
  REQUIRE(zone.command);
  CHECK(zone.command->kind == CommandKind::fault);
  CHECK(zone.command->fault["type"] == "az_power_interruption");
  CHECK(zone.command->fault["zone"] == "use1-az1");
  CHECK(zone.command->fault["duration_s"] == 30.0);
  CHECK_FALSE(parse_command("fail zone use1-az1").command->fault.contains("duration_s"));
  CHECK(parse_command("fail region us-east-1").command->fault["type"] == "region_isolation");
  auto brownout = parse_command("brownout db 4 0.1 20");
  REQUIRE(brownout.command);
  CHECK(brownout.command->fault["slowdown"] == 4.0);
  CHECK(brownout.command->fault["error_rate"] == 0.1);
  CHECK(brownout.command->fault["duration_s"] == 20.0);
  CHECK(parse_command("terminate api 2").command->fault["count"] == 2.0);
  CHECK(parse_command("reduce api 3 60").command->fault["instances"] == 3.0);
  CHECK(parse_command("failover db").command->fault["type"] == "writer_failover");
  CHECK(parse_command("lose-node cache 1").command->fault["node"] == 1.0);
  CHECK(parse_command("partition use1-az1 use1-az2 5").command->fault["between"][1] == "use1-az2");
  CHECK(parse_command("latency a b 50").command->fault["latency_ms"] == 50.0);
  CHECK(parse_command("loss a b 0.2").command->fault["loss"] == 0.2);
  auto json = parse_command(R"(fault {"type": "brownout", "block": "db", "slowdown": 2})");
  REQUIRE(json.command);
  CHECK(json.command->fault["block"] == "db");
}

TEST_CASE("Malformed fault commands say how to write them") {
  CHECK(parse_command("fail moon x").error.find("'zone' or a 'region'") != std::string::npos);
  CHECK(parse_command("fail zone a -3").error.find("not a duration") != std::string::npos);
  CHECK(parse_command("brownout db").error.find("usage: brownout") != std::string::npos);
  CHECK(parse_command("fault [1, 2]").error.find("usage: fault") != std::string::npos);
  CHECK(parse_command(R"(fault {"type": "brownout", "start_s": 3})").error.find("start_s") !=
        std::string::npos);
}

TEST_CASE("Clear and set take an id and a PATH=VALUE") {
  auto clear = parse_command("clear 3");
  REQUIRE(clear.command);
  CHECK(clear.command->id == 3);
  CHECK_FALSE(parse_command("clear 1.5").command);
  CHECK_FALSE(parse_command("clear -1").command);
  auto set = parse_command("set load/browse/rate_per_s=500");
  REQUIRE(set.command);
  CHECK(set.command->path == "load/browse/rate_per_s");
  CHECK(set.command->value == "500");
  CHECK_FALSE(parse_command("set x").command);
  CHECK_FALSE(parse_command("set =3").command);
  CHECK_FALSE(parse_command("set x=").command);
  CHECK_FALSE(parse_command("set a b=3").command);
  // A JSON value may hold spaces: everything after the first '=' is the value.
  auto json = parse_command(R"(set flows/checkout/retry={"max": 2, "jitter": "full"})");
  REQUIRE(json.command);
  CHECK(json.command->path == "flows/checkout/retry");
  CHECK(json.command->value == R"({"max": 2, "jitter": "full"})");
}

TEST_CASE("Garbage is refused with an error, never a crash") {
  CHECK_FALSE(parse_command("").command);
  CHECK_FALSE(parse_command("   ").command);
  CHECK(parse_command("launch missiles").error.find("unknown command 'launch'") != std::string::npos);
  CHECK_FALSE(parse_command(std::string(max_line_bytes + 1, 'x')).command);
  const std::string binary("\x01\xff\xfe\x80 \x00 z", 8);
  const auto parsed = parse_command(binary);
  CHECK_FALSE(parsed.command);
  CHECK(parsed.error.find('\xff') == std::string::npos);
}
