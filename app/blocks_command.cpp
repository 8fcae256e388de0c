#include <iostream>
#include <sstream>

#include "app/commands.hpp"
#include "sim/catalog/block_catalog.hpp"
#include "sim/catalog/format_params.hpp"
#include "sim/design/diagnostics.hpp"
#include "sim/design/distribution_spec.hpp"

namespace sdsim::app {

const char* const blocks_help = R"(Usage: sdsim blocks [KIND]

Without KIND, lists the block kinds a design may use, each with a one-line summary and its presets.
With KIND, describes every parameter of that kind (type, unit, default, range, help and where the
default comes from) and every preset with its values and their source.

A block picks a preset with "preset": "NAME"; the preset's values become the block's defaults and
parameters written in the block override them.

Examples:
  sdsim blocks
  sdsim blocks station

Exit status: 0 on success, 2 on a wrong command line or an unknown kind.
)";

namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& n : names)
    list += (list.empty() ? "" : ", ") + n;
  return list;
}

void list_kinds(const BlockCatalog& catalog, std::ostream& out) {
  out << "Block kinds ('sdsim blocks KIND' describes one):\n";
  std::size_t width = 0;
  for (const BlockKindSpec& kind : catalog.kinds())
    width = std::max(width, kind.name.size());
  for (const BlockKindSpec& kind : catalog.kinds()) {
    out << "  " << kind.name << std::string(width - kind.name.size() + 2, ' ') << kind.summary << "\n";
    if (!kind.presets.empty()) {
      out << "  " << std::string(width + 2, ' ') << "presets: " << joined(kind.preset_names()) << "\n";
    }
  }
}

std::string type_and_unit(const ParamSpec& p) {
  std::string text = short_type_name(p.type);
  if (!p.unit.empty()) text += ", " + std::string(p.unit);
  if (p.required) text += ", required";
  return text;
}

void describe_param(const ParamSpec& p, std::ostream& out) {
  out << "  " << p.name << " (" << type_and_unit(p) << ")\n";
  out << "      " << p.help << "\n";
  if (!p.required) out << "      default: " << describe_default(p) << " (source: " << p.source << ")\n";
  if (is_numeric(p.type)) out << "      range: " << describe_range(p) << "\n";
  if (!p.allowed.empty()) {
    std::vector<std::string> allowed(p.allowed.begin(), p.allowed.end());
    out << "      one of: " << joined(allowed) << "\n";
  }
  if (p.type == ParamType::distribution) {
    out << "      written as one of:\n";
    std::istringstream forms(distribution_forms());
    for (std::string line; std::getline(forms, line);)
      out << "        " << line << "\n";
  }
  if (p.type == ParamType::routes) {
    out << "      each hop: \"" << format::route_to.name << "\" " << format::route_to.help
        << " (required); \"" << format::route_p.name << "\" " << format::route_p.help << ", "
        << describe_range(format::route_p) << ", default " << describe_default(format::route_p) << "\n";
  }
}

void describe_kind(const BlockKindSpec& kind, std::ostream& out) {
  out << kind.name << ": " << kind.summary << "\n\nParameters:\n";
  for (const ParamSpec& p : kind.params)
    describe_param(p, out);
  if (kind.presets.empty()) {
    out << "\nPresets: none\n";
    return;
  }
  out << "\nPresets (\"preset\": \"NAME\" in a block; parameters written in the block override them):\n";
  for (const PresetSpec& preset : kind.presets) {
    out << "  " << preset.name << "\n      " << preset.description << "\n      values:";
    std::string sep = " ";
    for (const PresetValue& v : preset.values) {
      const ParamSpec* p = kind.find_param(v.param);
      out << sep << v.param << " = ";
      if (p && p->type == ParamType::text) {
        out << v.text;
      } else if (p && p->type == ParamType::boolean) {
        out << (v.value != 0 ? "true" : "false");
      } else {
        out << number_with_unit(v.value, p ? p->unit : std::string_view());
      }
      sep = ", ";
    }
    out << "\n      source: " << preset.source << "\n";
  }
}

}  // namespace

int blocks_command(const std::vector<std::string>& args) {
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      std::cout << blocks_help;
      return exit_ok;
    }
  }
  const BlockCatalog& catalog = builtin_block_catalog();
  if (args.empty()) {
    list_kinds(catalog, std::cout);
    return exit_ok;
  }
  if (args.size() > 1 || args[0].rfind('-', 0) == 0) {
    std::cerr << "sdsim blocks: expected at most one block kind, got '" << joined(args) << "'\n\n"
              << blocks_help;
    return exit_usage;
  }
  const BlockKindSpec* kind = catalog.find(args[0]);
  if (!kind) {
    std::string guess = closest_match(args[0], catalog.kind_names());
    std::cerr << "sdsim blocks: unknown block kind '" << args[0] << "'"
              << (guess.empty() ? std::string() : "; did you mean '" + guess + "'?")
              << "\nknown kinds: " << joined(catalog.kind_names()) << "\n";
    return exit_usage;
  }
  describe_kind(*kind, std::cout);
  return exit_ok;
}

}  // namespace sdsim::app
