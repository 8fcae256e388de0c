#pragma once
// The live session's network side: a TCP acceptor, one Connection per client, snapshots fanned out to every
// authenticated client, command lines handed to a handler with a way to answer. Runs on one io_context
// thread; broadcast() may be called from any thread (it posts).
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <memory>
#include <set>
#include <string>

#include "live/command.hpp"
#include "live/connection.hpp"
#include "live/control_panel.hpp"

namespace sdsim::live {

struct ServerOptions {
  std::string token;  // empty: no authentication; else the first line must be 'auth TOKEN'
  std::size_t max_clients = 16;
  BackpressureLimits limits;
};

class LiveServer {
 public:
  using Answer = std::function<void(const Reply&)>;  // may be called from any thread, once
  // A parsed command from an authenticated client.
  using CommandHandler = std::function<void(Command command, Answer answer)>;

  // Binds and listens at `endpoint` (port 0: an ephemeral port, see port()); throws
  // boost::system::system_error when it cannot.
  LiveServer(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint,
             ServerOptions options, CommandHandler on_command);

  unsigned short port() const { return port_; }
  // Thread-safe: sends a snapshot line to every authenticated client (skipped for those falling behind).
  void broadcast(std::string line);
  // Thread-safe: stops accepting, flushes every client for up to `grace_ms`, then closes them.
  void shutdown(int grace_ms = 1000);
  // On the io thread: clients connected now, and snapshots skipped so far for slow ones.
  std::size_t client_count() const { return clients_.size(); }

 private:
  void accept_next();
  void on_line(const std::shared_ptr<Connection>& client, std::string line);
  void answer(const std::shared_ptr<Connection>& client, const Reply& reply, const std::string& command);

  boost::asio::io_context& io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer grace_;
  ServerOptions options_;
  CommandHandler on_command_;
  unsigned short port_ = 0;
  bool stopping_ = false;
  std::set<std::shared_ptr<Connection>> clients_;
};

}  // namespace sdsim::live
