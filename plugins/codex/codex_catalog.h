// The Codex backend's model catalog (GET {base_url}/models?client_version=V, answered with
// {"models":[{"slug","display_name","visibility","priority","minimal_client_version",
// "supported_reasoning_levels":[{"effort"}],"upgrade":{"model","migration_markdown"},…}]}) as
// a klaude catalog (docs/plugin-authoring.md). The same translation turns the catalog bundled
// into the plugin (bundled_models.json, from the Codex CLI release it matches) into the
// descriptor's built-in catalog.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "klaude/sdk/descriptors.hpp"

namespace klaude::codex {

// Models whose minimal_client_version is newer than `client_version` are left out (the
// backend refuses them to this client). Unknown fields are ignored. Throws
// sdk::Error(KLAUDE_ERROR_PROTOCOL) when `body` is not such a catalog.
std::string catalog_from_codex_models(std::string_view body, const std::string& client_version);

// True when dotted version `a` is older than `b` ("0.99.0" < "0.171.0"); missing parts are 0.
bool version_less(const std::string& a, const std::string& b);

// The catalog bundled at build time, in the backend's form.
std::string_view bundled_codex_models();

// The listed models of a klaude catalog (catalog_from_codex_models' output), for the
// descriptor's static model list (ABI 1.0 hosts see only that).
std::vector<sdk::ModelInfo> listed_models(std::string_view catalog_json);

}  // namespace klaude::codex
