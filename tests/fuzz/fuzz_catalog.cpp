// Model catalogs from servers: the input is a models answer, read the three ways klaude reads
// one (the Codex backend's catalog, the OpenAI list, and klaude's own schema, as a plugin or
// the cache delivers it). Each either refuses it (sdk::Error / CatalogError, one line) or gives
// a catalog that writes out and reads back to the same models in the same order.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/catalog/model_catalog.h"
#include "klaude/sdk/error.hpp"
#include "plugins/codex/codex_catalog.h"
#include "plugins/responses/openai_models.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using klaude::core::CatalogError;
using klaude::core::ModelCatalog;

void round_trip(std::string_view json) {
    ModelCatalog catalog;
    try {
        catalog = klaude::core::parse_catalog(json);
    } catch (const CatalogError& e) {
        KLAUDE_FUZZ_CHECK(std::string(e.what()).find('\n') == std::string::npos);
        return;
    }
    KLAUDE_FUZZ_CHECK(!catalog.models.empty());
    const ModelCatalog again = klaude::core::parse_catalog(klaude::core::catalog_to_json(catalog));
    KLAUDE_FUZZ_CHECK(again.models.size() == catalog.models.size());
    for (size_t i = 0; i < catalog.models.size(); ++i) {
        KLAUDE_FUZZ_CHECK(again.models[i].id == catalog.models[i].id);
        KLAUDE_FUZZ_CHECK(again.models[i].listed == catalog.models[i].listed);
    }
}

template <class Translate>
void translated(Translate translate) {
    std::string json;
    try {
        json = translate();
    } catch (const klaude::sdk::Error& e) {
        KLAUDE_FUZZ_CHECK(e.status() == KLAUDE_ERROR_PROTOCOL);
        return;
    }
    round_trip(json);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    round_trip(input);
    translated([&] { return klaude::codex::catalog_from_codex_models(input, "0.171.0"); });
    translated([&] { return klaude::responses::catalog_from_openai_models(input); });
    return 0;
}
