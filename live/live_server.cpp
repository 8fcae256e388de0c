#include "live/live_server.hpp"

#include <boost/asio/post.hpp>

#include "live/reply_line.hpp"

namespace sdsim::live {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

// Compares every byte whatever the first difference, so timing tells nothing of the token.
bool same_token(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff = static_cast<unsigned char>(
        diff | (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(i < b.size() ? b[i] : 0)));
  }
  return diff == 0;
}

}  // namespace

LiveServer::LiveServer(asio::io_context& io, const tcp::endpoint& endpoint, ServerOptions options,
                       CommandHandler on_command)
    : io_(io), acceptor_(io), grace_(io), options_(std::move(options)), on_command_(std::move(on_command)) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(tcp::acceptor::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen();
  port_ = acceptor_.local_endpoint().port();
  accept_next();
}

void LiveServer::accept_next() {
  acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
    if (ec || stopping_) return;
    auto client = std::make_shared<Connection>(
        std::move(socket), options_.limits,
        [this](const std::shared_ptr<Connection>& c, std::string line) { on_line(c, std::move(line)); },
        [this](const std::shared_ptr<Connection>& c) {
          clients_.erase(c);
          if (stopping_ && clients_.empty()) grace_.cancel();
        });
    if (clients_.size() >= options_.max_clients) {
      clients_.insert(client);
      client->send(std::make_shared<const std::string>(reply_line(
                       {false, "the session is full (" + std::to_string(options_.max_clients) +
                                   " clients); try again later or start it with a larger --max-clients"},
                       "")),
                   false);
      client->close_after_flush();
    } else {
      clients_.insert(client);
      client->authenticated = options_.token.empty();
      client->start();
    }
    accept_next();
  });
}

void LiveServer::answer(const std::shared_ptr<Connection>& client, const Reply& reply,
                        const std::string& command) {
  client->send(std::make_shared<const std::string>(reply_line(reply, command)), false);
}

void LiveServer::on_line(const std::shared_ptr<Connection>& client, std::string line) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.rfind("auth ", 0) == 0 || line == "auth") {
    const std::string given = line.size() > 5 ? line.substr(5) : "";
    if (options_.token.empty() || same_token(given, options_.token)) {
      client->authenticated = true;
      answer(client, {true, "authenticated"}, "auth");
    } else {
      answer(client, {false, "wrong token; closing the connection"}, "auth");
      client->close_after_flush();
    }
    return;
  }
  if (!client->authenticated) {
    answer(client, {false, "this session needs a token: send 'auth TOKEN' first; closing the connection"},
           line);
    client->close_after_flush();
    return;
  }
  ParsedCommand parsed = parse_command(line);
  if (!parsed.command) {
    answer(client, {false, parsed.error}, line);
    return;
  }
  std::weak_ptr<Connection> weak = client;
  const std::string shown = parsed.command->line;
  on_command_(std::move(*parsed.command), [this, weak, shown](const Reply& reply) {
    asio::post(io_, [this, weak, shown, reply] {
      if (auto c = weak.lock()) answer(c, reply, shown);
    });
  });
}

void LiveServer::broadcast(std::string line) {
  auto shared = std::make_shared<const std::string>(std::move(line));
  asio::post(io_, [this, shared] {
    // A copy: a send may drop a client, which leaves the set.
    const std::set<std::shared_ptr<Connection>> clients = clients_;
    for (const auto& c : clients) {
      if (c->authenticated) c->send(shared, true);
    }
  });
}

void LiveServer::shutdown(int grace_ms) {
  asio::post(io_, [this, grace_ms] {
    if (stopping_) return;
    stopping_ = true;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    const std::set<std::shared_ptr<Connection>> clients = clients_;
    for (const auto& c : clients)
      c->close_after_flush();
    if (clients_.empty()) return;
    grace_.expires_after(std::chrono::milliseconds(grace_ms));
    grace_.async_wait([this](boost::system::error_code) {
      const std::set<std::shared_ptr<Connection>> left = clients_;
      for (const auto& c : left)
        c->close();
    });
  });
}

}  // namespace sdsim::live
