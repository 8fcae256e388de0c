#pragma once
// One client of a live session: reads command lines (at most max_line_bytes each) and writes JSON lines
// through its own queue. A client that does not keep up has snapshots skipped while its queue is long, and is
// dropped after too many skipped in a row; replies are never skipped. Used on the server's io_context thread
// only.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/streambuf.hpp>
#include <deque>
#include <functional>
#include <memory>
#include <string>

namespace sdsim::live {

struct BackpressureLimits {
  std::size_t skip_above = 4;         // queued lines beyond which snapshots are skipped
  std::size_t drop_after_skips = 50;  // snapshots skipped in a row before the client is dropped
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  using LineHandler = std::function<void(const std::shared_ptr<Connection>&, std::string line)>;
  using ClosedHandler = std::function<void(const std::shared_ptr<Connection>&)>;

  Connection(boost::asio::ip::tcp::socket socket, BackpressureLimits limits, LineHandler on_line,
             ClosedHandler on_closed);

  void start();
  // Queues a line (ending with '\n'); a snapshot may be skipped under backpressure.
  void send(std::shared_ptr<const std::string> line, bool snapshot);
  // Sends what is queued, then closes; reads nothing more.
  void close_after_flush();
  void close();

  bool authenticated = false;
  std::uint64_t skipped() const { return skipped_total_; }
  bool open() const { return open_; }

 private:
  void read_next();
  void write_next();

  boost::asio::ip::tcp::socket socket_;
  boost::asio::streambuf input_;
  BackpressureLimits limits_;
  LineHandler on_line_;
  ClosedHandler on_closed_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  bool writing_ = false;
  bool open_ = true;
  bool closing_ = false;
  std::size_t skipped_in_row_ = 0;
  std::uint64_t skipped_total_ = 0;
};

}  // namespace sdsim::live
