#include "live/line_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>

namespace sdsim::live {

namespace asio = boost::asio;
using asio::ip::tcp;

bool LineClient::run_for(std::chrono::milliseconds limit, bool& done) {
  io_.restart();
  io_.run_for(limit);
  if (done) return true;
  boost::system::error_code ignored;
  socket_.cancel(ignored);
  io_.restart();
  io_.run();  // lets the cancelled handler run
  return false;
}

std::string LineClient::connect(const std::string& host, const std::string& port,
                                std::chrono::milliseconds limit) {
  error_.clear();
  boost::system::error_code ec;
  tcp::resolver resolver(io_);
  const auto endpoints = resolver.resolve(host, port, ec);
  if (ec) return "cannot resolve " + host + ":" + port + ": " + ec.message();
  bool done = false;
  asio::async_connect(socket_, endpoints, [&](boost::system::error_code e, const tcp::endpoint&) {
    done = true;
    if (e) error_ = "cannot connect to " + host + ":" + port + ": " + e.message();
  });
  if (!run_for(limit, done)) error_ = "timed out connecting to " + host + ":" + port;
  if (error_.empty()) socket_.set_option(tcp::no_delay(true), ec);
  return error_;
}

std::string LineClient::send_line(const std::string& line, std::chrono::milliseconds limit) {
  error_.clear();
  const std::string data = line + "\n";
  bool done = false;
  asio::async_write(socket_, asio::buffer(data), [&](boost::system::error_code e, std::size_t) {
    done = true;
    if (e) error_ = "cannot send: " + e.message();
  });
  if (!run_for(limit, done)) error_ = "timed out sending";
  return error_;
}

std::optional<std::string> LineClient::read_line(std::chrono::milliseconds limit) {
  error_.clear();
  bool done = false;
  std::size_t length = 0;
  asio::async_read_until(socket_, input_, '\n', [&](boost::system::error_code e, std::size_t n) {
    done = true;
    length = n;
    if (e == asio::error::eof) {
      error_ = "the session closed the connection";
    } else if (e) {
      error_ = "cannot read: " + e.message();
    }
  });
  if (!run_for(limit, done)) error_ = "no answer in time";
  if (!error_.empty()) return std::nullopt;
  std::string line(asio::buffers_begin(input_.data()),
                   asio::buffers_begin(input_.data()) + static_cast<std::ptrdiff_t>(length - 1));
  input_.consume(length);
  return line;
}

void LineClient::close() {
  boost::system::error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

}  // namespace sdsim::live
