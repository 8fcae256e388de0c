#pragma once
// Where a request goes after a block serves it: to one of several blocks with given probabilities, or back to
// its client (the remaining probability). A route with one certain hop draws no random number.
#include <vector>

#include "sim/core/event.hpp"
#include "sim/core/rng.hpp"

namespace sdsim {

class Route {
 public:
  // Adds a hop taken with probability p (the hops' probabilities sum to at most 1).
  void add(BlockId to, double p) {
    total_ += p;
    hops_.push_back({to, total_});
  }

  // The next block, or no_block when the request is done.
  BlockId choose(Rng& rng) const {
    if (hops_.empty()) return no_block;
    if (hops_.size() == 1 && hops_[0].cumulative >= 1.0) return hops_[0].to;
    double u = rng.uniform();
    for (const Hop& hop : hops_) {
      if (u < hop.cumulative) return hop.to;
    }
    return no_block;
  }

 private:
  struct Hop {
    BlockId to;
    double cumulative;
  };
  std::vector<Hop> hops_;
  double total_ = 0;
};

}  // namespace sdsim
