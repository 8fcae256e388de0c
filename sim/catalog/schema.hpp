#pragma once
// JSON Schemas (draft 2020-12) for design and scenario files, generated from the block catalog and the
// format parameters so editors can complete and check files. Deterministic: same catalog, same bytes.
#include <nlohmann/json.hpp>
#include <string>

#include "sim/catalog/block_catalog.hpp"

namespace sdsim {

nlohmann::ordered_json design_schema(const BlockCatalog& catalog);
nlohmann::ordered_json scenario_schema();

// The "flows" section of a design: kept apart because the flow format grows independently of the blocks.
nlohmann::ordered_json flows_schema();

// The schema as checked in under schemas/: two-space indentation and a final newline.
std::string schema_text(const nlohmann::ordered_json& schema);

}  // namespace sdsim
