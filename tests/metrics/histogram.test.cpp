#include "sim/metrics/histogram.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sim/core/rng.hpp"

using namespace sdsim;

TEST_CASE("Bucket edges tile the value range without gaps", "[histogram]") {
  for (std::size_t i = 0; i + 1 < Histogram::bucket_count; ++i) {
    REQUIRE(Histogram::lower_edge(i) + Histogram::width(i) == Histogram::lower_edge(i + 1));
    REQUIRE(Histogram::index_of(Histogram::lower_edge(i)) == i);
    REQUIRE(Histogram::index_of(Histogram::lower_edge(i + 1) - 1) == i);
  }
  REQUIRE(Histogram::index_of(INT64_MAX) == Histogram::bucket_count - 1);
}

TEST_CASE("Percentiles are within the stated relative error of the exact sample percentile", "[histogram]") {
  Rng rng(17);
  Histogram h;
  std::vector<std::int64_t> values;
  for (int i = 0; i < 100000; ++i) {
    // Log-uniform from 1 ns to 10 s exercises every octave.
    auto v = static_cast<std::int64_t>(std::exp(rng.uniform() * std::log(1e10)));
    values.push_back(v);
    h.record(v);
  }
  std::sort(values.begin(), values.end());
  for (double q : {0.01, 0.1, 0.5, 0.9, 0.99, 0.999, 1.0}) {
    auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
    double exact = static_cast<double>(values[rank - 1]);
    INFO("q = " << q);
    REQUIRE(std::abs(h.percentile(q) - exact) <= exact * Histogram::max_relative_error + 0.5);
  }
  REQUIRE(Histogram::max_relative_error <= 0.01);
  REQUIRE(h.max() == values.back());
  REQUIRE(h.min() == values.front());
  REQUIRE(h.count() == values.size());
}

TEST_CASE("Mean is exact and merge adds", "[histogram]") {
  Histogram a, b;
  a.record(10);
  a.record(30);
  b.record(1'000'000'000'000);
  REQUIRE(a.mean() == 20.0);
  a.merge(b);
  REQUIRE(a.count() == 3);
  REQUIRE(a.mean() == Approx((40.0 + 1e12) / 3));
  REQUIRE(a.max() == 1'000'000'000'000);
  REQUIRE(a.fraction_above(30) == Approx(1.0 / 3));
  a.clear();
  REQUIRE(a.count() == 0);
  REQUIRE(a.percentile(0.5) == 0.0);
}

TEST_CASE("Adding n zeros at once is recording 0 n times", "[histogram]") {
  Histogram one_by_one, at_once;
  for (std::int64_t v : {5'000, 120, 77'000'000}) {
    one_by_one.record(v);
    at_once.record(v);
  }
  for (int i = 0; i < 7; ++i)
    one_by_one.record(0);
  at_once.add_zeros(7);
  at_once.add_zeros(0);
  REQUIRE(at_once.count() == one_by_one.count());
  REQUIRE(at_once.min() == 0);
  REQUIRE(at_once.max() == one_by_one.max());
  REQUIRE(at_once.mean() == one_by_one.mean());
  for (double q : {0.1, 0.5, 0.7, 0.8, 0.95, 1.0})
    REQUIRE(at_once.percentile(q) == one_by_one.percentile(q));
  REQUIRE(at_once.fraction_above(0) == one_by_one.fraction_above(0));

  Histogram untouched;
  untouched.record(9);
  untouched.add_zeros(0);
  REQUIRE(untouched.min() == 9);
}
