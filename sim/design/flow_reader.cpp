#include "sim/design/flow_reader.hpp"

#include <algorithm>

#include "sim/catalog/format_params.hpp"
#include "sim/design/object_reader.hpp"

namespace sdsim {

namespace {

constexpr std::size_t max_calls = 10'000;

class CallReader {
 public:
  explicit CallReader(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}

  // Reads the keys every call has ("to" or "entry" aside) into `call`. `first`: no earlier sibling exists for
  // an "if" to test. The root call (the flow itself) takes no probability, condition or async.
  void read_call(ObjectReader& r, CallSpec& call, bool first, bool is_root) {
    if (auto op = r.text(format::call_op)) call.operation = *op;
    if (!is_root) {
      if (auto p = r.number(format::call_p)) call.probability = *p;
      if (auto condition = r.text(format::call_if)) {
        call.condition = *condition == "hit" ? CallCondition::if_hit : CallCondition::if_miss;
        if (first) {
          diagnostics_.error(r.child_pointer("if"),
                             "\"if\" tests the previous call, but this is the first one",
                             "put the call it depends on (a cache get) before it");
        }
      }
      if (auto async = r.boolean(format::call_async)) call.async = *async;
    }
    if (auto parallel = r.boolean(format::call_parallel)) call.parallel = *parallel;
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
      read_call(r, call, i == 0, false);
      parent.calls.push_back(std::move(call));
    }
  }

  Diagnostics& diagnostics_;
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
  CallReader(diagnostics).read_call(r, flow.root, true, true);
  if (diagnostics.size() == before) design.flows.push_back(std::move(flow));
}

void check_call_targets(const Design& design, const std::vector<std::string>& blocks,
                        Diagnostics& diagnostics) {
  for (const FlowSpec& flow : design.flows)
    check_targets(flow.root, blocks, true, diagnostics);
}

}  // namespace sdsim
