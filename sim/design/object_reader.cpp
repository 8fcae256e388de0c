#include "sim/design/object_reader.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace sdsim {

namespace {

std::string help_hint(const ParamSpec& spec) {
  std::string hint = "\"" + std::string(spec.name) + "\"";
  if (!spec.help.empty()) hint += " is " + std::string(spec.help);
  if (is_numeric(spec.type)) hint += "; allowed: " + describe_range(spec);
  return hint;
}

}  // namespace

std::string json_type_words(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "an integer";
    case Json::value_t::number_float:
      return "a number";
    default:
      return "an unsupported value";
  }
}

ObjectReader::ObjectReader(const Json& value, std::string pointer, Diagnostics& diagnostics, std::string what)
    : object_(value.is_object() ? &value : nullptr),
      pointer_(std::move(pointer)),
      diagnostics_(diagnostics),
      what_(std::move(what)) {
  if (!object_) {
    diagnostics_.error(pointer_, what_ + " must be an object, not " + json_type_words(value),
                       "write it as { \"key\": value, ... }");
  }
}

std::string ObjectReader::child_pointer(std::string_view key) const {
  return pointer_ + "/" + pointer_token(key);
}

bool ObjectReader::has(std::string_view key) const {
  return object_ && object_->contains(key);
}

void ObjectReader::allow(std::string_view key) {
  // A key may be read twice (as "start_s" by every fault type): the hint lists it once.
  if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.emplace_back(key);
}

const Json* ObjectReader::find(const ParamSpec& spec) {
  allow(spec.name);
  if (!object_) return nullptr;
  auto it = object_->find(spec.name);
  if (it == object_->end()) {
    if (spec.required) {
      std::string hint = "add \"" + std::string(spec.name) + "\"";
      if (!spec.help.empty()) hint += ": " + std::string(spec.help);
      diagnostics_.error(pointer_, what_ + " is missing the required key \"" + std::string(spec.name) + "\"",
                         hint);
    }
    return nullptr;
  }
  return &*it;
}

void ObjectReader::wrong_type(const ParamSpec& spec, const Json& value) {
  diagnostics_.error(child_pointer(spec.name),
                     std::string("must be ") + type_name(spec.type) + ", not " + json_type_words(value),
                     help_hint(spec));
}

std::optional<double> ObjectReader::number(const ParamSpec& spec) {
  const Json* value = find(spec);
  if (!value) return spec.required ? std::nullopt : std::optional<double>(spec.default_value);
  if (!value->is_number()) {
    wrong_type(spec, *value);
    return std::nullopt;
  }
  double v = value->get<double>();
  if (!std::isfinite(v) || v < spec.min || v > spec.max) {
    std::string why = v < spec.min ? "must be at least " + number_with_unit(spec.min, spec.unit)
                                   : "must be at most " + number_with_unit(spec.max, spec.unit);
    diagnostics_.error(child_pointer(spec.name), why + " (got " + number_text(v) + ")", help_hint(spec));
    return std::nullopt;
  }
  return v;
}

std::optional<std::uint64_t> ObjectReader::integer(const ParamSpec& spec) {
  const Json* value = find(spec);
  if (!value) {
    return spec.required ? std::nullopt
                         : std::optional<std::uint64_t>(static_cast<std::uint64_t>(spec.default_value));
  }
  bool whole = value->is_number_integer() ||
               (value->is_number_float() && std::floor(value->get<double>()) == value->get<double>());
  if (!whole) {
    wrong_type(spec, *value);
    return std::nullopt;
  }
  double v = value->get<double>();
  if (v < spec.min || v > spec.max) {
    std::string why =
        v < spec.min
            ? "must be at least " + number_with_unit(spec.min, spec.unit) + " (got " + number_text(v) + ")"
            : "must be at most " + number_with_unit(spec.max, spec.unit) + " (got " + number_text(v) +
                  "): larger values are refused rather than exhausting memory or time";
    diagnostics_.error(child_pointer(spec.name), why, help_hint(spec));
    return std::nullopt;
  }
  return static_cast<std::uint64_t>(v);
}

std::optional<bool> ObjectReader::boolean(const ParamSpec& spec) {
  const Json* value = find(spec);
  if (!value) return spec.required ? std::nullopt : std::optional<bool>(spec.default_value != 0);
  if (!value->is_boolean()) {
    wrong_type(spec, *value);
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<std::string> ObjectReader::text(const ParamSpec& spec) {
  const Json* value = find(spec);
  if (!value) return std::nullopt;
  if (!value->is_string()) {
    wrong_type(spec, *value);
    return std::nullopt;
  }
  std::string text = value->get<std::string>();
  if (!spec.allowed.empty() &&
      std::find(spec.allowed.begin(), spec.allowed.end(), text) == spec.allowed.end()) {
    std::vector<std::string> allowed(spec.allowed.begin(), spec.allowed.end());
    std::string guess = closest_match(text, allowed);
    std::string list;
    for (const std::string& a : allowed)
      list += (list.empty() ? "" : ", ") + a;
    diagnostics_.error(
        child_pointer(spec.name), "unknown " + std::string(spec.name) + " \"" + text + "\"",
        (guess.empty() ? std::string() : "did you mean \"" + guess + "\"? ") + "use one of: " + list);
    return std::nullopt;
  }
  return text;
}

const Json* ObjectReader::member(const ParamSpec& spec) {
  const Json* value = find(spec);
  if (!value) return nullptr;
  bool fits =
      ((spec.type == ParamType::list || spec.type == ParamType::routes) && value->is_array()) ||
      ((spec.type == ParamType::object || spec.type == ParamType::distribution) && value->is_object());
  if (!fits) {
    wrong_type(spec, *value);
    return nullptr;
  }
  return value;
}

void ObjectReader::finish() {
  if (!object_) return;
  for (auto it = object_->begin(); it != object_->end(); ++it) {
    const std::string& key = it.key();
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    std::string guess = closest_match(key, known_);
    std::string list;
    for (const std::string& k : known_) {
      if (k == "$schema") continue;
      list += (list.empty() ? "" : ", ") + k;
    }
    std::string hint = guess.empty() ? "remove it; " : "did you mean \"" + guess + "\"? ";
    hint += what_;
    hint += " accepts: ";
    hint += list;
    diagnostics_.error(child_pointer(key), "unknown key \"" + key + "\" in " + what_, hint);
  }
}

}  // namespace sdsim
