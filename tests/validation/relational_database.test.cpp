// An Aurora/RDS-like database read from a design file: with exponential query times every instance is a
// queue with c = connections servers, the writer fed by the writes (M/M/c) and each replica by its
// round-robin share of the reads (M/M/c for one replica, E_k/M/c for k replicas).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "sim/theory/queueing.hpp"
#include "tests/validation/validation_support.hpp"

using namespace sdsim;
using namespace sdsim::testing;

namespace {

// Clients call the database through a front end that never queues and takes no time.
ExperimentResult run_cluster(const std::string& db, double read_rate, double write_rate) {
  std::string design = R"({"blocks": {
      "api": {"kind": "station", "servers": 100000, "service_time": {"dist": "constant", "value_ms": 0}},
      "db": )" + db + R"(},
    "flows": {"reads": {"entry": "api", "calls": [{"to": "db", "op": "read"}]},
              "writes": {"entry": "api", "calls": [{"to": "db", "op": "write"}]}}})";
  std::string scenario = R"({"duration_s": 40, "warmup_s": 4, "seed": 23, "replications": 5,
      "load": {"reads": {"type": "open", "rate_per_s": )" +
                         std::to_string(read_rate) + R"(}, "writes": {"type": "open", "rate_per_s": )" +
                         std::to_string(write_rate) + "}}}";
  return run_text(design, scenario);
}

const FlowFigures<Estimate>& flow_named(const ExperimentSummary& s, const std::string& name) {
  for (const auto& f : s.flows) {
    if (f.name == name) return f;
  }
  FAIL("no flow " << name);
  return s.flows.front();
}

}  // namespace

TEST_CASE("A single replica is an M/M/c queue fed by the reads, the writer one fed by the writes",
          "[validation][relational_database]") {
  CheckFamily checks(2);
  // One replica of 2 connections, 1 ms mean reads at 1500/s: rho = 0.75. The writer takes 600 writes/s of
  // 2 ms mean on its 2 connections: rho = 0.6. Both see Poisson arrivals, so both are exactly M/M/2.
  const std::uint32_t connections = 2;
  const double read_rate = 1500, write_rate = 600;
  auto r = run_cluster(R"({"kind": "relational_database", "read_replicas": 1, "connections": 2,
                           "queue_capacity": 1000000000,
                           "read_time": {"dist": "exponential", "mean_ms": 1},
                           "write_time": {"dist": "exponential", "mean_ms": 2}})",
                       read_rate, write_rate);
  auto replica = theory::mmc(read_rate, 1000, connections);
  auto writer = theory::mmc(write_rate, 500, connections);
  checks.agrees("read mean response (ms)", flow_named(r.summary, "reads").latency.mean_ms,
                replica.mean_response_s * 1e3);
  checks.agrees("write mean response (ms)", flow_named(r.summary, "writes").latency.mean_ms,
                writer.mean_response_s * 1e3);
}

TEST_CASE("Round robin over k replicas feeds each an Erlang-k stream: an E_k/M/1 queue",
          "[validation][relational_database]") {
  // Round robin hands each replica every k-th read of a Poisson stream of rate lambda, so its interarrival
  // times are Erlang(k, lambda), more regular than Poisson: each replica is E_k/M/1 (M/M/1 would be random
  // splitting). GI/M/1: sigma = A*(mu (1 - sigma)) with A*(s) = (lambda / (lambda + s))^k, and the mean
  // response is 1 / (mu (1 - sigma)).
  const std::uint32_t replicas = 3;
  const double lambda = 2250, mu = 1000;  // 750 reads/s per replica: rho = 0.75
  auto r = run_cluster(R"({"kind": "relational_database", "read_replicas": 3, "connections": 1,
                           "queue_capacity": 1000000000,
                           "read_time": {"dist": "exponential", "mean_ms": 1}})",
                       lambda, 0.001);
  double sigma = 0;
  for (int i = 0; i < 10'000; ++i)
    sigma = std::pow(lambda / (lambda + mu * (1 - sigma)), replicas);
  double e_k_m_1 = 1 / (mu * (1 - sigma));
  double m_m_1 = theory::mmc(lambda / replicas, mu, 1).mean_response_s;
  INFO("E3/M/1 " << e_k_m_1 * 1e3 << " ms, M/M/1 " << m_m_1 * 1e3 << " ms");
  REQUIRE(e_k_m_1 < 0.8 * m_m_1);  // the check below can tell round robin from random splitting
  check_agrees("read mean response (ms)", flow_named(r.summary, "reads").latency.mean_ms, e_k_m_1 * 1e3);
}

TEST_CASE("Reads routed to the writer share its connections with the writes",
          "[validation][relational_database]") {
  CheckFamily checks(2);
  // Reads and writes of the same 1 ms mean all on the writer's 4 connections: one M/M/4 at 3000/s.
  auto r = run_cluster(R"({"kind": "relational_database", "read_replicas": 2, "connections": 4,
                           "read_routing": "writer", "queue_capacity": 1000000000,
                           "read_time": {"dist": "exponential", "mean_ms": 1},
                           "write_time": {"dist": "exponential", "mean_ms": 1}})",
                       2000, 1000);
  auto writer = theory::mmc(3000, 1000, 4);
  checks.agrees("read mean response (ms)", flow_named(r.summary, "reads").latency.mean_ms,
                writer.mean_response_s * 1e3);
  checks.agrees("write mean response (ms)", flow_named(r.summary, "writes").latency.mean_ms,
                writer.mean_response_s * 1e3);
}

TEST_CASE("Database presets state how the writer fails over: Aurora to a replica, RDS to its standby",
          "[relational_database]") {
  auto design = load_design_text("design.json", R"({"blocks": {
      "aurora": {"kind": "relational_database", "preset": "aws.aurora.r6g.large"},
      "rds": {"kind": "relational_database", "preset": "aws.rds.postgres"},
      "rds_fast": {"kind": "relational_database", "preset": "aws.rds.postgres", "failover_s": 60},
      "plain": {"kind": "relational_database"}},
    "flows": {"f": {"entry": "aurora"}}})");
  INFO(design.diagnostics.format());
  REQUIRE(design.value);
  const BlockParams& aurora = design.value->find_block("aurora")->params;
  CHECK(aurora.text_or("failover_target", "") == "replica");
  CHECK(aurora.number("failover_s") == 30);
  CHECK(aurora.number("recovery_s") == 900);
  const BlockParams& rds = design.value->find_block("rds")->params;
  CHECK(rds.text_or("failover_target", "") == "standby");
  CHECK(rds.number("failover_s") == 120);
  CHECK(design.value->find_block("rds_fast")->params.number("failover_s") == 60);  // the design's value wins
  const BlockParams& plain = design.value->find_block("plain")->params;
  CHECK(plain.number_or("failover_s", 0) == 30);
}
