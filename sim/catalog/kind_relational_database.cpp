// The "relational_database" block kind: its parameters and presets, declared once.
#include "sim/catalog/availability_params.hpp"
#include "sim/catalog/builtin_kinds.hpp"
#include "sim/catalog/price_params.hpp"

namespace sdsim {

namespace {

constexpr std::string_view aurora_cluster_sources =
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Performance.html "
    "(max_connections); aws-facts Aurora Failover time with a replica (30 s) and Recovery time without a "
    "replica (15 minutes): https://aws.amazon.com/rds/aurora/faqs/";
constexpr std::string_view read_routings[] = {"replicas", "writer"};
constexpr std::string_view failover_targets[] = {"replica", "standby", "async_replica"};
constexpr std::string_view lag_models[] = {"processor_sharing", "none"};
constexpr std::string_view session_routings[] = {"any", "sticky"};

}  // namespace

BlockKindSpec relational_database_kind() {
  return BlockKindSpec{
      .name = "relational_database",
      .summary =
          "an Aurora/RDS-like database: one writer and read replicas, each serving `connections` queries "
          "at once with its own waiting line; writes go to the writer, reads round robin to the replicas; a "
          "failed writer refuses writes until a replica or standby takes over",
      .params =
          {
              ParamSpec{.name = "read_replicas",
                        .type = ParamType::integer,
                        .unit = "count",
                        .min = 0,
                        .max = 15,
                        .default_value = 1,
                        .help = "the read replica instances beside the writer (Aurora allows up to 15)",
                        .source = "aws-facts Aurora Max Aurora Replicas (15): "
                                  "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/"
                                  "Aurora.Overview.html; modelling choice: one replica by default, the "
                                  "failover target that aws-facts' 30 s Aurora failover assumes"},
              ParamSpec{.name = "connections",
                        .type = ParamType::integer,
                        .unit = "queries",
                        .min = 1,
                        .max = 16'000,
                        .default_value = 1000,
                        .help = "the queries one instance serves at once: its max_connections, each "
                                "connection taken to run one query",
                        .source = "modelling choice (no aws-facts figure): the Aurora MySQL default "
                                  "max_connections of a db.r6g.large, 1000 (16,000 at most), from "
                                  "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/"
                                  "AuroraMySQL.Managing.Performance.html"},
              ParamSpec{.name = "queue_capacity",
                        .type = ParamType::integer,
                        .unit = "queries",
                        .min = 0,
                        .max = 1e9,
                        .default_value = 0,
                        .help = "the waiting places of each instance beyond its connections (an "
                                "application-side pool or RDS Proxy); an arrival finding them full is "
                                "refused (0 = refused at once, MySQL's \"Too many connections\")",
                        .source = "modelling choice: a connection beyond max_connections is refused, as "
                                  "MySQL and PostgreSQL do"},
              ParamSpec{.name = "read_routing",
                        .type = ParamType::text,
                        .default_text = "replicas",
                        .help = "where reads (read, get, query, call) go: replicas (round robin over the "
                                "read replicas, the writer when there are none) or writer; writes (write, "
                                "set, delete, send) always go to the writer",
                        .source = "modelling choice: reads through the reader endpoint, which spreads "
                                  "connections over the replicas "
                                  "(https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/"
                                  "Aurora.Overview.Endpoints.html)",
                        .allowed = read_routings},
              ParamSpec{.name = "read_time",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .default_text = "lognormal, p50 1 ms, p99 5 ms",
                        .help = "the time one read query holds its connection",
                        .source = "modelling choice (no aws-facts figure): an indexed point read served "
                                  "from the buffer cache"},
              ParamSpec{.name = "write_time",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .default_text = "lognormal, p50 2 ms, p99 10 ms",
                        .help = "the time one write query holds its connection, commit included",
                        .source = "modelling choice (no aws-facts figure): a single-row write whose commit "
                                  "waits for a storage quorum across Availability Zones"},
              ParamSpec{.name = "failover_target",
                        .type = ParamType::text,
                        .default_text = "replica",
                        .help =
                            "what takes over when the writer fails: replica (Aurora: the first read "
                            "replica is promoted and leaves the read rotation; with none, the writer is "
                            "recreated after recovery_s), standby (RDS Multi-AZ DB instance: a "
                            "synchronous standby serving no reads) or async_replica (RDS without Multi-AZ: "
                            "a read replica, replicated asynchronously, is promoted and the writes it had "
                            "not applied, those acknowledged within its replica_lag, are lost). Aurora and "
                            "Multi-AZ lose no acknowledged write (a shared storage volume, a synchronous "
                            "standby)",
                        .source = "modelling choice: Aurora's failover, the default cluster's; RDS Multi-AZ: "
                                  "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/"
                                  "Concepts.MultiAZ.Failover.html; aws-facts RDS Read replica replication, "
                                  "asynchronous: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/"
                                  "USER_PostgreSQL.Replication.ReadReplicas.Configuration.html",
                        .allowed = failover_targets},
              ParamSpec{
                  .name = "replica_lag",
                  .type = ParamType::distribution,
                  .unit = "ms",
                  .default_text = "constant 1000 ms",
                  .help = "failover_target async_replica: how far each asynchronous read replica is behind "
                          "the writer, drawn per replica per write (reads at a replica are judged "
                          "against it; defaults to replication_lag when only that is given); a "
                          "promotion loses the writes the promoted replica had not applied, the "
                          "failover's RPO, and the new writer serves its versions, the lost ones missing",
                  .source = "modelling choice (aws-facts gives no RDS read replica lag; its Read replica "
                            "replication is asynchronous, "
                            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/"
                            "USER_PostgreSQL.Replication.ReadReplicas.Configuration.html): 1 s, the "
                            "smallest nonzero reading of RDS's ReplicaLag metric, counted in whole "
                            "seconds; Aurora's own replica lag, under 100 ms, loses nothing since "
                            "its replicas share the storage volume"},
              ParamSpec{.name = "replication_lag",
                        .type = ParamType::distribution,
                        .unit = "ms",
                        .default_text = "exponential(mean 20 ms)",
                        .help = "from a write's commit at the writer to each read replica serving it (drawn "
                                "per replica per write, in order per row); a read routed to a replica may "
                                "return an older version and is judged stale, a read at the writer only "
                                "after writes were lost; failover_target async_replica uses replica_lag",
                        .source = "modelling choice: aws-facts Aurora Replica lag, usually much less than "
                                  "100 ms (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/"
                                  "Aurora.Replication.html); an exponential of mean 20 ms puts its p99 at "
                                  "92 ms"},
              ParamSpec{.name = "lag_under_load",
                        .type = ParamType::text,
                        .default_text = "processor_sharing",
                        .help = "how a read replica's lag grows with its load: processor_sharing (each lag "
                                "drawn from replication_lag or replica_lag is stretched by 1 / (1 - u), u "
                                "the replica's utilization, busy connections over connections, smoothed "
                                "over 1 s and capped at 0.99) or none (the distribution alone); lags are "
                                "drawn only while reads are judged or sessions are sticky",
                        .source = "modelling choice: the replica replays the log on the processors its "
                                  "queries share; under processor sharing a job needing x alone takes "
                                  "x / (1 - rho) on average (M/G/1-PS, Kleinrock, Queueing Systems vol. 2, "
                                  "1976, chapter 4); AWS: MySQL read replicas replay every write on one "
                                  "thread, which limits "
                                  "their read capacity "
                                  "(https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/"
                                  "AuroraMySQL.Replication.html), and a reader's AuroraReplicaLag can grow "
                                  "(https://repost.aws/knowledge-center/aurora-read-replica-restart)",
                        .allowed = lag_models},
              ParamSpec{.name = "session",
                        .type = ParamType::text,
                        .default_text = "any",
                        .help = "how a closed-loop user's reads are routed when reads go to the replicas: "
                                "any (round robin, like every read) or sticky (each user pinned to one "
                                "replica, reading at the writer until that replica has applied every "
                                "version the user wrote, or read at the writer: no read-your-writes or "
                                "monotonic-read violation, reads still spread over the replicas)",
                        .source = "modelling choice: causal reads by replication position, as ProxySQL's "
                                  "GTID-consistent reads route a read to a replica that has the session's "
                                  "last write, else to the primary "
                                  "(https://proxysql.com/blog/proxysql-gtid-causal-reads/)",
                        .allowed = session_routings},
              ParamSpec{.name = "failover_s",
                        .type = ParamType::number,
                        .unit = "s",
                        .min = 0,
                        .max = 86'400,
                        .default_value = 30,
                        .help = "from a writer failure until the promoted replica or the standby takes "
                                "writes; meanwhile queries sent to the writer are refused",
                        .source = "aws-facts Aurora Failover time with a replica, typically within 30 s: "
                                  "https://aws.amazon.com/rds/aurora/faqs/"},
              ParamSpec{.name = "recovery_s",
                        .type = ParamType::number,
                        .unit = "s",
                        .min = 0,
                        .max = 86'400,
                        .default_value = 900,
                        .help = "from a writer failure until a recreated writer takes writes, when no "
                                "replica is left to promote (failover_target replica)",
                        .source = "aws-facts Aurora Recovery time without a replica, typically under 15 "
                                  "minutes: https://aws.amazon.com/rds/aurora/faqs/"},
              price_per_hour(0.29,
                             "USD per DB instance per hour: the writer, each read replica and a Multi-AZ "
                             "standby (storage and I/O are not modelled)",
                             prices::aurora_source),
              sla_availability(
                  99.99,
                  "aws-facts Aurora Multi-AZ SLA (Single-AZ 99.9%): https://aws.amazon.com/rds/aurora/sla/"),
          },
      .presets =
          {
              PresetSpec{.name = "aws.aurora.r6g.large",
                         .description =
                             "an Aurora MySQL cluster of db.r6g.large instances (2 vCPU, 16 GiB): "
                             "max_connections 1000 per instance, one Aurora Replica promoted within "
                             "30 s when the writer fails (15 minutes to recreate a writer without "
                             "one)",
                         .values = {{"connections", 1000},
                                    {"read_replicas", 1},
                                    {.param = "failover_target", .text = "replica"},
                                    {"failover_s", 30},
                                    {"recovery_s", 900}},
                         .source = aurora_cluster_sources},
              PresetSpec{.name = "aws.rds.postgres",
                         .description = "an RDS for PostgreSQL db.r6g.large Multi-AZ DB instance (16 GiB) "
                                        "without read replicas: max_connections LEAST(memory / 9531392, "
                                        "5000), about 1800; its standby takes over in at most 120 s",
                         .values = {{"connections", 1802},
                                    {"read_replicas", 0},
                                    {.param = "failover_target", .text = "standby"},
                                    {"failover_s", 120},
                                    {"price_per_hour", 0.24}},
                         .source =
                             "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/"
                             "CHAP_Limits.html#RDS_Limits.MaxConnections (the formula, applied to the "
                             "class's 16 GiB: the engine's reserved memory makes a real instance report "
                             "slightly fewer); aws-facts RDS Multi-AZ DB instance failover time, typically "
                             "60-120 s, the upper end taken as Aurora's 30 s is its typical upper end: "
                             "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/"
                             "Concepts.MultiAZ.Failover.html; aws-facts RDS db.r6g.large on-demand price "
                             "(MySQL; PostgreSQL's is taken as the same): "
                             "https://store-v2-khaki.vercel.app/rds-vs-aurora-cost-calculator.html"},
          },
  };
}

}  // namespace sdsim
