#include "sim/blocks/closed_source.hpp"

#include "sim/core/engine.hpp"

namespace sdsim {

ClosedSource::ClosedSource(std::string name, ClosedSourceDef def, Rng rng, Rng key_rng, Rng mix_rng)
    : Source(std::move(name), "closed_source", def.flow, def.target, def.keys, key_rng, std::move(def.mix),
             mix_rng, def.users),
      users_(def.users),
      think_(std::move(def.think)),
      rng_(rng) {}

void ClosedSource::start(Engine& engine) {
  // Every user starts thinking at time 0, so first requests are spread like later ones.
  for (std::uint32_t user = 0; user < users_; ++user)
    engine.schedule_in(think_.sample(rng_), id(), 0, user);
}

void ClosedSource::on_event(Engine& engine, const Event& e) {
  emit(engine, e.arg);
}

void ClosedSource::on_request_finished(Engine& engine, RequestId id, Outcome outcome) {
  Source::on_request_finished(engine, id, outcome);
  engine.schedule_in(think_.sample(rng_), this->id(), 0, engine.request(id).user);
}

}  // namespace sdsim
