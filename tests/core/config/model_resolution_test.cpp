#include "core/config/model_resolution.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/config/config_loader.h"
#include "tests/core/config/test_env.h"

namespace klaude::core {
namespace {

using ::testing::HasSubstr;

// The embedded default with models configured explicitly (it names none itself).
Config with_models() {
    std::vector<std::string> warnings;
    Config c = load_config_text(R"({"models": [
        {"name": "gpt-5.1", "provider": "openai", "context_window": 272000},
        {"name": "gpt-5.1-codex", "provider": "codex", "context_window": 272000,
         "reasoning_effort": "high"},
        {"name": "gpt-5.1-codex-mini", "provider": "codex", "context_window": 128000}]})",
                                "cfg", warnings);
    EXPECT_TRUE(warnings.empty());
    return c;
}

std::string resolve_error(const Config& c, const std::string& spec) {
    try {
        resolve_model(c, spec);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

TEST(ResolveModel, ByConfigName) {
    const Config c = with_models();
    const ResolvedModel r = resolve_model(c, "gpt-5.1-codex-mini");
    EXPECT_FALSE(r.ad_hoc);
    EXPECT_FALSE(r.provider_default());
    EXPECT_EQ(r.model.name, "gpt-5.1-codex-mini");
    EXPECT_EQ(r.model.model_id, "gpt-5.1-codex-mini");
    EXPECT_EQ(r.model.context_window, 128000u);
    EXPECT_EQ(r.provider.id, "codex");
    EXPECT_EQ(r.provider.protocol, "codex");
}

TEST(ResolveModel, EmptySpecTakesTheDefaultModel) {
    Config c = with_models();
    c.default_model = "gpt-5.1";
    const ResolvedModel r = resolve_model(c, "");
    EXPECT_EQ(r.model.name, "gpt-5.1");
    EXPECT_EQ(r.provider.id, "openai");
    EXPECT_FALSE(r.provider_default());
}

TEST(ResolveModel, ProviderAloneLeavesTheModelToItsCatalog) {
    for (const Config& c : {default_config(), with_models()}) {
        const ResolvedModel r = resolve_model(c, "codex");
        EXPECT_TRUE(r.ad_hoc);
        EXPECT_TRUE(r.provider_default());
        EXPECT_EQ(r.provider.id, "codex");
        EXPECT_EQ(r.provider.protocol, "codex");
        EXPECT_EQ(r.model.provider, "codex");
        EXPECT_EQ(r.model.model_id, "");
        EXPECT_FALSE(r.model.context_window.has_value());

        const ResolvedModel openai = resolve_model(c, "openai");
        EXPECT_TRUE(openai.provider_default());
        EXPECT_EQ(openai.provider.id, "openai");
        EXPECT_EQ(openai.provider.protocol, "responses");
        EXPECT_EQ(openai.model.provider, "openai");
    }
}

TEST(ResolveModel, EmptySpecWithTheEmbeddedDefaultIsTheCodexCatalogsChoice) {
    const ResolvedModel r = resolve_model(default_config(), "");
    EXPECT_TRUE(r.ad_hoc);
    EXPECT_TRUE(r.provider_default());
    EXPECT_EQ(r.provider.id, "codex");
    EXPECT_EQ(r.provider.protocol, "codex");
    EXPECT_EQ(r.model.provider, "codex");
    EXPECT_EQ(r.model.model_id, "");
}

TEST(ResolveModel, ConfiguredModelNamedLikeAProviderWinsOverTheProvider) {
    std::vector<std::string> warnings;
    const Config c = load_config_text(
        R"({"models": [{"name": "codex", "provider": "openai", "model_id": "gpt-5.1"}]})", "cfg",
        warnings);
    const ResolvedModel r = resolve_model(c, "codex");
    EXPECT_FALSE(r.ad_hoc);
    EXPECT_FALSE(r.provider_default());
    EXPECT_EQ(r.provider.id, "openai");
    EXPECT_EQ(r.model.name, "codex");
    EXPECT_EQ(r.model.model_id, "gpt-5.1");
    // The embedded default_model "codex" now names that model too.
    EXPECT_EQ(resolve_model(c, "").provider.id, "openai");
}

TEST(ResolveModel, AdHocProviderSlashModelId) {
    const Config c = default_config();
    const ResolvedModel r = resolve_model(c, "openai/gpt-4.1-nano");
    EXPECT_TRUE(r.ad_hoc);
    EXPECT_FALSE(r.provider_default());
    EXPECT_EQ(r.provider.id, "openai");
    EXPECT_EQ(r.provider.protocol, "responses");
    EXPECT_EQ(r.model.model_id, "gpt-4.1-nano");
    EXPECT_EQ(r.model.provider, "openai");
    EXPECT_FALSE(r.model.context_window.has_value());
}

TEST(ResolveModel, AdHocModelIdKeepsSlashesAfterTheFirst) {
    Config c = default_config();
    c.providers.push_back({"router", "responses", {}, {}, {}, {}, "{}", false});
    const ResolvedModel r = resolve_model(c, "router/meta/llama-4");
    EXPECT_EQ(r.provider.id, "router");
    EXPECT_EQ(r.model.model_id, "meta/llama-4");
}

TEST(ResolveModel, AdHocSpecOfAConfiguredModelKeepsItsSettings) {
    const Config c = with_models();
    const ResolvedModel r = resolve_model(c, "codex/gpt-5.1-codex");
    EXPECT_TRUE(r.ad_hoc);
    EXPECT_EQ(r.model.name, "gpt-5.1-codex");
    EXPECT_EQ(r.model.context_window, 272000u);
    EXPECT_EQ(r.model.reasoning_effort, "high");
}

TEST(ResolveModel, ConfigNameWinsOverProviderSplit) {
    std::vector<std::string> warnings;
    const Config c = load_config_text(
        R"({"models": [{"name": "openai/alias", "provider": "codex", "model_id": "gpt-5.1-codex"}]})",
        "cfg", warnings);
    const ResolvedModel r = resolve_model(c, "openai/alias");
    EXPECT_FALSE(r.ad_hoc);
    EXPECT_EQ(r.provider.id, "codex");
}

TEST(ResolveModel, UnknownNameListsModelsAndProviders) {
    const std::string error = resolve_error(with_models(), "gpt-9");
    EXPECT_THAT(error, HasSubstr("unknown model \"gpt-9\""));
    EXPECT_THAT(error, HasSubstr("models: gpt-5.1, gpt-5.1-codex, gpt-5.1-codex-mini"));
    EXPECT_THAT(error, HasSubstr("PROVIDER/MODEL_ID"));
    EXPECT_THAT(error, HasSubstr("openai, codex"));

    // With no models configured (the embedded default) the list says so.
    const std::string none = resolve_error(default_config(), "gpt-9");
    EXPECT_THAT(none, HasSubstr("unknown model \"gpt-9\"; models: (none)"));
    EXPECT_THAT(none, HasSubstr("openai, codex"));
}

TEST(ResolveModel, UnknownProviderListsProviders) {
    const std::string error = resolve_error(default_config(), "mistral/large");
    EXPECT_THAT(error, HasSubstr("unknown provider \"mistral\""));
    EXPECT_THAT(error, HasSubstr("providers: openai, codex, ollama, openrouter, anthropic"));
}

TEST(ResolveModel, ProviderWithoutModelIdIsAnError) {
    EXPECT_THAT(resolve_error(default_config(), "openai/"), HasSubstr("names no model id"));
}

TEST(ResolveModel, ModelOnAnUnconfiguredProviderIsAnError) {
    std::vector<std::string> warnings;
    const Config c =
        load_config_text(R"({"models": [{"name": "m", "provider": "gone"}]})", "cfg", warnings);
    const std::string error = resolve_error(c, "m");
    EXPECT_THAT(error, HasSubstr("model \"m\" uses provider \"gone\", which is not configured"));
}

TEST(ResolveModel, BadDefaultModelSaysSo) {
    Config c = default_config();
    c.default_model = "nope";
    EXPECT_THAT(resolve_error(c, ""), HasSubstr("default_model: unknown model \"nope\""));
    c.default_model.clear();
    EXPECT_THAT(resolve_error(c, ""), HasSubstr("no default_model configured"));
}

TEST(ChooseModelSpec, CommandLineBeatsEnvironmentBeatsConfig) {
    EXPECT_EQ(choose_model_spec("cli-model", "env-model"), "cli-model");
    EXPECT_EQ(choose_model_spec("", "env-model"), "env-model");
    EXPECT_EQ(choose_model_spec("", ""), "");
    EXPECT_EQ(choose_model_spec("", nullptr), "");
}

TEST(ChooseModelSpec, ReadsKlaudeModel) {
    test::ScopedEnv env("KLAUDE_MODEL", "gpt-5.1");
    EXPECT_EQ(choose_model_spec(""), "gpt-5.1");
    const ResolvedModel r = resolve_model(with_models(), choose_model_spec(""));
    EXPECT_EQ(r.provider.id, "openai");
    EXPECT_EQ(r.model.name, "gpt-5.1");
}

}  // namespace
}  // namespace klaude::core
