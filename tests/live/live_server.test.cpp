// The live server over loopback (ephemeral ports): one reply per command line, snapshots to every client,
// garbage, hang-ups mid-line, tokens, a full session, and a client that never reads.
#include "live/live_server.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <future>
#include <thread>

#include "live/line_client.hpp"
#include "live/reply_line.hpp"

using namespace sdsim::live;
using namespace std::chrono_literals;

namespace {

// A server on its own io thread whose commands are answered at once with the command's line.
class TestServer {
 public:
  explicit TestServer(ServerOptions options = {})
      : server_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}, std::move(options),
                [](const Command& c, const LiveServer::Answer& answer) {
                  answer(Reply{true, "did " + c.line});
                }),
        thread_([this] { io_.run(); }) {}
  ~TestServer() {
    server_.shutdown(100);
    thread_.join();
  }
  std::string port() const { return std::to_string(server_.port()); }
  LiveServer& server() { return server_; }
  std::size_t clients() {
    std::promise<std::size_t> count;
    boost::asio::post(io_, [&] { count.set_value(server_.client_count()); });
    return count.get_future().get();
  }

 private:
  boost::asio::io_context io_;
  LiveServer server_;
  std::thread thread_;
};

std::unique_ptr<LineClient> connect(const TestServer& s) {
  auto c = std::make_unique<LineClient>();
  REQUIRE(c->connect("127.0.0.1", s.port(), 2s).empty());
  return c;
}

// The next reply, skipping snapshots; nullopt when the connection ends or nothing comes in time.
std::optional<Reply> next_reply(LineClient& c) {
  const auto deadline = std::chrono::steady_clock::now() + 3s;
  while (std::chrono::steady_clock::now() < deadline) {
    auto line = c.read_line(3s);
    if (!line) return std::nullopt;
    if (auto r = reply_from_json(*line)) return r;
  }
  return std::nullopt;
}

// Whether a snapshot line (here: any line that is not a reply) arrives in time.
bool gets_broadcast(LineClient& c, TestServer& s) {
  const auto deadline = std::chrono::steady_clock::now() + 3s;
  while (std::chrono::steady_clock::now() < deadline) {
    s.server().broadcast("{\"format\":\"test\"}\n");
    auto line = c.read_line(200ms);
    if (line && !reply_from_json(*line)) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("A command gets one reply line and every client gets the snapshots") {
  TestServer s;
  auto a = connect(s);
  auto b = connect(s);
  REQUIRE(a->send_line("status", 1s).empty());
  auto reply = next_reply(*a);
  REQUIRE(reply);
  CHECK(reply->ok);
  CHECK(reply->message == "did status");
  REQUIRE(b->send_line("speed nope", 1s).empty());
  reply = next_reply(*b);
  REQUIRE(reply);
  CHECK_FALSE(reply->ok);
  CHECK(reply->message.find("usage: speed X") == 0);
  CHECK(gets_broadcast(*a, s));
  CHECK(gets_broadcast(*b, s));
}

TEST_CASE("Garbage lines, an overlong line and a hang-up mid-line leave the other clients served") {
  TestServer s;
  auto good = connect(s);
  auto noisy = connect(s);
  std::string garbage;
  for (int i = 0; i < 100; ++i) {
    std::string line = i % 3 == 0 ? "launch " + std::to_string(i) : i % 3 == 1 ? "{\"json\": [" : "";
    for (int k = 0; k < i; ++k)
      line += static_cast<char>((i * 31 + k * 7) % 255 + 1 == '\n' ? 'x' : (i * 31 + k * 7) % 255 + 1);
    if (line.empty() || line.find_first_not_of(" \t\r") == std::string::npos) line = "?";
    garbage += line + "\n";
  }
  REQUIRE(noisy->send_line(garbage.substr(0, garbage.size() - 1), 2s).empty());
  int refused = 0;
  for (int i = 0; i < 100; ++i) {
    auto reply = next_reply(*noisy);
    REQUIRE(reply);
    refused += reply->ok ? 0 : 1;
  }
  CHECK(refused == 100);
  // Half a command, then gone.
  {
    auto quitter = connect(s);
    REQUIRE(quitter->send_line("fail zone use1-a", 1s).empty());
    quitter->close();
  }
  // A line longer than allowed: an error, then the connection closes.
  auto flooder = connect(s);
  REQUIRE(flooder->send_line(std::string(max_line_bytes + 10, 'a'), 2s).empty());
  auto reply = next_reply(*flooder);
  REQUIRE(reply);
  CHECK_FALSE(reply->ok);
  CHECK(reply->message.find("line longer than") == 0);
  CHECK_FALSE(flooder->read_line(2s));

  REQUIRE(good->send_line("status", 1s).empty());
  reply = next_reply(*good);
  REQUIRE(reply);
  CHECK(reply->ok);
  CHECK(gets_broadcast(*good, s));
  REQUIRE(noisy->send_line("pause", 1s).empty());
  reply = next_reply(*noisy);
  REQUIRE(reply);
  CHECK(reply->ok);
}

TEST_CASE("With a token a client must authenticate before anything else") {
  ServerOptions options;
  options.token = "s3cret";
  TestServer s(options);
  auto stranger = connect(s);
  REQUIRE(stranger->send_line("status", 1s).empty());
  auto reply = next_reply(*stranger);
  REQUIRE(reply);
  CHECK_FALSE(reply->ok);
  CHECK(reply->message.find("auth TOKEN") != std::string::npos);
  CHECK_FALSE(stranger->read_line(2s));

  auto wrong = connect(s);
  REQUIRE(wrong->send_line("auth s3cre", 1s).empty());
  reply = next_reply(*wrong);
  REQUIRE(reply);
  CHECK_FALSE(reply->ok);
  CHECK_FALSE(wrong->read_line(2s));

  auto friendly = connect(s);
  REQUIRE(friendly->send_line("auth s3cret", 1s).empty());
  reply = next_reply(*friendly);
  REQUIRE(reply);
  CHECK(reply->ok);
  REQUIRE(friendly->send_line("status", 1s).empty());
  reply = next_reply(*friendly);
  REQUIRE(reply);
  CHECK(reply->ok);
  CHECK(gets_broadcast(*friendly, s));
}

TEST_CASE("A full session turns a client away with a reason") {
  ServerOptions options;
  options.max_clients = 2;
  TestServer s(options);
  auto a = connect(s);
  auto b = connect(s);
  auto c = connect(s);
  auto reply = next_reply(*c);
  REQUIRE(reply);
  CHECK_FALSE(reply->ok);
  CHECK(reply->message.find("the session is full (2 clients)") == 0);
  CHECK_FALSE(c->read_line(2s));
  REQUIRE(a->send_line("status", 1s).empty());
  CHECK(next_reply(*a));
}

TEST_CASE("A client that never reads is downsampled, then dropped, and never holds up the others") {
  ServerOptions options;
  options.limits.drop_after_skips = 20;
  TestServer s(options);
  auto reader = connect(s);
  auto sleeper = connect(s);
  for (int i = 0; i < 200 && s.clients() < 2; ++i)
    std::this_thread::sleep_for(10ms);
  REQUIRE(s.clients() == 2);
  // 64 MB of snapshots: far more than the sleeper's socket buffers hold. They go out no faster than the
  // reader takes them, so only the sleeper falls behind however slow this machine is.
  const std::string big =
      "{\"format\":\"test\",\"pad\":\"" + std::string(std::size_t{256} * 1024, 'x') + "\"}\n";
  constexpr int snapshots = 256;
  std::atomic<int> read{0};
  std::thread reading([&] {
    while (read < snapshots && reader->read_line(5s))
      ++read;
  });
  std::chrono::steady_clock::duration broadcasting{};
  for (int i = 0; i < snapshots && read >= i - 1; ++i) {
    const auto before = std::chrono::steady_clock::now();
    s.server().broadcast(big);
    broadcasting += std::chrono::steady_clock::now() - before;
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (read < i && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(1ms);
  }
  reading.join();
  CHECK(read == snapshots);
  // Broadcasting only posts: it never waits for any client.
  CHECK(broadcasting < 2s);
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (s.clients() > 1 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(10ms);
  CHECK(s.clients() == 1);
  REQUIRE(reader->send_line("status", 1s).empty());
  auto reply = next_reply(*reader);
  REQUIRE(reply);
  CHECK(reply->ok);
}
