#pragma once
// A blocking client of a live session, for 'sdsim ctl' and tests: connect, send a line, read lines, each with
// a time limit. Every failure is returned as a message, never thrown.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/streambuf.hpp>
#include <chrono>
#include <optional>
#include <string>

namespace sdsim::live {

class LineClient {
 public:
  // Returns "" on success, else what went wrong.
  std::string connect(const std::string& host, const std::string& port, std::chrono::milliseconds limit);
  std::string send_line(const std::string& line, std::chrono::milliseconds limit);  // '\n' added
  // The next line (without '\n'); nullopt on a closed connection, an error or the time limit (see error()).
  std::optional<std::string> read_line(std::chrono::milliseconds limit);
  const std::string& error() const { return error_; }
  void close();

 private:
  // Runs the io_context until the pending operation finishes or `limit` passes (then cancels it).
  bool run_for(std::chrono::milliseconds limit, bool& done);

  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_{io_};
  boost::asio::streambuf input_;
  std::string error_;
};

}  // namespace sdsim::live
