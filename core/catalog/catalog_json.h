// Writing catalog models as JSON, in the catalog schema (docs/plugin-authoring.md): shared by
// the catalog document itself (model_catalog.cpp) and `klaude models --json`, which adds
// fields of its own around each model.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/catalog/model_catalog.h"

namespace klaude::core {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// The model's fields, without the enclosing braces, so callers can add their own.
void write_catalog_model_fields(JsonWriter& w, const CatalogModel& model);

// {fields}
void write_catalog_model(JsonWriter& w, const CatalogModel& model);

// {"models":[…]}: the whole catalog document (also the cache's "catalog" member).
void write_catalog(JsonWriter& w, const ModelCatalog& catalog);

}  // namespace klaude::core
