#pragma once
// Random numbers implemented in the project (xoshiro256** seeded by SplitMix64), so that a seed gives the
// same stream on every machine and standard library. Each block draws from its own stream derived from the
// run seed.
#include <cstdint>
#include <string_view>

#include "sim/core/uint128.hpp"

namespace sdsim {

inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// FNV-1a: a stable 64-bit hash of a name, used to give a block the same stream whatever else the design
// holds.
inline std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t h = 0xCBF29CE484222325ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001B3ull;
  }
  return h;
}

// Which of `shards` partitions (or prefixes, nodes) a key lives on: a mixed hash, so that consecutive keys
// (the Zipf ranks) spread over shards like real key hashes do.
inline std::uint32_t shard_of(std::uint64_t key, std::uint64_t shards) {
  if (shards == 1) return 0;
  std::uint64_t state = key;
  std::uint64_t hash = splitmix64(state);
  // A mask instead of a division for a power of two: the same shard.
  return static_cast<std::uint32_t>((shards & (shards - 1)) == 0 ? hash & (shards - 1) : hash % shards);
}

// Seed of an independent stream: mixes a parent seed with a key (replication index, block name hash...).
inline std::uint64_t derive_seed(std::uint64_t parent, std::uint64_t key) {
  std::uint64_t state = parent ^ (key * 0xD1B54A32D192ED03ull);
  splitmix64(state);
  return splitmix64(state);
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed = 0) {
    std::uint64_t state = seed;
    for (auto& word : s_)
      word = splitmix64(state);
  }

  std::uint64_t next_u64() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
  // Uniform in (0, 1]: safe to take the logarithm of.
  double uniform_open_zero() { return static_cast<double>((next_u64() >> 11) + 1) * 0x1.0p-53; }
  // Uniform integer in [0, n), n > 0 (Lemire's multiply-shift; bias below 2^-64 * n).
  std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<Uint128>(next_u64()) * n) >> 64);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace sdsim
