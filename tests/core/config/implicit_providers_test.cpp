#include "core/config/implicit_providers.h"

#include <gtest/gtest.h>

#include "core/config/config_loader.h"
#include "core/config/model_resolution.h"

namespace klaude::core {
namespace {

TEST(ImplicitProviders, UnconfiguredPluginProviderGetsOneWithItsModels) {
    Config c = default_config();
    EXPECT_TRUE(
        add_implicit_provider(c, "mistral", {{"mistral-x", 200000, 8192}, {"mistral-y", 0, 0}}));
    const ProviderConfig* p = c.find_provider("mistral");
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->protocol, "mistral");
    EXPECT_TRUE(p->implicit);
    const ModelConfig* x = c.find_model("mistral-x");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->provider, "mistral");
    EXPECT_EQ(x->model_id, "mistral-x");
    EXPECT_EQ(x->context_window, 200000u);
    EXPECT_EQ(x->max_output_tokens, 8192u);
    EXPECT_TRUE(x->implicit);
    EXPECT_FALSE(c.find_model("mistral-y")->context_window.has_value());

    // Works with no config edit: by name and ad hoc.
    EXPECT_EQ(resolve_model(c, "mistral-x").provider.id, "mistral");
    EXPECT_EQ(resolve_model(c, "mistral/mistral-z").model.model_id, "mistral-z");
}

TEST(ImplicitProviders, PluginUsedAsAProtocolGetsNone) {
    Config c = default_config();
    const size_t before = c.providers.size();
    EXPECT_FALSE(add_implicit_provider(c, "responses", {{"gpt-5.1", 1, 1}}));
    EXPECT_FALSE(add_implicit_provider(c, "codex", {{"gpt-5.1-codex", 1, 1}}));
    // The built-in `anthropic` provider names the anthropic plugin provider already.
    EXPECT_FALSE(add_implicit_provider(c, "anthropic", {{"claude-x", 1, 1}}));
    EXPECT_EQ(c.providers.size(), before);
    EXPECT_EQ(c.find_provider("responses"), nullptr);
}

TEST(ImplicitProviders, ConfigProviderWithThePluginsIdBlocksIt) {
    Config c = default_config();
    c.providers.push_back({"localai", "responses", {}, {}, {}, {}, "{}", false});
    EXPECT_FALSE(add_implicit_provider(c, "localai", {{"llama", 0, 0}}));
    EXPECT_EQ(c.find_provider("localai")->protocol, "responses");
    EXPECT_EQ(c.find_model("llama"), nullptr);
}

TEST(ImplicitProviders, ModelNameClashUsesTheProviderPrefix) {
    std::vector<std::string> warnings;
    Config c = load_config_text(R"({"models": [{"name": "gpt-5.1", "provider": "openai"}]})", "cfg",
                                warnings);
    ASSERT_TRUE(add_implicit_provider(c, "mirror", {{"gpt-5.1", 123, 0}}));
    ASSERT_NE(c.find_model("gpt-5.1"), nullptr);
    EXPECT_EQ(c.find_model("gpt-5.1")->provider, "openai");
    EXPECT_FALSE(c.find_model("gpt-5.1")->context_window.has_value());
    const ModelConfig* m = c.find_model("mirror/gpt-5.1");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->provider, "mirror");
    EXPECT_EQ(m->context_window, 123u);
}

TEST(FillModelLimits, ConfiguredModelsWithoutNumbersTakeTheDescriptors) {
    std::vector<std::string> warnings;
    Config c = load_config_text(R"({"models": [
        {"name": "gpt-5.1", "provider": "openai", "max_output_tokens": 128000},
        {"name": "mini", "provider": "openai", "model_id": "gpt-5.1-mini"},
        {"name": "gpt-5.1-codex", "provider": "codex"}]})",
                                "cfg", warnings);
    // The descriptors of the "responses" plugin, which also lists a gpt-5.1-codex.
    fill_model_limits(
        c, "responses",
        {{"gpt-5.1", 1000, 10}, {"gpt-5.1-mini", 2000, 20}, {"gpt-5.1-codex", 3000, 30}});
    EXPECT_EQ(c.find_model("gpt-5.1")->context_window, 1000u);
    EXPECT_EQ(c.find_model("mini")->context_window, 2000u);
    EXPECT_EQ(c.find_model("mini")->max_output_tokens, 20u);
    // A configured number wins over the descriptor's; other protocols are untouched.
    EXPECT_EQ(c.find_model("gpt-5.1")->max_output_tokens, 128000u);
    EXPECT_FALSE(c.find_model("gpt-5.1-codex")->context_window.has_value());
    EXPECT_FALSE(c.find_model("gpt-5.1-codex")->max_output_tokens.has_value());
}

}  // namespace
}  // namespace klaude::core
