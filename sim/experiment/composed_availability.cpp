#include "sim/experiment/composed_availability.hpp"

#include <algorithm>

namespace sdsim {

namespace {

// A pool in one Availability Zone cannot claim the Region-level SLA, which needs two or more zones.
constexpr double single_zone_compute = 0.995;  // aws-facts EC2 instance-level SLA
constexpr int max_depth = 64;                  // "next" routes may loop back (feedback): stop there

class Composer {
 public:
  explicit Composer(const Design& design) : design_(design) {}

  double of_call(const CallSpec& call, int depth) {
    const BlockSpec* block = design_.find_block(call.to);
    if (!block || depth > max_depth) return 1;
    const double own = block_availability(*block);
    if (call.calls.empty()) return own * of_routes(*block, depth);
    if (block->kind == "dns") {
      double all_down = 1;
      for (const CallSpec& target : call.calls)
        all_down *= 1 - of_call(target, depth + 1);
      return own * (1 - all_down);
    }
    double product = own;
    for (const CallSpec& child : call.calls) {
      if (child.async) continue;
      product *= 1 - child.probability * (1 - of_call(child, depth + 1));
    }
    return product;
  }

  const std::string& weakest() const { return weakest_; }
  double weakest_availability() const { return weakest_availability_; }

 private:
  double block_availability(const BlockSpec& block) {
    double a = block.params.number_or("sla_availability", 100) / 100;
    if (block.kind == "compute" && in_one_zone(block)) a = std::min(a, single_zone_compute);
    if (a < weakest_availability_) {
      weakest_availability_ = a;
      weakest_ = block.name;
    }
    return a;
  }

  bool in_one_zone(const BlockSpec& block) const {
    if (block.placement.size() != 1) return false;
    for (const RegionSpec& region : design_.regions) {
      if (std::find(region.zones.begin(), region.zones.end(), block.placement[0]) != region.zones.end())
        return true;
    }
    return false;  // a region's name: all its zones
  }

  // A block serving a flow without calls hands the request on along its "next" routes.
  double of_routes(const BlockSpec& block, int depth) {
    double product = 1;
    for (const RouteSpec& route : block.next) {
      const BlockSpec* next = design_.find_block(route.to);
      if (!next || depth > max_depth) continue;
      const double a = block_availability(*next) * of_routes(*next, depth + 1);
      product *= 1 - route.probability * (1 - a);
    }
    return product;
  }

  const Design& design_;
  std::string weakest_;
  double weakest_availability_ = 1;
};

}  // namespace

std::vector<ComposedAvailability> compose_availability(const Design& design) {
  std::vector<ComposedAvailability> out;
  for (const FlowSpec& flow : design.flows) {
    Composer composer(design);
    ComposedAvailability c;
    c.flow = flow.name;
    c.availability = composer.of_call(flow.root, 0);
    c.weakest = composer.weakest();
    c.weakest_availability = composer.weakest_availability();
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace sdsim
