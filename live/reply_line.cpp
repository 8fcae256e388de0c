#include "live/reply_line.hpp"

#include "sim/design/document.hpp"

namespace sdsim::live {

std::string reply_line(const Reply& reply, const std::string& command) {
  // A command line may be anything a client sent: shown cut short, invalid UTF-8 replaced.
  const std::string shown = command.size() > 200 ? command.substr(0, 200) + "..." : command;
  return Json{{"format", reply_format}, {"ok", reply.ok}, {"command", shown}, {"message", reply.message}}
             .dump(-1, ' ', false, Json::error_handler_t::replace) +
         "\n";
}

std::optional<Reply> reply_from_json(const std::string& line) {
  const Json j = Json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("format", "") != reply_format) return std::nullopt;
  if (!j.contains("ok") || !j["ok"].is_boolean()) return std::nullopt;
  return Reply{j["ok"].get<bool>(), j.value("message", "")};
}

}  // namespace sdsim::live
