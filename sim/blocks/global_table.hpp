#pragma once
// A DynamoDB global table (multi-region, eventually consistent replication): one versioned item store
// shared by the regional tables (kv_database blocks) that name it. Each member keeps 3 copies (its replicas
// member * 3 .. member * 3 + 2, the first its leader); a write commits at its member's leader and reaches
// every other member after a cross-region lag. Concurrent writes resolve by last writer wins (versions
// ordered by commit): a write committed in one region before that region has received a newer write of the
// item from another region overwrites it unseen, and each such overwritten version is a lost update.
#include <cstdint>
#include <string>
#include <utility>

#include "sim/core/versions.hpp"

namespace sdsim {

class GlobalTable {
 public:
  static constexpr std::uint32_t copies_per_member = 3;

  GlobalTable(std::string name, std::uint32_t members)
      : name_(std::move(name)),
        members_(members),
        versions_(members * copies_per_member, 0, Versions::Order::newest_wins) {}

  const std::string& name() const { return name_; }
  std::uint32_t members() const { return members_; }
  Versions& versions() { return versions_; }
  const Versions& versions() const { return versions_; }

 private:
  std::string name_;
  std::uint32_t members_;
  Versions versions_;
};

}  // namespace sdsim
