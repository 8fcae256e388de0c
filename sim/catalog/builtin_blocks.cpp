// Registers the block kinds sdsim ships with; each kind is declared in its own kind_NAME.cpp.
#include "sim/catalog/builtin_kinds.hpp"

namespace sdsim {

void register_builtin_blocks(BlockCatalog& catalog) {
  catalog.add(station_kind());
  catalog.add(compute_kind());
  catalog.add(load_balancer_kind());
  catalog.add(cache_kind());
  catalog.add(kv_database_kind());
  catalog.add(relational_database_kind());
  catalog.add(quorum_database_kind());
  catalog.add(function_kind());
  catalog.add(storage_kind());
  catalog.add(queue_kind());
  catalog.add(stream_kind());
  catalog.add(dns_kind());
}

}  // namespace sdsim
