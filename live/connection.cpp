#include "live/connection.hpp"

#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>

#include "live/command.hpp"
#include "live/reply_line.hpp"

namespace sdsim::live {

namespace asio = boost::asio;

Connection::Connection(asio::ip::tcp::socket socket, BackpressureLimits limits, LineHandler on_line,
                       ClosedHandler on_closed)
    : socket_(std::move(socket)),
      input_(max_line_bytes + 1),
      limits_(limits),
      on_line_(std::move(on_line)),
      on_closed_(std::move(on_closed)) {}

void Connection::start() {
  boost::system::error_code ignored;
  socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
  read_next();
}

void Connection::read_next() {
  if (!open_ || closing_) return;
  asio::async_read_until(
      socket_, input_, '\n', [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
        if (!self->open_) return;
        if (ec == asio::error::not_found) {
          // Longer than a command may be: say so, and hang up.
          self->input_.consume(self->input_.size());
          const Reply too_long{
              false, "line longer than " + std::to_string(max_line_bytes) + " bytes; closing the connection"};
          self->send(std::make_shared<const std::string>(reply_line(too_long, "")), false);
          self->close_after_flush();
          return;
        }
        if (ec) {
          self->close();
          return;
        }
        std::string line(asio::buffers_begin(self->input_.data()),
                         asio::buffers_begin(self->input_.data()) + static_cast<std::ptrdiff_t>(n - 1));
        self->input_.consume(n);
        self->on_line_(self, std::move(line));
        self->read_next();
      });
}

void Connection::send(std::shared_ptr<const std::string> line, bool snapshot) {
  if (!open_) return;
  if (snapshot && queue_.size() > limits_.skip_above) {
    ++skipped_total_;
    if (++skipped_in_row_ >= limits_.drop_after_skips) close();
    return;
  }
  if (snapshot) skipped_in_row_ = 0;
  queue_.push_back(std::move(line));
  if (!writing_) write_next();
}

void Connection::write_next() {
  if (queue_.empty()) {
    writing_ = false;
    if (closing_) close();
    return;
  }
  writing_ = true;
  asio::async_write(socket_, asio::buffer(*queue_.front()),
                    [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                      if (!self->open_) return;
                      if (ec) {
                        self->close();
                        return;
                      }
                      self->queue_.pop_front();
                      self->write_next();
                    });
}

void Connection::close_after_flush() {
  closing_ = true;
  if (!writing_) close();
}

void Connection::close() {
  if (!open_) return;
  open_ = false;
  boost::system::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  queue_.clear();
  on_closed_(shared_from_this());
}

}  // namespace sdsim::live
