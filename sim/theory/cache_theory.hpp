#pragma once
// Hit ratios of caches under the independent reference model (each request picks key k with probability
// p_k, independently): Che's approximation for LRU, the exact LRU result for small key sets, and a TTL cache.
// Probabilities must sum to 1; invalid arguments throw std::invalid_argument.
#include <cstdint>
#include <span>

namespace sdsim::theory {

// Che's characteristic time T of an LRU cache holding `capacity` items, in requests: the root of
// sum_k (1 - exp(-p_k T)) = capacity. +infinity when capacity >= the number of keys with p_k > 0.
double che_characteristic_time(std::span<const double> probabilities, double capacity);

// Che's LRU hit ratio: sum_k p_k (1 - exp(-p_k T)) (Che, Tung and Wang 2002; Fricker, Robert and Roberts
// 2012 show it is asymptotically exact as the cache grows).
double che_lru_hit_ratio(std::span<const double> probabilities, double capacity);

// The exact LRU hit ratio (King 1971), by enumerating every ordered cache content: N! / (N - C)! states, so
// for a dozen keys at most.
double lru_hit_ratio_exact(std::span<const double> probabilities, std::uint32_t capacity);

// A cache without capacity limit whose items live `ttl_s` from insertion (hits do not extend them), filled on
// every miss, with Poisson requests at `rate_per_s`: key k hits lambda_k D / (1 + lambda_k D) of its
// requests (a renewal cycle is one miss then a Poisson number of hits within D). Exact.
double ttl_hit_ratio(std::span<const double> probabilities, double rate_per_s, double ttl_s);

}  // namespace sdsim::theory
