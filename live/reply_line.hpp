#pragma once
// A reply to a client's command, as one JSON line (format sdsim.reply/1): {"ok": true|false, "command": ...,
// "message": ...}. Clients tell replies from snapshots by "format".
#include <optional>
#include <string>

#include "live/control_panel.hpp"

namespace sdsim::live {

inline constexpr const char* reply_format = "sdsim.reply/1";

std::string reply_line(const Reply& reply, const std::string& command);  // ends with '\n'
// nullopt when `line` is not a reply.
std::optional<Reply> reply_from_json(const std::string& line);

}  // namespace sdsim::live
