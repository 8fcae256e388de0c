// The "quorum_database" block kind: its parameters and presets, declared once.
#include "sim/catalog/availability_params.hpp"
#include "sim/catalog/builtin_kinds.hpp"
#include "sim/catalog/common_params.hpp"
#include "sim/catalog/price_params.hpp"

namespace sdsim {

namespace {

constexpr std::string_view keyspaces_consistency_url =
    "https://docs.aws.amazon.com/keyspaces/latest/devguide/consistency.html";
constexpr std::string_view cassandra_consistency_url =
    "https://cassandra.apache.org/doc/latest/architecture/dynamo (tunable consistency)";

}  // namespace

BlockKindSpec quorum_database_kind() {
  return BlockKindSpec{
      .name = "quorum_database",
      .summary =
          "a Dynamo/Cassandra-like leaderless store: every read and write goes to all `replicas`, each "
          "with its own connections and waiting line, and is answered once `read_quorum` or "
          "`write_quorum` of them have answered",
      .params =
          {
              ParamSpec{.name = "replicas",
                        .type = ParamType::integer,
                        .unit = "count",
                        .min = 1,
                        .max = 15,
                        .default_value = 3,
                        .help = "N: the replicas holding every item, spread round robin over the block's "
                                "placement zones; every read and write is sent to all of them",
                        .source = "modelling choice (no aws-facts figure): replication factor 3, as Amazon "
                                  "Keyspaces replicates every write three times across Availability Zones "
                                  "(https://docs.aws.amazon.com/keyspaces/latest/devguide/consistency.html)"},
              ParamSpec{.name = "read_quorum",
                        .type = ParamType::integer,
                        .unit = "count",
                        .min = 1,
                        .max = 15,
                        .default_value = 2,
                        .help = "R: the replica answers a read waits for (at most replicas); the other "
                                "replicas still serve it. A read is refused once fewer than R can answer",
                        .source = "modelling choice (no aws-facts figure): Cassandra QUORUM with 3 replicas, "
                                  "the LOCAL_QUORUM reads of Amazon Keyspaces "
                                  "(https://docs.aws.amazon.com/keyspaces/latest/devguide/consistency.html)"},
              ParamSpec{.name = "write_quorum",
                        .type = ParamType::integer,
                        .unit = "count",
                        .min = 1,
                        .max = 15,
                        .default_value = 2,
                        .help = "W: the replica acknowledgements a write waits for (at most replicas); the "
                                "other replicas still apply it",
                        .source = "modelling choice (no aws-facts figure): the LOCAL_QUORUM writes of Amazon "
                                  "Keyspaces with 3 replicas "
                                  "(https://docs.aws.amazon.com/keyspaces/latest/devguide/consistency.html)"},
              ParamSpec{.name = "connections",
                        .type = ParamType::integer,
                        .unit = "operations",
                        .min = 1,
                        .max = 100'000,
                        .default_value = 32,
                        .help = "the reads and writes one replica serves at once",
                        .source = "modelling choice (no aws-facts figure): Cassandra's default "
                                  "concurrent_reads and concurrent_writes, 32 each "
                                  "(https://cassandra.apache.org/doc/latest/cassandra/managing/configuration/"
                                  "cass_yaml_file.html)"},
              unbounded_queue_capacity("operations",
                                       "the waiting places of each replica beyond its connections; a replica "
                                       "whose line is full refuses the leg, which counts against the quorum",
                                       "modelling choice: Cassandra's read and mutation stages queue without "
                                       "bound (requests are dropped only by timeouts, modelled elsewhere)"),
              ParamSpec{.name = "read_time",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .default_text = "lognormal, p50 0.5 ms, p99 5 ms",
                        .help = "the time one replica's local read holds its connection",
                        .source = "modelling choice (no aws-facts figure for Cassandra or Keyspaces): a "
                                  "point read merging a memtable and a few SSTables, each an SSD 4 KB "
                                  "random read of about 150 us (aws-facts hardware reference, "
                                  "https://gist.github.com/jboner/2841832), with compaction tails"},
              ParamSpec{.name = "write_time",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .default_text = "lognormal, p50 0.2 ms, p99 2 ms",
                        .help = "the time one replica's local write holds its connection",
                        .source = "modelling choice (no aws-facts figure): a commit-log append and a "
                                  "memtable insert, cheaper than a read; Cassandra's default periodic "
                                  "commit-log sync does not wait for the disk"},
              ParamSpec{.name = "coordinator_latency",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .default_text = "none",
                        .help = "the coordinator's own time before it sends a request to the replicas",
                        .source = "modelling choice: none unless stated; the replicas' round trips and "
                                  "service dominate",
                        .no_default = true},
              ParamSpec{.name = "read_repair",
                        .type = ParamType::boolean,
                        .default_value = 0,
                        .default_text = "false",
                        .help = "when a read is answered, each of its first R answerers that returned an "
                                "older version than the read's is sent the newest one (applied one network "
                                "trip later, without occupying a connection)",
                        .source = "modelling choice: off; Cassandra repairs the replicas a read contacted "
                                  "when their answers disagree (blocking read repair, "
                                  "https://cassandra.apache.org/doc/latest/cassandra/managing/operating/"
                                  "read_repair.html)"},
              price_per_hour(0.192, "USD per replica node per hour",
                             "modelling choice: a self-managed node on EC2 m5.xlarge, $0.192/h (aws-facts: "
                             "https://aws.amazon.com/ec2/pricing/on-demand/); Keyspaces' per-request prices "
                             "are not in aws-facts"),
              sla_availability(
                  99.99,
                  "modelling choice: a self-managed cluster on EC2 across AZs, at the EC2 Region-level SLA "
                  "(aws-facts: https://aws.amazon.com/compute/sla/)"),
          },
      .orders = {{"read_quorum", "replicas"}, {"write_quorum", "replicas"}},
      .presets =
          {
              PresetSpec{.name = "aws.keyspaces",
                         .description = "Amazon Keyspaces: three replicas across Availability Zones, "
                                        "LOCAL_QUORUM writes (2 of 3) and LOCAL_QUORUM reads (2 of 3)",
                         .values = {{"replicas", 3}, {"read_quorum", 2}, {"write_quorum", 2}},
                         .source = keyspaces_consistency_url},
              PresetSpec{.name = "aws.keyspaces.read_one",
                         .description = "Amazon Keyspaces with LOCAL_ONE reads (1 of 3): faster reads that "
                                        "may miss the latest write; writes stay LOCAL_QUORUM",
                         .values = {{"replicas", 3}, {"read_quorum", 1}, {"write_quorum", 2}},
                         .source = keyspaces_consistency_url},
              PresetSpec{.name = "cassandra.quorum",
                         .description = "Apache Cassandra, replication factor 3, QUORUM reads and writes "
                                        "(R + W > N)",
                         .values = {{"replicas", 3}, {"read_quorum", 2}, {"write_quorum", 2}},
                         .source = cassandra_consistency_url},
              PresetSpec{.name = "cassandra.one",
                         .description = "Apache Cassandra, replication factor 3, consistency level ONE for "
                                        "reads and writes (R + W <= N: fastest, weakest)",
                         .values = {{"replicas", 3}, {"read_quorum", 1}, {"write_quorum", 1}},
                         .source = cassandra_consistency_url},
          },
  };
}

}  // namespace sdsim
