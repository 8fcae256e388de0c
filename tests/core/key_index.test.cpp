#include "sim/core/key_index.hpp"

#include <catch2/catch.hpp>
#include <unordered_map>
#include <vector>

#include "sim/core/rng.hpp"

using namespace sdsim;

namespace {

// Applies `ops` random inserts, finds and erases over keys drawn by `draw_key`, checking every answer and
// the size against std::unordered_map; finally checks every key the reference holds.
template <typename DrawKey>
void check_against_map(KeyIndex& index, std::unordered_map<std::uint64_t, std::uint32_t>& reference, Rng& rng,
                       int ops, double insert_share, double erase_share, DrawKey draw_key) {
  for (int op = 0; op < ops; ++op) {
    const std::uint64_t key = draw_key(rng);
    const double u = rng.uniform();
    if (u < insert_share) {
      const auto value = static_cast<std::uint32_t>(rng.below(KeyIndex::absent));
      const bool inserted = reference.emplace(key, value).second;
      REQUIRE(index.insert(key, value) == inserted);
    } else if (u < insert_share + erase_share) {
      auto it = reference.find(key);
      const std::uint32_t expected = it == reference.end() ? KeyIndex::absent : it->second;
      if (it != reference.end()) reference.erase(it);
      REQUIRE(index.erase(key) == expected);
    } else {
      auto it = reference.find(key);
      REQUIRE(index.find(key) == (it == reference.end() ? KeyIndex::absent : it->second));
    }
    REQUIRE(index.size() == reference.size());
  }
  for (const auto& [key, value] : reference)
    REQUIRE(index.find(key) == value);
}

}  // namespace

TEST_CASE("Key index answers like std::unordered_map under random inserts, finds and erases", "[key_index]") {
  KeyIndex index;
  std::unordered_map<std::uint64_t, std::uint32_t> reference;
  Rng rng(11);
  SECTION("dense keys, as key samplers draw them") {
    check_against_map(index, reference, rng, 200000, 0.4, 0.3, [](Rng& r) { return r.below(5000); });
  }
  SECTION("arbitrary 64-bit keys, with repeats") {
    std::vector<std::uint64_t> pool(3000);
    for (auto& k : pool)
      k = rng.next_u64();
    check_against_map(index, reference, rng, 200000, 0.4, 0.3, [&](Rng& r) { return pool[r.below(3000)]; });
  }
  SECTION("strided keys (multiples of 2^32 and of 1024)") {
    check_against_map(index, reference, rng, 100000, 0.4, 0.3, [](Rng& r) { return r.below(2000) << 32; });
    check_against_map(index, reference, rng, 100000, 0.4, 0.3, [](Rng& r) { return r.below(2000) * 1024; });
  }
  SECTION("keys 0 and all ones are ordinary keys") {
    REQUIRE(index.find(0) == KeyIndex::absent);
    REQUIRE(index.insert(0, 7));
    REQUIRE(index.insert(~std::uint64_t{0}, 8));
    REQUIRE(index.find(0) == 7);
    REQUIRE(index.find(~std::uint64_t{0}) == 8);
    REQUIRE(index.erase(0) == 7);
    REQUIRE(index.find(0) == KeyIndex::absent);
    REQUIRE(index.find(~std::uint64_t{0}) == 8);
  }
}

TEST_CASE("Key index grows with the keys held, keeping every key, and stays at most 3/4 full",
          "[key_index]") {
  KeyIndex index;
  REQUIRE(index.slot_count() == 0);
  REQUIRE(index.find(42) == KeyIndex::absent);
  REQUIRE(index.erase(42) == KeyIndex::absent);
  for (std::uint32_t k = 0; k < 100000; ++k) {
    REQUIRE(index.insert(k * 7919ull, k));
    REQUIRE(index.size() * 4 <= index.slot_count() * 3);
  }
  // Power-of-two table no more than twice the 3/4 bound: memory proportional to the keys held.
  REQUIRE(index.slot_count() == 262144);
  REQUIRE((index.slot_count() & (index.slot_count() - 1)) == 0);
  for (std::uint32_t k = 0; k < 100000; ++k)
    REQUIRE(index.find(k * 7919ull) == k);
  REQUIRE(index.find(7919ull * 100000) == KeyIndex::absent);
  REQUIRE_FALSE(index.insert(0, 5));
  REQUIRE(index.find(0) == 0);
}

TEST_CASE("Key index keeps probe runs intact through erase-heavy churn at its fullest", "[key_index]") {
  // An LRU cache's pattern: once full, every insert follows an erase, so the table sits near its load bound
  // and backward shifts run through long, wrapping probe runs.
  KeyIndex index;
  std::unordered_map<std::uint64_t, std::uint32_t> reference;
  Rng rng(3);
  for (std::uint32_t k = 0; k < 3000; ++k) {  // 3000 of 4096 slots: just under 3/4
    const std::uint64_t key = rng.next_u64();
    reference.emplace(key, k);
    REQUIRE(index.insert(key, k));
  }
  const std::size_t slots = index.slot_count();
  REQUIRE(slots == 4096);
  std::vector<std::uint64_t> held;
  for (const auto& [key, value] : reference)
    held.push_back(key);  // order irrelevant: victims are drawn at random below
  for (int round = 0; round < 200000; ++round) {
    const std::size_t victim = rng.below(held.size());
    REQUIRE(index.erase(held[victim]) == reference.at(held[victim]));
    reference.erase(held[victim]);
    const std::uint64_t key = rng.next_u64();
    const auto value = static_cast<std::uint32_t>(round);
    REQUIRE(index.insert(key, value));
    reference.emplace(key, value);
    held[victim] = key;
    if (round % 997 == 0) {
      for (const auto& [k, v] : reference)
        REQUIRE(index.find(k) == v);
    }
  }
  REQUIRE(index.slot_count() == slots);  // churn at a steady key count never grows the table
  REQUIRE(index.size() == 3000);
  for (const auto& [k, v] : reference)
    REQUIRE(index.find(k) == v);
  // Erasing everything leaves an empty table that still answers.
  for (std::uint64_t k : held)
    REQUIRE(index.erase(k) != KeyIndex::absent);
  REQUIRE(index.empty());
  REQUIRE(index.find(held[0]) == KeyIndex::absent);
}

TEST_CASE("Key index clear forgets every key and keeps its table", "[key_index]") {
  KeyIndex index;
  for (std::uint32_t k = 0; k < 1000; ++k)
    index.insert(k, k);
  const std::size_t slots = index.slot_count();
  index.clear();
  REQUIRE(index.empty());
  REQUIRE(index.slot_count() == slots);
  for (std::uint32_t k = 0; k < 1000; ++k)
    REQUIRE(index.find(k) == KeyIndex::absent);
  REQUIRE(index.insert(5, 1));
  REQUIRE(index.find(5) == 1);
}
