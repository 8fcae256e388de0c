#include "sim/design/flow_reader.hpp"

#include <algorithm>

#include "sim/catalog/format_params.hpp"
#include "sim/design/object_reader.hpp"

namespace sdsim {

void read_call_guard(ObjectReader& r, CallSpec& call, Diagnostics& diagnostics) {
  CallGuard& g = call.guard;
  if (auto ms = r.number(format::call_timeout); ms && r.has(format::call_timeout.name)) {
    g.timeout = from_ms(*ms);
  }
  if (const Json* retry = r.member(format::call_retry)) {
    ObjectReader rr(*retry, r.child_pointer("retry"), diagnostics, "retry");
    if (auto max = rr.integer(format::retry_max)) g.retry.max = static_cast<std::uint32_t>(*max);
    double base_ms = rr.number(format::retry_backoff).value_or(0);
    double cap_ms = rr.number(format::retry_max_backoff).value_or(base_ms);
    g.retry.base = from_ms(base_ms);
    g.retry.cap = from_ms(cap_ms);
    if (cap_ms < base_ms) {
      diagnostics.error(rr.child_pointer("max_backoff_ms"),
                        "max_backoff_ms (" + number_text(cap_ms) + " ms) is below backoff_ms (" +
                            number_text(base_ms) + " ms)",
                        "the cap must be at least the first backoff");
    }
    std::string jitter =
        rr.text(format::retry_jitter).value_or(std::string(format::retry_jitter.default_text));
    g.retry.jitter = jitter == "none" ? Jitter::none : jitter == "equal" ? Jitter::equal : Jitter::full;
    rr.finish();
  }
  if (const Json* budget = r.member(format::call_retry_budget)) {
    ObjectReader rb(*budget, r.child_pointer("retry_budget"), diagnostics, "retry_budget");
    g.budget.enabled = true;
    g.budget.ratio = rb.number(format::budget_ratio).value_or(0);
    g.budget.min_per_s = rb.number(format::budget_min_per_s).value_or(0);
    rb.finish();
    if (!r.has(format::call_retry.name)) {
      diagnostics.error(r.child_pointer("retry_budget"), "a retry budget on a call that does not retry",
                        "add \"retry\": {\"max\": 2} beside it, or drop the budget");
    }
  }
  if (const Json* breaker = r.member(format::call_circuit_breaker)) {
    ObjectReader rc(*breaker, r.child_pointer("circuit_breaker"), diagnostics, "circuit_breaker");
    g.breaker.enabled = true;
    g.breaker.failure_ratio = rc.number(format::breaker_failure_ratio).value_or(1);
    g.breaker.window = from_s(rc.number(format::breaker_window).value_or(1));
    g.breaker.min_calls = static_cast<std::uint32_t>(rc.integer(format::breaker_min_calls).value_or(1));
    g.breaker.open = from_s(rc.number(format::breaker_open).value_or(1));
    rc.finish();
  }
  if (call.async && g.any()) {
    const char* key = g.timeout > 0           ? "timeout_ms"
                      : r.has("retry")        ? "retry"
                      : r.has("retry_budget") ? "retry_budget"
                                              : "circuit_breaker";
    diagnostics.error(r.child_pointer(key),
                      std::string("\"") + key + "\" on an asynchronous call, whose caller does not wait",
                      "drop \"async\": true, or put the resilience on the consumer's calls");
  }
}

namespace {

constexpr std::size_t max_calls = 10'000;

class CallReader {
 public:
  // `has_regions`: the design places blocks in zones, so hops have links that sizes cross.
  CallReader(Diagnostics& diagnostics, bool has_regions)
      : diagnostics_(diagnostics), has_regions_(has_regions) {}

  // Reads the keys every call has ("to" or "entry" aside) into `call`. The root call (the flow itself) takes
  // no probability, condition or async. An "if" tests the previous call's answer, or for a first call the
  // answer of the block making it (an edge cache that missed calls its origin).
  void read_call(ObjectReader& r, CallSpec& call, bool is_root) {
    if (auto op = r.text(format::call_op)) call.operation = *op;
    if (!is_root) {
      if (auto p = r.number(format::call_p)) call.probability = *p;
      if (auto condition = r.text(format::call_if)) {
        call.condition = *condition == "hit" ? CallCondition::if_hit : CallCondition::if_miss;
      }
      if (auto async = r.boolean(format::call_async)) call.async = *async;
    }
    if (auto parallel = r.boolean(format::call_parallel)) call.parallel = *parallel;
    if (auto kb = r.number(format::call_request_kb)) call.request_kb = *kb;
    if (auto kb = r.number(format::call_response_kb)) call.response_kb = *kb;
    if ((call.request_kb > 0 || call.response_kb > 0) && !has_regions_) {
      diagnostics_.error(r.child_pointer(call.request_kb > 0 ? "request_kb" : "response_kb"),
                         "a call's size costs time only on network hops, and the design declares no regions",
                         "add \"regions\": { \"us-east-1\": [\"use1-az1\", \"use1-az2\"] } at the top level, "
                         "or drop the size");
    }
    read_call_guard(r, call, diagnostics_);
    if (const Json* calls = r.member(format::call_calls)) read_calls(*calls, r.child_pointer("calls"), call);
    r.finish();
  }

 private:
  void read_calls(const Json& list, const std::string& pointer, CallSpec& parent) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (++count_ > max_calls) {
        diagnostics_.error(pointer, "more than " + std::to_string(max_calls) + " calls in one flow",
                           "a design this large is not a system-design sketch; simplify the flow");
        return;
      }
      std::string at = pointer + "/" + std::to_string(i);
      ObjectReader r(list[i], at, diagnostics_, "call");
      if (!r.is_object()) continue;
      CallSpec call;
      call.pointer = at;
      if (auto to = r.text(format::call_to)) call.to = *to;
      read_call(r, call, false);
      parent.calls.push_back(std::move(call));
    }
  }

  Diagnostics& diagnostics_;
  bool has_regions_;
  std::size_t count_ = 0;
};

void check_targets(const CallSpec& call, const std::vector<std::string>& blocks, bool is_root,
                   Diagnostics& diagnostics) {
  if (!call.to.empty() && std::find(blocks.begin(), blocks.end(), call.to) == blocks.end()) {
    std::string guess = closest_match(call.to, blocks);
    diagnostics.error(
        call.pointer + (is_root ? "/entry" : "/to"),
        std::string(is_root ? "entry block" : "call target") + " \"" + call.to +
            "\" is not a block of this design",
        guess.empty() ? "declare it under /blocks or fix the name" : "did you mean \"" + guess + "\"?");
  }
  for (const CallSpec& child : call.calls)
    check_targets(child, blocks, false, diagnostics);
}

// "consume" names a queue or stream block, and each has at most one consumer flow.
void check_consumers(const Design& design, const std::vector<std::string>& blocks, Diagnostics& diagnostics) {
  std::vector<std::string> queues;
  for (const BlockSpec& b : design.blocks) {
    if (b.kind == "queue" || b.kind == "stream") queues.push_back(b.name);
  }
  std::vector<const FlowSpec*> consumer_of;
  for (const FlowSpec& flow : design.flows) {
    if (flow.consume.empty()) continue;
    std::string at = flow.pointer + "/consume";
    const BlockSpec* block = design.find_block(flow.consume);
    if (block && block->kind != "queue" && block->kind != "stream") {
      diagnostics.error(at, "\"" + flow.consume + "\" is a " + block->kind + " block, not a queue or stream",
                        "\"consume\" names a block of kind \"queue\" or \"stream\"");
      continue;
    }
    if (!block) {
      // A declared block whose own parameters failed to read is not in design.blocks: not a dangling name.
      if (std::find(blocks.begin(), blocks.end(), flow.consume) != blocks.end()) continue;
      std::string guess = closest_match(flow.consume, queues.empty() ? blocks : queues);
      diagnostics.error(at, "\"consume\" names \"" + flow.consume + "\", which is not a block of this design",
                        guess.empty() ? "declare a block of kind \"queue\" or \"stream\" under /blocks"
                                      : "did you mean \"" + guess + "\"?");
      continue;
    }
    if (flow.entry() == flow.consume) {
      // Each message's processing would send a new message at once: an endless chain at one instant.
      diagnostics.error(flow.pointer + "/entry",
                        "consumer flow \"" + flow.name + "\" enters at its own " + block->kind + " \"" +
                            flow.consume + "\"",
                        "enter at the block that processes the message (a compute or function block)");
    }
    for (const FlowSpec* other : consumer_of) {
      if (other->consume == flow.consume) {
        diagnostics.error(
            at,
            block->kind + " \"" + flow.consume + "\" already has the consumer flow \"" + other->name +
                "\"; a " + block->kind + " has at most one",
            "route both kinds of message through one flow, or give each its own " + block->kind);
        break;
      }
    }
    consumer_of.push_back(&flow);
  }
}

void calls_to(const CallSpec& call, const std::string& block, std::vector<const CallSpec*>& out) {
  if (call.to == block) out.push_back(&call);
  for (const CallSpec& child : call.calls)
    calls_to(child, block, out);
}

bool same_targets(const CallSpec& a, const CallSpec& b) {
  if (a.calls.size() != b.calls.size()) return false;
  for (std::size_t i = 0; i < a.calls.size(); ++i) {
    if (a.calls[i].to != b.calls[i].to || a.calls[i].probability != b.calls[i].probability) return false;
  }
  return true;
}

// A DNS name's targets are the calls under it; every call reaching it lists the same ones (one record set
// answers them all), unconditional and synchronous (a lookup answers exactly one), each once.
void check_dns_targets(const Design& design, Diagnostics& diagnostics) {
  for (const BlockSpec& block : design.blocks) {
    if (block.kind != "dns") continue;
    std::vector<const CallSpec*> visits;
    for (const FlowSpec& flow : design.flows)
      calls_to(flow.root, block.name, visits);
    const std::string name = "dns \"" + block.name + "\"";
    for (const CallSpec* visit : visits) {
      if (visit->calls.empty()) {
        diagnostics.error(visit->pointer, name + " is reached with no targets under it",
                          "list the entry points it answers as calls under it, e.g. \"calls\": [{\"to\": "
                          "\"lb-east\"}, {\"to\": \"lb-west\"}]");
        continue;
      }
      for (std::size_t i = 0; i < visit->calls.size(); ++i) {
        const CallSpec& target = visit->calls[i];
        if (target.condition != CallCondition::always || target.async) {
          diagnostics.error(target.pointer,
                            name + " target \"" + target.to + "\" is conditional or asynchronous",
                            "remove \"if\" and \"async\": a lookup answers exactly one target");
        }
        for (std::size_t j = 0; j < i; ++j) {
          if (visit->calls[j].to == target.to) {
            diagnostics.error(target.pointer, name + " lists \"" + target.to + "\" twice among its targets",
                              "list each target once");
          }
        }
      }
      const CallSpec* first = visits.front();
      if (visit != first && !first->calls.empty() && !same_targets(*visit, *first)) {
        diagnostics.error(visit->pointer + "/calls",
                          name + " is given other targets here than at " + first->pointer,
                          "list the same targets, in the same order and with the same \"p\", wherever it is "
                          "called: one record set answers them all");
      }
    }
  }
}

}  // namespace

void read_flow(const std::string& name, const Json& value, const std::string& pointer, Design& design,
               Diagnostics& diagnostics) {
  std::size_t before = diagnostics.size();
  ObjectReader r(value, pointer, diagnostics, "flow \"" + name + "\"");
  if (!r.is_object()) return;
  FlowSpec flow;
  flow.name = name;
  flow.pointer = pointer;
  flow.root.pointer = pointer;
  if (auto entry = r.text(format::flow_entry)) flow.root.to = *entry;
  if (auto consume = r.text(format::flow_consume)) flow.consume = *consume;
  CallReader(diagnostics, !design.regions.empty()).read_call(r, flow.root, true);
  if (diagnostics.size() == before) design.flows.push_back(std::move(flow));
}

void check_call_targets(const Design& design, const std::vector<std::string>& blocks,
                        Diagnostics& diagnostics) {
  for (const FlowSpec& flow : design.flows)
    check_targets(flow.root, blocks, true, diagnostics);
  check_consumers(design, blocks, diagnostics);
  check_dns_targets(design, diagnostics);
}

}  // namespace sdsim
