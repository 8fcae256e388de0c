#pragma once
// Reads one JSON object against declared parameters: each accessor checks presence, type and range and
// records a diagnostic on failure; finish() reports every key nobody asked for, with a did-you-mean
// suggestion.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/catalog/param_spec.hpp"
#include "sim/design/diagnostics.hpp"
#include "sim/design/document.hpp"

namespace sdsim {

class ObjectReader {
 public:
  // `what` names the object in messages ("station 'api'"). A non-object records a diagnostic; reads then
  // fail.
  ObjectReader(const Json& value, std::string pointer, Diagnostics& diagnostics, std::string what);

  bool is_object() const { return object_ != nullptr; }
  const std::string& pointer() const { return pointer_; }
  std::string child_pointer(std::string_view key) const;
  bool has(std::string_view key) const;

  std::optional<double> number(const ParamSpec& spec);
  std::optional<std::uint64_t> integer(const ParamSpec& spec);
  std::optional<std::string> text(const ParamSpec& spec);
  std::optional<bool> boolean(const ParamSpec& spec);
  // The raw member for nested reading (marks the key as known); nullptr when absent (diagnosed if required).
  const Json* member(const ParamSpec& spec);
  // Marks a key as known without reading it (for "$schema").
  void allow(std::string_view key);
  void finish();

 private:
  const Json* find(const ParamSpec& spec);
  void wrong_type(const ParamSpec& spec, const Json& value);

  const Json* object_;
  std::string pointer_;
  Diagnostics& diagnostics_;
  std::string what_;
  std::vector<std::string> known_;
};

// The JSON type of a value in words ("a string", "an array"...).
std::string json_type_words(const Json& value);

}  // namespace sdsim
