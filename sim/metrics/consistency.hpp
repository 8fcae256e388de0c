#pragma once
// The consistency observer: every judged read (Engine::report_read) counted per flow and per block: stale
// reads, staleness age percentiles, versions behind, and the t-visibility curve (P(fresh) by time since the
// key's newest write). Forgets what it saw at the end of warm-up.
//
// Sessions: the requests of one closed-loop user (an origin named a session origin, and the user index) are
// one session, as a client that keeps its connection or session token. Per session and key (and data
// block), the observer keeps the newest version the session wrote and the newest it read: a later read
// returning less than the first violates read-your-writes, less than the second monotonic reads. Open-loop
// requests belong to no session. Session state is kept over warm-up (only the counts restart); it grows with
// the (user, key) pairs that were read or written. Lost updates (a global table's writes overwriting
// versions from another region unseen) count per flow and block of the overwriting write.
#include <array>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/core/observer.hpp"
#include "sim/metrics/histogram.hpp"
#include "sim/metrics/summary.hpp"

namespace sdsim {

class ConsistencyMetrics final : public Observer {
 public:
  // Names index the figures: flows by FlowId, blocks by BlockId.
  // `session_origins`, by BlockId: the sources whose users are sessions (closed loops); none when empty.
  ConsistencyMetrics(std::vector<std::string> flow_names, std::vector<std::string> block_names,
                     std::vector<bool> session_origins = {});

  std::uint32_t interests() const override { return interest_reads; }
  void on_read(const ReadRecord& r) override;
  void on_write(const WriteRecord& w) override;
  void on_statistics_reset(SimTime now) override;

  // Reads judged since the last reset, over every flow.
  std::uint64_t reads() const;
  // Every flow (design order) and every block (engine order), with 0 reads where none was judged.
  std::vector<ConsistencyFigures<double>> flow_figures() const;
  std::vector<ConsistencyFigures<double>> block_figures() const;
  // The bin of the t-visibility curve a read `since_write` ns after the write falls in (since_write >= 0).
  static std::size_t visibility_bin(SimTime since_write);

 private:
  struct Counts {
    std::uint64_t reads = 0;
    std::uint64_t stale = 0;
    std::uint64_t behind_sum = 0;
    std::uint64_t behind_max = 0;
    std::unique_ptr<Histogram> age;  // ns, stale reads; made at the first stale read (a Histogram is ~58 KB)
    std::array<std::uint64_t, visibility_bin_count> bin_reads{};
    std::array<std::uint64_t, visibility_bin_count> bin_fresh{};
    std::uint64_t session_reads = 0;
    std::uint64_t ryw_violations = 0;
    std::uint64_t monotonic_violations = 0;
    std::uint64_t lost_updates = 0;

    void add(const ReadRecord& r, std::size_t bin);
  };
  static ConsistencyFigures<double> figures(const std::string& name, const Counts& c);
  static std::vector<ConsistencyFigures<double>> figures(const std::vector<std::string>& names,
                                                         const std::vector<Counts>& counts);

  struct SessionKey {
    BlockId origin;
    std::uint32_t user;
    std::uint64_t key;
    const void* source;
    bool operator==(const SessionKey&) const = default;
  };
  struct SessionKeyHash {
    std::size_t operator()(const SessionKey& k) const;
  };
  struct SessionState {
    std::uint64_t written = 0;  // newest version the session wrote
    std::uint64_t read = 0;     // newest version the session read
  };
  bool in_session(BlockId origin) const {
    return origin < session_origins_.size() && session_origins_[origin];
  }

  std::vector<std::string> flow_names_;
  std::vector<bool> session_origins_;
  std::unordered_map<SessionKey, SessionState, SessionKeyHash> sessions_;
  std::vector<std::string> block_names_;
  std::vector<Counts> flows_;
  std::vector<Counts> blocks_;
};

}  // namespace sdsim
