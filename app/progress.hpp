#pragma once
// A progress bar with an ETA on stderr, shown only when stderr is a terminal and the work has taken over a
// second; silent otherwise so that logs and pipes stay clean.
#include <chrono>
#include <string>

namespace sdsim::app {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // fraction in [0, 1]; `detail` ("12/40 points") is shown after the percentage.
  void update(double fraction, const std::string& detail = {});

 private:
  using Clock = std::chrono::steady_clock;
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  Clock::time_point start_;
  Clock::time_point last_draw_;
};

}  // namespace sdsim::app
