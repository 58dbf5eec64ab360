// The config loader: the input is a user config.json merged over the embedded default. A bad
// file is one ConfigError line naming it, each warning one line too; a good one gives a config
// whose providers render as plugin JSON objects and whose models resolve (or fail with
// ConfigError).
#include <cstdint>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "core/config/config.h"
#include "core/config/config_loader.h"
#include "core/config/model_resolution.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using klaude::core::Config;
using klaude::core::ConfigError;

const std::string kSource = "fuzz/config.json";

bool one_line_naming_source(const std::string& message) {
    return message.rfind(kSource, 0) == 0 && message.find('\n') == std::string::npos;
}

void resolve(const Config& config, const std::string& spec) {
    try {
        const auto resolved = klaude::core::resolve_model(config, spec);
        KLAUDE_FUZZ_CHECK(!resolved.provider.id.empty());
    } catch (const ConfigError&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::vector<std::string> warnings;
    Config config;
    try {
        config =
            klaude::core::load_config_text(klaude::fuzz::as_text(data, size), kSource, warnings);
    } catch (const ConfigError& e) {
        KLAUDE_FUZZ_CHECK(one_line_naming_source(e.what()));
        return 0;
    }
    for (const auto& warning : warnings) {
        KLAUDE_FUZZ_CHECK(one_line_naming_source(warning));
    }
    for (const auto& provider : config.providers) {
        const std::string json = klaude::core::to_plugin_json(provider);
        rapidjson::Document doc;
        doc.Parse(json.data(), json.size());
        KLAUDE_FUZZ_CHECK(!doc.HasParseError() && doc.IsObject());
        KLAUDE_FUZZ_CHECK(doc.HasMember("options") && doc["options"].IsObject());
        klaude::core::effective_base_url(provider);
    }
    resolve(config, "");
    for (const auto& model : config.models) {
        resolve(config, model.name);
        resolve(config, model.provider + "/" + model.model_id);
    }
    return 0;
}
