// The "relational_database" block kind: its parameters and presets, declared once.
#include "sim/catalog/builtin_kinds.hpp"

namespace sdsim {

namespace {

constexpr std::string_view aurora_mysql_connections_url =
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Performance.html";
constexpr std::string_view read_routings[] = {"replicas", "writer"};

}  // namespace

BlockKindSpec relational_database_kind() {
  return BlockKindSpec{
      .name = "relational_database",
      .summary =
          "an Aurora/RDS-like database: one writer and read replicas, each serving `connections` queries "
          "at once with its own waiting line; writes go to the writer, reads round robin to the replicas",
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
          },
      .presets =
          {
              PresetSpec{.name = "aws.aurora.r6g.large",
                         .description = "an Aurora MySQL cluster of db.r6g.large instances (2 vCPU, 16 GiB): "
                                        "max_connections 1000 per instance, one Aurora Replica",
                         .values = {{"connections", 1000}, {"read_replicas", 1}},
                         .source = aurora_mysql_connections_url},
              PresetSpec{.name = "aws.rds.postgres",
                         .description = "an RDS for PostgreSQL db.r6g.large instance (16 GiB) without read "
                                        "replicas: max_connections LEAST(memory / 9531392, 5000), about 1800",
                         .values = {{"connections", 1802}, {"read_replicas", 0}},
                         .source =
                             "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/"
                             "CHAP_Limits.html#RDS_Limits.MaxConnections (the formula, applied to the "
                             "class's 16 GiB: the engine's reserved memory makes a real instance report "
                             "slightly fewer)"},
          },
  };
}

}  // namespace sdsim
