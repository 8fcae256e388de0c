#include "sim/design/overrides.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "sim/design/json_locator.hpp"

namespace sdsim {

namespace {

constexpr std::array<std::string_view, 8> design_keys{"blocks",  "flows",       "regions",          "network",
                                                      "$schema", "description", "default_scenario", "name"};
constexpr std::array<std::string_view, 12> scenario_keys{"load",         "duration_s", "warmup_s",    "seed",
                                                         "replications", "keys",       "faults",      "slos",
                                                         "clients",      "window_s",   "description", "name"};

bool listed(std::string_view key, std::span<const std::string_view> keys) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::vector<std::string> split_path(std::string_view path) {
  char separator = path.find('/') != std::string_view::npos ? '/' : '.';
  std::vector<std::string> keys;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find(separator, start);
    if (end == std::string_view::npos) end = path.size();
    keys.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return keys;
}

std::string pointer_of(const std::vector<std::string>& path, std::size_t count) {
  std::string p;
  for (std::size_t i = 0; i < count; ++i)
    p += "/" + pointer_token(path[i]);
  return p;
}

}  // namespace

std::optional<Override> parse_override(const std::string& text, std::string& error) {
  auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    error = "--set " + text + ": expected PATH=VALUE, for example --set blocks/api/instances=4";
    return std::nullopt;
  }
  Override o;
  o.text = text;
  std::string_view path(text.data(), equals);
  bool prefixed = false;
  for (auto [prefix, target] : {std::pair{std::string_view("design:"), Override::Target::design},
                                std::pair{std::string_view("scenario:"), Override::Target::scenario}}) {
    if (path.substr(0, prefix.size()) == prefix) {
      o.target = target;
      path.remove_prefix(prefix.size());
      prefixed = true;
    }
  }
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  o.path = split_path(path);
  if (std::any_of(o.path.begin(), o.path.end(), [](const std::string& k) { return k.empty(); })) {
    error = "--set " + text +
            ": the path has an empty key; write keys separated by '/', e.g. blocks/api/instances";
    return std::nullopt;
  }
  if (!prefixed) {
    const std::string& first = o.path.front();
    bool in_design = listed(first, design_keys);
    bool in_scenario = listed(first, scenario_keys);
    if (in_design == in_scenario) {
      error = "--set " + text + ": \"" + first + "\" " +
              (in_design ? "is a key of both files" : "is not a top-level key of a design or a scenario") +
              "; prefix the path with design: or scenario: (e.g. --set scenario:load/browse/rate_per_s=50)";
      return std::nullopt;
    }
    o.target = in_design ? Override::Target::design : Override::Target::scenario;
  }
  std::string value = text.substr(equals + 1);
  o.value = Json::parse(value, nullptr, false);
  if (o.value.is_discarded()) o.value = value;
  return o;
}

void apply_overrides(JsonDocument& document, const std::vector<Override>& overrides, Override::Target target,
                     Diagnostics& diagnostics) {
  for (const Override& o : overrides) {
    if (o.target != target) continue;
    Json* at = &document.root;
    bool ok = true;
    for (std::size_t i = 0; i + 1 < o.path.size() && ok; ++i) {
      const std::string& key = o.path[i];
      std::string where = pointer_of(o.path, i);
      if (at->is_object() && at->contains(key)) {
        at = &(*at)[key];
      } else if (at->is_array() && !key.empty() &&
                 std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
                 key.size() < 10 && std::stoul(key) < at->size()) {
        at = &(*at)[std::stoul(key)];
      } else {
        std::string known;
        if (at->is_object()) {
          for (auto it = at->begin(); it != at->end(); ++it)
            known += (known.empty() ? "" : ", ") + it.key();
        }
        diagnostics.error(
            pointer_of(o.path, i + 1),
            "--set " + o.text + ": " + (where.empty() ? "the file" : where) + " has no \"" + key + "\"",
            known.empty() ? "check the path against the file" : "its keys: " + known);
        ok = false;
      }
    }
    if (!ok) continue;
    const std::string& last = o.path.back();
    if (at->is_object()) {
      (*at)[last] = o.value;
    } else if (at->is_array() && !last.empty() && last.size() < 10 &&
               std::all_of(last.begin(), last.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
               std::stoul(last) < at->size()) {
      (*at)[std::stoul(last)] = o.value;
    } else {
      diagnostics.error(pointer_of(o.path, o.path.size()),
                        "--set " + o.text + ": " + pointer_of(o.path, o.path.size() - 1) +
                            " is not an object to set \"" + last + "\" in",
                        "check the path against the file");
    }
  }
}

void mark_overridden(Diagnostics& diagnostics, const std::vector<Override>& overrides,
                     Override::Target target) {
  for (Diagnostic& d : diagnostics.items()) {
    for (const Override& o : overrides) {
      if (o.target != target) continue;
      std::string p = pointer_of(o.path, o.path.size());
      if (d.pointer == p || d.pointer.rfind(p + "/", 0) == 0)
        d.message += " (value from --set " + o.text + ")";
    }
  }
}

}  // namespace sdsim
