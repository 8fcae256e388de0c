#include "sim/core/sample_stream.hpp"

#include <catch2/catch.hpp>

#include "sim/core/distribution.hpp"
#include "sim/core/key_sampler.hpp"

using namespace sdsim;

TEST_CASE("A sample stream gives the values of drawing one at a time, across its batches",
          "[sample_stream]") {
  const Distribution lognormal = Distribution::lognormal(1e6, 5e6);
  SampleStream<Distribution> stream(lognormal, Rng(17));
  Rng one_at_a_time(17);
  for (int i = 0; i < 1000; ++i)
    REQUIRE(stream.next() == lognormal.sample(one_at_a_time));

  // A sampler drawing a varying number of values per sample (Zipf's rejection loop, a hot-key share).
  const KeySampler keys = KeySampler::zipf(1'000'000, 0.99).with_hot_keys(0.2, 10);
  SampleStream<KeySampler> key_stream(keys, Rng(23));
  Rng key_rng(23);
  for (int i = 0; i < 1000; ++i)
    REQUIRE(key_stream.next() == keys.sample(key_rng));
}
