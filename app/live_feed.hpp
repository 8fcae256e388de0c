#pragma once
// A live session over the network for the visualizer (viz::LiveFeed): one connection reads snapshots on its
// own thread, another sends commands one at a time and keeps the last reply.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/live_trace.hpp"
#include "viz/live_view.hpp"

namespace sdsim::app {

class NetworkFeed final : public viz::LiveFeed {
 public:
  // `design` must outlive the feed. Connects in the background; status() says how it went.
  NetworkFeed(std::string host, std::string port, std::string token, const Design& design);
  ~NetworkFeed() override;
  NetworkFeed(const NetworkFeed&) = delete;
  NetworkFeed& operator=(const NetworkFeed&) = delete;

  bool poll(trace::Trace& trace) override;
  void send(const std::string& command) override;
  void clear_newest_fault() override;
  std::string status() const override;
  bool connected() const override { return connected_; }

 private:
  void read_snapshots();
  void send_commands();
  void set_status(std::string text);

  std::string host_;
  std::string port_;
  std::string token_;
  LiveTrace builder_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> connected_{true};
  mutable std::mutex mutex_;
  std::condition_variable commands_ready_;
  std::deque<live::Snapshot> snapshots_;
  std::deque<std::string> commands_;
  std::optional<std::size_t> newest_fault_;
  std::string status_ = "connecting";
  std::thread reader_;
  std::thread sender_;
};

}  // namespace sdsim::app
