#include "sim/metrics/consistency.hpp"

#include <algorithm>
#include <limits>

#include "sim/metrics/collector.hpp"

namespace sdsim {

namespace {

// Bin edges in ns, from visibility_edges_ms.
constexpr std::array<SimTime, visibility_bin_count> edges_ns = [] {
  std::array<SimTime, visibility_bin_count> out{};
  for (std::size_t i = 0; i < visibility_bin_count; ++i)
    out[i] = static_cast<SimTime>(visibility_edges_ms[i]) * ns_per_ms;
  return out;
}();

}  // namespace

ConsistencyMetrics::ConsistencyMetrics(std::vector<std::string> flow_names,
                                       std::vector<std::string> block_names,
                                       std::vector<bool> session_origins)
    : flow_names_(std::move(flow_names)),
      session_origins_(std::move(session_origins)),
      block_names_(std::move(block_names)),
      flows_(flow_names_.size()),
      blocks_(block_names_.size()) {}

std::size_t ConsistencyMetrics::visibility_bin(SimTime since_write) {
  // The last edge not above it (edges_ns[0] is 0): 4 comparisons.
  return static_cast<std::size_t>(std::upper_bound(edges_ns.begin() + 1, edges_ns.end(), since_write) -
                                  edges_ns.begin()) -
         1;
}

void ConsistencyMetrics::Counts::add(const ReadRecord& r, std::size_t bin) {
  ++reads;
  if (r.stale) {
    ++stale;
    behind_sum += r.versions_behind;
    behind_max = std::max(behind_max, r.versions_behind);
    if (!age) age = std::make_unique<Histogram>();
    age->record(r.age);
  }
  if (bin < visibility_bin_count) {
    ++bin_reads[bin];
    if (!r.stale) ++bin_fresh[bin];
  }
}

std::size_t ConsistencyMetrics::SessionKeyHash::operator()(const SessionKey& k) const {
  // splitmix64 finalizer over the fields folded together.
  std::uint64_t x = k.key ^ (std::uint64_t{k.origin} << 32 | k.user) * 0x9E3779B97F4A7C15ull ^
                    reinterpret_cast<std::uintptr_t>(k.source);
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return static_cast<std::size_t>(x ^ (x >> 31));
}

void ConsistencyMetrics::on_read(const ReadRecord& r) {
  const std::size_t bin = r.since_write < 0 ? visibility_bin_count : visibility_bin(r.since_write);
  if (r.block >= blocks_.size()) blocks_.resize(r.block + 1);
  Counts* flow = r.flow < flows_.size() ? &flows_[r.flow] : nullptr;
  Counts& block = blocks_[r.block];
  if (flow) flow->add(r, bin);
  block.add(r, bin);
  if (!r.source || !in_session(r.origin)) return;
  SessionState& s = sessions_[SessionKey{r.origin, r.user, r.key, r.source}];
  const bool ryw = r.version < s.written;
  const bool monotonic = r.version < s.read;
  s.read = std::max(s.read, r.version);
  for (Counts* c : {flow, &block}) {
    if (!c) continue;
    ++c->session_reads;
    c->ryw_violations += ryw ? 1 : 0;
    c->monotonic_violations += monotonic ? 1 : 0;
  }
}

void ConsistencyMetrics::on_write(const WriteRecord& w) {
  if (w.lost_updates > 0) {
    if (w.flow < flows_.size()) flows_[w.flow].lost_updates += w.lost_updates;
    if (w.block >= blocks_.size()) blocks_.resize(w.block + 1);
    blocks_[w.block].lost_updates += w.lost_updates;
  }
  if (!in_session(w.origin)) return;
  SessionState& s = sessions_[SessionKey{w.origin, w.user, w.key, w.source}];
  s.written = std::max(s.written, w.version);
}

void ConsistencyMetrics::on_statistics_reset(SimTime) {
  for (auto* list : {&flows_, &blocks_}) {
    for (Counts& c : *list) {
      std::unique_ptr<Histogram> age = std::move(c.age);
      c = Counts{};
      if (age) {
        age->clear();
        c.age = std::move(age);
      }
    }
  }
}

std::uint64_t ConsistencyMetrics::reads() const {
  std::uint64_t n = 0;
  for (const Counts& c : flows_)
    n += c.reads;
  return n;
}

ConsistencyFigures<double> ConsistencyMetrics::figures(const std::string& name, const Counts& c) {
  ConsistencyFigures<double> f;
  f.name = name;
  f.reads = static_cast<double>(c.reads);
  f.stale = static_cast<double>(c.stale);
  f.stale_fraction = c.reads ? f.stale / f.reads : 0;
  f.versions_behind_mean = c.stale ? static_cast<double>(c.behind_sum) / f.stale : 0;
  f.versions_behind_max = static_cast<double>(c.behind_max);
  f.session_reads = static_cast<double>(c.session_reads);
  f.read_your_writes_violations = static_cast<double>(c.ryw_violations);
  f.monotonic_read_violations = static_cast<double>(c.monotonic_violations);
  f.lost_updates = static_cast<double>(c.lost_updates);
  f.age = latency_figures(c.age ? *c.age : Histogram{});
  for (std::size_t b = 0; b < visibility_bin_count; ++b) {
    VisibilityBin<double>& bin = f.visibility.emplace_back();
    bin.from_ms = visibility_edges_ms[b];
    bin.to_ms =
        b + 1 < visibility_bin_count ? visibility_edges_ms[b + 1] : std::numeric_limits<double>::infinity();
    bin.reads = static_cast<double>(c.bin_reads[b]);
    bin.fresh_fraction = c.bin_reads[b] ? static_cast<double>(c.bin_fresh[b]) / bin.reads
                                        : std::numeric_limits<double>::quiet_NaN();
  }
  return f;
}

std::vector<ConsistencyFigures<double>> ConsistencyMetrics::figures(const std::vector<std::string>& names,
                                                                    const std::vector<Counts>& counts) {
  std::vector<ConsistencyFigures<double>> out;
  static const Counts none;
  for (std::size_t i = 0; i < names.size(); ++i)
    out.push_back(figures(names[i], i < counts.size() ? counts[i] : none));
  return out;
}

std::vector<ConsistencyFigures<double>> ConsistencyMetrics::flow_figures() const {
  return figures(flow_names_, flows_);
}

std::vector<ConsistencyFigures<double>> ConsistencyMetrics::block_figures() const {
  return figures(block_names_, blocks_);
}

}  // namespace sdsim
