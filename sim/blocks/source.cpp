#include "sim/blocks/source.hpp"

#include "sim/core/engine.hpp"

namespace sdsim {

namespace {

// Turns shares into cumulative fractions ending at exactly 1.
template <class Choice>
std::vector<Choice> cumulative(std::vector<Choice> choices) {
  double total = 0;
  for (const Choice& c : choices)
    total += c.share;
  double sum = 0;
  for (Choice& c : choices) {
    sum += c.share;
    c.share = sum / total;
  }
  if (!choices.empty()) choices.back().share = 1;
  return choices;
}

// The first choice whose cumulative share exceeds u in [0, 1).
template <class Choice>
const Choice& pick(const std::vector<Choice>& choices, double u) {
  for (const Choice& c : choices) {
    if (u < c.share) return c;
  }
  return choices.back();
}

}  // namespace

Source::Source(std::string name, const char* kind, FlowId flow, BlockId target, KeySampler keys, Rng key_rng,
               TrafficMix mix, Rng mix_rng, std::uint32_t users)
    : Block(std::move(name)),
      kind_(kind),
      flow_(flow),
      target_(target),
      keys_(keys, key_rng),
      flows_(cumulative(std::move(mix.flows))),
      origins_(cumulative(std::move(mix.origins))),
      mix_rng_(mix_rng),
      users_(users) {}

void Source::emit(Engine& engine, std::uint32_t user) {
  ++emitted_;
  outstanding_.change(engine.now(), +1);
  FlowId flow = flow_;
  BlockId entry = target_;
  // Draws only where there is a choice, so a single-flow, single-region source draws nothing extra.
  if (flows_.size() > 1) {
    const TrafficMix::Flow& f = pick(flows_, mix_rng_.uniform());
    flow = f.flow;
    entry = f.entry;
  }
  ZoneId zone = origins_.empty() ? client_zone : origins_.front().zone;
  if (origins_.size() > 1) {
    double u = users_ > 0 ? (user + 0.5) / users_ : mix_rng_.uniform();
    zone = pick(origins_, u).zone;
  }
  engine.start_request(id(), flow, user, entry, keys_.next(), zone);
}

void Source::on_request_finished(Engine& engine, RequestId, Outcome) {
  ++finished_;
  outstanding_.change(engine.now(), -1);
}

void Source::reset_statistics(SimTime now) {
  outstanding_.restart(now);
  emitted_ = finished_ = 0;
}

BlockCounters Source::counters(SimTime now) const {
  BlockCounters c;
  c.name = name();
  c.kind = kind_;
  c.arrivals = emitted_;
  c.completions = finished_;
  c.mean_in_system = outstanding_.average(now);
  c.peak_in_system = outstanding_.peak();
  c.in_system_at_end = outstanding_.level();
  return c;
}

}  // namespace sdsim
