#pragma once
// The declarations of the block kinds sdsim ships with, one function and one file (kind_NAME.cpp) per kind.
#include "sim/catalog/block_catalog.hpp"

namespace sdsim {

// The routing policies of compute pools and load balancers.
inline constexpr std::string_view balancing_policies[] = {"round_robin", "least_outstanding", "random",
                                                          "power_of_two"};

BlockKindSpec station_kind();
BlockKindSpec kv_database_kind();
BlockKindSpec relational_database_kind();
BlockKindSpec quorum_database_kind();
BlockKindSpec cache_kind();
BlockKindSpec compute_kind();
BlockKindSpec load_balancer_kind();
BlockKindSpec function_kind();
BlockKindSpec storage_kind();
BlockKindSpec queue_kind();
BlockKindSpec stream_kind();
BlockKindSpec dns_kind();

}  // namespace sdsim
