#include "app/live_feed.hpp"

#include <memory>

#include "live/line_client.hpp"
#include "live/reply_line.hpp"

namespace sdsim::app {

using namespace std::chrono_literals;

namespace {

// Connects and authenticates; returns what went wrong, or "".
std::string open_session(live::LineClient& client, const std::string& host, const std::string& port,
                         const std::string& token) {
  if (std::string problem = client.connect(host, port, 3s); !problem.empty()) return problem;
  if (token.empty()) return "";
  if (std::string problem = client.send_line("auth " + token, 3s); !problem.empty()) return problem;
  for (int i = 0; i < 100; ++i) {
    auto line = client.read_line(3s);
    if (!line) return client.error();
    if (auto reply = live::reply_from_json(*line)) return reply->ok ? "" : reply->message;
  }
  return "no answer to 'auth'";
}

}  // namespace

NetworkFeed::NetworkFeed(std::string host, std::string port, std::string token, const Design& design)
    : host_(std::move(host)), port_(std::move(port)), token_(std::move(token)), builder_(design) {
  reader_ = std::thread([this] { read_snapshots(); });
  sender_ = std::thread([this] { send_commands(); });
}

NetworkFeed::~NetworkFeed() {
  stop_ = true;
  commands_ready_.notify_all();
  reader_.join();
  sender_.join();
}

void NetworkFeed::set_status(std::string text) {
  std::lock_guard lock(mutex_);
  status_ = std::move(text);
}

std::string NetworkFeed::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

void NetworkFeed::read_snapshots() {
  live::LineClient client;
  if (std::string problem = open_session(client, host_, port_, token_); !problem.empty()) {
    set_status(problem);
    connected_ = false;
    return;
  }
  set_status("connected");
  while (!stop_) {
    auto line = client.read_line(200ms);
    if (!line) {
      if (client.error() == "no answer in time") continue;
      set_status(client.error());
      connected_ = false;
      return;
    }
    if (auto snapshot = live::snapshot_from_json(*line)) {
      std::lock_guard lock(mutex_);
      snapshots_.push_back(std::move(*snapshot));
    }
  }
}

void NetworkFeed::send_commands() {
  auto client = std::make_unique<live::LineClient>();
  bool open = false;
  while (!stop_) {
    std::string command;
    {
      std::unique_lock lock(mutex_);
      commands_ready_.wait(lock, [&] { return stop_ || !commands_.empty(); });
      if (stop_) return;
      command = std::move(commands_.front());
      commands_.pop_front();
    }
    if (!open) {
      if (std::string problem = open_session(*client, host_, port_, token_); !problem.empty()) {
        set_status("'" + command + "' not sent: " + problem);
        client = std::make_unique<live::LineClient>();
        continue;
      }
      open = true;
    }
    if (std::string problem = client->send_line(command, 3s); !problem.empty()) {
      set_status("'" + command + "' not sent: " + problem);
      open = false;
      client = std::make_unique<live::LineClient>();
      continue;
    }
    std::optional<live::Reply> reply;
    while (!reply) {
      auto line = client->read_line(3s);
      if (!line) break;
      reply = live::reply_from_json(*line);
    }
    if (!reply) {
      set_status("'" + command + "': no reply (" + client->error() + ")");
      open = false;
      client = std::make_unique<live::LineClient>();
      continue;
    }
    set_status((reply->ok ? "" : "refused: ") + reply->message);
  }
}

bool NetworkFeed::poll(trace::Trace& trace) {
  std::deque<live::Snapshot> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(snapshots_);
  }
  bool changed = false;
  for (const live::Snapshot& s : batch) {
    changed = builder_.add(trace, s) || changed;
    std::lock_guard lock(mutex_);
    newest_fault_.reset();
    for (const live::FaultSnapshot& f : s.faults) {
      if (f.duration_s > 0) newest_fault_ = std::max(newest_fault_.value_or(0), f.id);  // a one-off has ended
    }
  }
  return changed;
}

void NetworkFeed::send(const std::string& command) {
  std::lock_guard lock(mutex_);
  commands_.push_back(command);
  commands_ready_.notify_all();
}

void NetworkFeed::clear_newest_fault() {
  std::optional<std::size_t> id;
  {
    std::lock_guard lock(mutex_);
    id = newest_fault_;
  }
  if (id) {
    send("clear " + std::to_string(*id));
  } else {
    set_status("no fault in force to clear");
  }
}

}  // namespace sdsim::app
