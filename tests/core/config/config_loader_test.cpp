#include "core/config/config_loader.h"
#include "core/config/model_resolution.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/config/config_layer.h"
#include "core/config/config_merge.h"
#include "core/config/embedded_config.h"
#include "tests/core/config/test_env.h"

namespace klaude::core {
namespace {

using test::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<std::string> provider_ids(const Config& c) {
    std::vector<std::string> ids;
    for (const auto& p : c.providers) {
        ids.push_back(p.id);
    }
    return ids;
}

std::vector<std::string> model_names(const Config& c) {
    std::vector<std::string> names;
    for (const auto& m : c.models) {
        names.push_back(m.name);
    }
    return names;
}

// The embedded default with `base` (standing in for models an earlier layer configured) and
// then `user` merged over it, as the loader merges a user file over the default.
Config merged(const std::string& base, const std::string& user) {
    std::vector<std::string> warnings;
    Config c = default_config();
    merge_config_layer(c, parse_config_layer(base, "base", warnings));
    merge_config_layer(c, parse_config_layer(user, "/h/config.json", warnings));
    return c;
}

// Models configured explicitly, for the tests that overlay a model by name (the embedded
// default names none).
constexpr const char* kBaseModels = R"({"models": [
    {"name": "gpt-5.1", "provider": "openai", "context_window": 272000,
     "max_output_tokens": 128000},
    {"name": "gpt-5.1-codex", "provider": "codex", "context_window": 272000,
     "reasoning_effort": "medium"}]})";

// Loads `text` as a user config and returns the ConfigError message ("" if none).
std::string load_error(const std::string& text) {
    std::vector<std::string> warnings;
    try {
        load_config_text(text, "/h/config.json", warnings);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

TEST(DefaultConfig, HasTheDocumentedProvidersAndNoModels) {
    const Config c = default_config();
    EXPECT_THAT(provider_ids(c),
                ElementsAre("openai", "codex", "ollama", "openrouter", "anthropic"));
    // Chat Completions servers: a local Ollama without a key, OpenRouter with one.
    const ProviderConfig* ollama = c.find_provider("ollama");
    ASSERT_NE(ollama, nullptr);
    EXPECT_EQ(ollama->protocol, "chat");
    EXPECT_EQ(ollama->base_url, "http://localhost:11434/v1");
    EXPECT_EQ(ollama->base_url_env, "OLLAMA_BASE_URL");
    EXPECT_FALSE(ollama->api_key_env.has_value());
    const ProviderConfig* openrouter = c.find_provider("openrouter");
    ASSERT_NE(openrouter, nullptr);
    EXPECT_EQ(openrouter->protocol, "chat");
    EXPECT_EQ(openrouter->base_url, "https://openrouter.ai/api/v1");
    EXPECT_EQ(openrouter->api_key_env, "OPENROUTER_API_KEY");
    // Anthropic's Messages API, key and base URL from Anthropic's own variables.
    const ProviderConfig* anthropic = c.find_provider("anthropic");
    ASSERT_NE(anthropic, nullptr);
    EXPECT_EQ(anthropic->protocol, "anthropic");
    EXPECT_EQ(anthropic->base_url, "https://api.anthropic.com");
    EXPECT_EQ(anthropic->base_url_env, "ANTHROPIC_BASE_URL");
    EXPECT_EQ(anthropic->api_key_env, "ANTHROPIC_API_KEY");
    const ProviderConfig* openai = c.find_provider("openai");
    ASSERT_NE(openai, nullptr);
    EXPECT_EQ(openai->protocol, "responses");
    EXPECT_EQ(openai->base_url, "https://api.openai.com/v1");
    EXPECT_EQ(openai->api_key_env, "OPENAI_API_KEY");
    EXPECT_EQ(openai->base_url_env, "OPENAI_BASE_URL");
    EXPECT_FALSE(openai->implicit);
    const ProviderConfig* codex = c.find_provider("codex");
    ASSERT_NE(codex, nullptr);
    EXPECT_EQ(codex->protocol, "codex");
    EXPECT_EQ(codex->base_url, "https://chatgpt.com/backend-api/codex");
    EXPECT_EQ(codex->base_url_env, "KLAUDE_CODEX_BASE_URL");
    EXPECT_FALSE(codex->api_key_env.has_value());
    EXPECT_FALSE(codex->implicit);

    // Models come from the providers' live catalogs; the default is a provider alone (the
    // first listed model of the codex catalog), not a model name.
    EXPECT_THAT(model_names(c), IsEmpty());
    EXPECT_EQ(c.default_model, "codex");
    EXPECT_NE(c.find_provider(c.default_model), nullptr);
    EXPECT_EQ(c.find_model(c.default_model), nullptr);
}

TEST(DefaultConfig, CatalogSettingsHaveTheirDefaults) {
    EXPECT_EQ(Config{}.catalog_ttl_s, 300u);
    EXPECT_EQ(Config{}.catalog_timeout_ms, 5000u);
    const Config c = default_config();
    EXPECT_EQ(c.catalog_ttl_s, 300u);
    EXPECT_EQ(c.catalog_timeout_ms, 5000u);
    std::vector<std::string> warnings;
    const Config other =
        load_config_text(R"({"default_model": "openai"})", "/h/config.json", warnings);
    EXPECT_EQ(other.catalog_ttl_s, 300u);
    EXPECT_EQ(other.catalog_timeout_ms, 5000u);
    EXPECT_TRUE(warnings.empty());
}

TEST(ConfigLoader, AProviderCanSayNotToAskForItsModels) {
    std::vector<std::string> warnings;
    const Config c = load_config_text(R"({"providers": [{"id": "codex", "list_models": false}]})",
                                      "/h/config.json", warnings);
    EXPECT_TRUE(warnings.empty());
    EXPECT_FALSE(c.find_provider("codex")->list_models);
    EXPECT_TRUE(c.find_provider("openai")->list_models);  // the default
    EXPECT_THAT(load_error(R"({"providers": [{"id": "codex", "list_models": "no"}]})"),
                ::testing::HasSubstr("list_models: expected true or false"));
}

TEST(ConfigLoader, MissingFileGivesTheEmbeddedDefault) {
    TempDir tmp;
    const LoadedConfig loaded = load_config(tmp.path());
    EXPECT_FALSE(loaded.file_found);
    EXPECT_EQ(loaded.path, tmp.path() / "config.json");
    EXPECT_EQ(provider_ids(loaded.config), provider_ids(default_config()));
    EXPECT_EQ(loaded.config.default_model, default_config().default_model);
    EXPECT_TRUE(loaded.config.models.empty());
    EXPECT_EQ(loaded.config.catalog_ttl_s, 300u);
    EXPECT_EQ(loaded.config.catalog_timeout_ms, 5000u);
    EXPECT_TRUE(loaded.warnings.empty());
}

TEST(ConfigLoader, CatalogSettingsInTheUserFileReplaceTheDefaults) {
    TempDir tmp;
    test::write_file(config_path(tmp.path()),
                     R"({"catalog_ttl_s": 60, "catalog_timeout_ms": 250})");
    const LoadedConfig loaded = load_config(tmp.path());
    EXPECT_TRUE(loaded.file_found);
    EXPECT_TRUE(loaded.warnings.empty()) << loaded.warnings.front();
    EXPECT_EQ(loaded.config.catalog_ttl_s, 60u);
    EXPECT_EQ(loaded.config.catalog_timeout_ms, 250u);

    // One without the other keeps the other's default; a TTL of 0 (always refresh) is allowed.
    std::vector<std::string> warnings;
    const Config ttl_only = load_config_text(R"({"catalog_ttl_s": 0})", "/h/config.json", warnings);
    EXPECT_EQ(ttl_only.catalog_ttl_s, 0u);
    EXPECT_EQ(ttl_only.catalog_timeout_ms, 5000u);
    const Config timeout_only =
        load_config_text(R"({"catalog_timeout_ms": 1})", "/h/config.json", warnings);
    EXPECT_EQ(timeout_only.catalog_ttl_s, 300u);
    EXPECT_EQ(timeout_only.catalog_timeout_ms, 1u);
    EXPECT_TRUE(warnings.empty());
}

TEST(ConfigMerge, CatalogSettingsOfALaterLayerWinAndAbsentOnesKeepTheEarlier) {
    const Config c = merged(R"({"catalog_ttl_s": 10, "catalog_timeout_ms": 20})",
                            R"({"catalog_timeout_ms": 30})");
    EXPECT_EQ(c.catalog_ttl_s, 10u);
    EXPECT_EQ(c.catalog_timeout_ms, 30u);
}

TEST(ConfigLoader, BadCatalogSettingsAreOneLineErrorsNamingTheKey) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"catalog_timeout_ms": 0})", "/h/config.json: catalog_timeout_ms: "},
        {R"({"catalog_timeout_ms": "5000"})", "/h/config.json: catalog_timeout_ms: "},
        {R"({"catalog_timeout_ms": -1})", "/h/config.json: catalog_timeout_ms: "},
        {R"({"catalog_timeout_ms": 2.5})", "/h/config.json: catalog_timeout_ms: "},
        {R"({"catalog_timeout_ms": null})", "/h/config.json: catalog_timeout_ms: "},
        {R"({"catalog_ttl_s": "300"})", "/h/config.json: catalog_ttl_s: "},
        {R"({"catalog_ttl_s": -5})", "/h/config.json: catalog_ttl_s: "},
        {R"({"catalog_ttl_s": true})", "/h/config.json: catalog_ttl_s: "},
    };
    for (const auto& [text, prefix] : cases) {
        const std::string error = load_error(text);
        EXPECT_EQ(error.rfind(prefix, 0), 0u) << text << " -> " << error;
        EXPECT_THAT(error, HasSubstr("expected a ")) << text;
        EXPECT_EQ(error.find('\n'), std::string::npos) << text << " -> " << error;
    }
    EXPECT_EQ(load_error(R"({"catalog_timeout_ms": 0})"),
              "/h/config.json: catalog_timeout_ms: expected a positive integer (milliseconds)");
    EXPECT_EQ(load_error(R"({"catalog_ttl_s": "300"})"),
              "/h/config.json: catalog_ttl_s: expected a whole number (seconds)");
}

TEST(ConfigLoader, GoodFileWithCommentsAndTrailingCommasLoads) {
    TempDir tmp;
    test::write_file(config_path(tmp.path()), R"({
      // a local server
      "providers": [
        { "id": "local", "protocol": "responses", "base_url": "http://127.0.0.1:9/v1",
          "api_key_env": "LOCAL_KEY", "headers": { "X-Team": "core" },
          "options": { "timeout_s": 30, "nested": { "a": [1, 2] } }, },
      ],
      /* models */
      "models": [
        { "name": "small", "provider": "local", "model_id": "tiny-1",
          "reasoning_effort": "low", "reasoning_summary": "concise", "verbosity": "high",
          "context_window": 32000, "max_output_tokens": 4096, "instructions": "Be brief." },
      ],
      "default_model": "small",
    })");
    const LoadedConfig loaded = load_config(tmp.path());
    EXPECT_TRUE(loaded.file_found);
    EXPECT_TRUE(loaded.warnings.empty());
    const Config& c = loaded.config;
    EXPECT_THAT(provider_ids(c),
                ElementsAre("openai", "codex", "ollama", "openrouter", "anthropic", "local"));
    const ProviderConfig* local = c.find_provider("local");
    ASSERT_NE(local, nullptr);
    EXPECT_EQ(local->base_url, "http://127.0.0.1:9/v1");
    EXPECT_EQ(local->api_key_env, "LOCAL_KEY");
    EXPECT_EQ(local->headers.at("X-Team"), "core");
    EXPECT_EQ(local->options, R"({"timeout_s":30,"nested":{"a":[1,2]}})");
    const ModelConfig* small = c.find_model("small");
    ASSERT_NE(small, nullptr);
    EXPECT_EQ(small->model_id, "tiny-1");
    EXPECT_EQ(small->reasoning_effort, "low");
    EXPECT_EQ(small->reasoning_summary, "concise");
    EXPECT_EQ(small->verbosity, "high");
    EXPECT_EQ(small->context_window, 32000u);
    EXPECT_EQ(small->max_output_tokens, 4096u);
    EXPECT_EQ(small->instructions, "Be brief.");
    EXPECT_EQ(c.default_model, "small");
}

TEST(ConfigLoader, MalformedJsonNamesFileLineAndColumn) {
    const std::string error =
        load_error("{\n  \"providers\": [\n    { \"id\": \"x\" \"protocol\": 1 }\n]}");
    EXPECT_THAT(error, HasSubstr("/h/config.json:3:17: invalid JSON"));
}

TEST(ConfigLoader, MalformedFileOnDiskNamesIt) {
    TempDir tmp;
    test::write_file(config_path(tmp.path()), "{ \"default_model\": }");
    try {
        load_config(tmp.path());
        FAIL() << "expected ConfigError";
    } catch (const ConfigError& e) {
        EXPECT_THAT(e.what(),
                    HasSubstr((tmp.path() / "config.json").string() + ":1:20: invalid JSON"));
    }
}

TEST(ConfigLoader, EmptyFileIsInvalidJson) {
    EXPECT_THAT(load_error(""), HasSubstr("/h/config.json:1:1: invalid JSON"));
}

TEST(ConfigLoader, WrongTypesNameTheJsonPathAndTheExpectation) {
    EXPECT_THAT(load_error("[]"), HasSubstr("/h/config.json: (top level): expected an object"));
    EXPECT_THAT(load_error(R"({"providers": {}})"),
                HasSubstr("/h/config.json: providers: expected an array"));
    EXPECT_THAT(
        load_error(
            R"({"providers": [{"id":"a","protocol":"responses"}, {"id":"b","protocol":3}]})"),
        HasSubstr("/h/config.json: providers[1].protocol: expected a string"));
    EXPECT_THAT(load_error(R"({"providers": [{"protocol":"responses"}]})"),
                HasSubstr("providers[0].id: missing; expected a string"));
    EXPECT_THAT(load_error(R"({"providers": [{"id":"a/b","protocol":"responses"}]})"),
                HasSubstr("providers[0].id: \"a/b\" is not a valid id"));
    EXPECT_THAT(load_error(R"({"providers": [{"id":"a","protocol":"responses","headers":[]}]})"),
                HasSubstr("providers[0].headers: expected an object"));
    EXPECT_THAT(
        load_error(R"({"providers": [{"id":"a","protocol":"responses","headers":{"X":1}}]})"),
        HasSubstr("providers[0].headers[\"X\"]: expected a string"));
    EXPECT_THAT(load_error(R"({"providers": [{"id":"a","protocol":"responses","options":"x"}]})"),
                HasSubstr("providers[0].options: expected an object"));
    EXPECT_THAT(
        load_error(R"({"providers": [{"id":"a","protocol":"responses","base_url":"ftp://x"}]})"),
        HasSubstr("providers[0].base_url: \"ftp://x\" is not a URL"));
    EXPECT_THAT(
        load_error(R"({"providers": [{"id":"a","protocol":"responses","api_key_env":"MY KEY"}]})"),
        HasSubstr("providers[0].api_key_env: \"MY KEY\" is not an environment variable name"));
    EXPECT_THAT(
        load_error(R"({"models": [{"name":"m","provider":"openai","context_window":"big"}]})"),
        HasSubstr("models[0].context_window: expected a positive integer"));
    EXPECT_THAT(load_error(R"({"models": [{"name":"m","provider":"openai","context_window":-5}]})"),
                HasSubstr("models[0].context_window: expected a positive integer"));
    EXPECT_THAT(load_error(R"({"models": [{"name":"m","provider":"openai"}, 7]})"),
                HasSubstr("models[1]: expected an object"));
    EXPECT_THAT(load_error(R"({"default_model": 5})"),
                HasSubstr("/h/config.json: default_model: expected a string"));
}

TEST(ConfigLoader, AKeyInTheFileIsRefusedWithAPointerToApiKeyEnv) {
    EXPECT_THAT(load_error(R"({"providers": [{"id":"openai","api_key":"sk-123"}]})"),
                HasSubstr("providers[0].api_key: keys are not stored in the config; expected "
                          "\"api_key_env\""));
}

TEST(ConfigLoader, NewEntriesNeedProtocolAndProvider) {
    EXPECT_THAT(load_error(R"({"providers": [{"id":"fresh"}]})"),
                HasSubstr("providers[0].protocol: missing for new provider \"fresh\""));
    EXPECT_THAT(load_error(R"({"models": [{"name":"fresh"}]})"),
                HasSubstr("models[0].provider: missing for new model \"fresh\""));
}

TEST(ConfigLoader, DuplicateIdsInOneFileAreErrors) {
    EXPECT_THAT(
        load_error(R"({"providers": [{"id":"x","protocol":"p"},{"id":"x","protocol":"q"}]})"),
        HasSubstr("providers[1].id: duplicate provider id \"x\" (also providers[0])"));
    EXPECT_THAT(load_error(R"({"models": [{"name":"gpt-5.1","provider":"openai"},
                                         {"name":"gpt-5.1","provider":"openai"}]})"),
                HasSubstr("models[1].name: duplicate model name"));
}

TEST(ConfigLoader, UnknownKeysAndUnusualValuesAreWarningsNotErrors) {
    std::vector<std::string> warnings;
    const Config c = load_config_text(
        R"({"colour": "blue", "providers": [{"id":"openai","extra":1}],
            "models": [{"name":"gpt-5.1","provider":"openai","reasoning_effort":"extreme","speed":2}]})",
        "/h/config.json", warnings);
    EXPECT_THAT(warnings,
                ElementsAre(HasSubstr("/h/config.json: colour: unknown key, ignored"),
                            HasSubstr("providers[0].extra: unknown key, ignored"),
                            HasSubstr("models[0].reasoning_effort: \"extreme\" is not one "
                                      "of the known values"),
                            HasSubstr("models[0].speed: unknown key, ignored")));
    EXPECT_EQ(c.find_model("gpt-5.1")->reasoning_effort, "extreme");
}

// Found by fuzz_config: a line break inside a quoted value split the one-line error.
TEST(ConfigLoader, ValuesInMessagesAreQuotedOnOneLine) {
    EXPECT_EQ(load_error(R"({"models": [{"name": "m", "provider": "a\nb"}]})"),
              "/h/config.json: models[0].provider: \"a\\nb\" is not a valid id; expected a "
              "configured provider id made of letters, digits, '.', '_' or '-'");
    EXPECT_THAT(load_error(R"({"providers": [{"id": "p", "headers": {"X\r\nY": "v"}}]})"),
                HasSubstr("providers[0].headers[\"X\\r\\nY\"]: expected an HTTP header name"));
    // NUL bytes are kept, not cut off: this header value is refused, not read as "a".
    EXPECT_THAT(load_error(R"({"providers": [{"id": "p", "headers": {"X": "a\u0000b"}}]})"),
                HasSubstr("expected a header value without line breaks"));

    std::vector<std::string> warnings;
    load_config_text(
        R"({"models": [{"name": "gpt-5.1", "provider": "openai", "verbosity": "x\ny", "a\tb": 1}],
                         "provider\u0000s": []})",
        "/h/config.json", warnings);
    EXPECT_THAT(warnings,
                ElementsAre(HasSubstr("models[0].verbosity: \"x\\ny\" is not one of the known"),
                            HasSubstr("models[0].\"a\\tb\": unknown key, ignored"),
                            HasSubstr("/h/config.json: \"provider\\u0000s\": unknown key")));
    for (const std::string& w : warnings) {
        EXPECT_EQ(w.find('\n'), std::string::npos) << w;
    }
}

TEST(ConfigMerge, SameIdOverlaysOnlyTheFieldsGiven) {
    const Config c = merged(kBaseModels, R"({
      "providers": [{ "id": "openai", "base_url": "http://127.0.0.1:1/v1",
                      "headers": {"X-A": "1"}, "options": {"k": 1} }],
      "models": [{ "name": "gpt-5.1-codex", "reasoning_effort": "high", "instructions": "I." }]
    })");
    EXPECT_THAT(provider_ids(c),
                ElementsAre("openai", "codex", "ollama", "openrouter", "anthropic"));
    const ProviderConfig* openai = c.find_provider("openai");
    EXPECT_EQ(openai->base_url, "http://127.0.0.1:1/v1");
    EXPECT_EQ(openai->protocol, "responses");          // kept from the default
    EXPECT_EQ(openai->api_key_env, "OPENAI_API_KEY");  // kept
    EXPECT_EQ(openai->headers.at("X-A"), "1");
    EXPECT_EQ(openai->options, R"({"k":1})");
    EXPECT_THAT(model_names(c), ElementsAre("gpt-5.1", "gpt-5.1-codex"));
    const ModelConfig* codex = c.find_model("gpt-5.1-codex");
    ASSERT_NE(codex, nullptr);
    EXPECT_EQ(codex->provider, "codex");          // kept from the earlier layer
    EXPECT_EQ(codex->model_id, "gpt-5.1-codex");  // kept (defaulted to the name there)
    EXPECT_EQ(codex->reasoning_effort, "high");
    EXPECT_EQ(codex->instructions, "I.");
    EXPECT_EQ(codex->context_window, 272000u);                       // kept
    EXPECT_EQ(c.find_model("gpt-5.1")->max_output_tokens, 128000u);  // untouched
    EXPECT_EQ(c.default_model, default_config().default_model);
}

TEST(ConfigMerge, ProtocolCanBeReplacedAndNullClears) {
    const Config c = merged(kBaseModels, R"({
      "providers": [{ "id": "openai", "protocol": "my-responses", "base_url_env": null }],
      "models": [{ "name": "gpt-5.1", "context_window": null }]
    })");
    EXPECT_EQ(c.find_provider("openai")->protocol, "my-responses");
    EXPECT_FALSE(c.find_provider("openai")->base_url_env.has_value());
    ASSERT_NE(c.find_model("gpt-5.1"), nullptr);
    EXPECT_FALSE(c.find_model("gpt-5.1")->context_window.has_value());
    EXPECT_EQ(c.find_model("gpt-5.1")->max_output_tokens, 128000u);     // not cleared
    EXPECT_EQ(c.find_model("gpt-5.1-codex")->context_window, 272000u);  // other model kept
}

TEST(ConfigMerge, HeadersAndOptionsMergeKeyByKeyAndNullRemoves) {
    std::vector<std::string> warnings;
    Config c;
    merge_config_layer(c, parse_config_layer(R"({"providers": [{"id": "x", "protocol": "p",
        "headers": {"A": "1", "B": "2"}, "options": {"a": 1, "b": {"deep": true}}}]})",
                                             "base", warnings));
    merge_config_layer(c, parse_config_layer(R"({"providers": [{"id": "x",
        "headers": {"B": "two", "C": "3", "A": null}, "options": {"b": null, "c": "new"}}]})",
                                             "user", warnings));
    const ProviderConfig* x = c.find_provider("x");
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->protocol, "p");
    EXPECT_EQ(x->headers, (std::map<std::string, std::string>{{"B", "two"}, {"C", "3"}}));
    EXPECT_EQ(x->options, R"({"a":1,"c":"new"})");
}

TEST(ConfigMerge, HeaderNamesMergeCaseInsensitively) {
    std::vector<std::string> warnings;
    Config c;
    merge_config_layer(c, parse_config_layer(
                              R"({"providers": [{"id": "x", "protocol": "p",
                                  "headers": {"User-Agent": "a/1", "X-Gone": "1"}}]})",
                              "base", warnings));
    merge_config_layer(c, parse_config_layer(R"({"providers": [{"id": "x",
        "headers": {"user-agent": "b/2", "x-gone": null}}]})",
                                             "user", warnings));
    EXPECT_EQ(c.find_provider("x")->headers,
              (std::map<std::string, std::string>{{"user-agent", "b/2"}}));
}

TEST(ConfigMerge, NewModelIdDefaultsToItsName) {
    const Config c = merged(kBaseModels, R"({"models": [{"name": "gpt-4.1", "provider": "openai"}],
                                             "default_model": "gpt-4.1"})");
    // Added after the models of earlier layers.
    EXPECT_THAT(model_names(c), ElementsAre("gpt-5.1", "gpt-5.1-codex", "gpt-4.1"));
    EXPECT_EQ(c.find_model("gpt-4.1")->model_id, "gpt-4.1");
    EXPECT_EQ(c.default_model, "gpt-4.1");
}

TEST(ExampleConfig, ParsesWithTheLoaderWithoutWarnings) {
    std::vector<std::string> warnings;
    const Config c = load_config_text(example_config(), "example", warnings);
    EXPECT_TRUE(warnings.empty()) << (warnings.empty() ? "" : warnings.front());
    EXPECT_THAT(provider_ids(c),
                ElementsAre("openai", "codex", "ollama", "openrouter", "anthropic"));
    // The example's default names a provider (its catalog's first listed model), as the
    // embedded default does, and resolves.
    EXPECT_EQ(c.default_model, "codex");
    EXPECT_TRUE(resolve_model(c, "").provider_default());
    EXPECT_EQ(c.catalog_ttl_s, 300u);
    EXPECT_EQ(c.catalog_timeout_ms, 5000u);
}

TEST(ExampleConfig, DocumentsTheCodexSettings) {
    const std::string text(example_config());
    EXPECT_THAT(text, HasSubstr("\"issuer\""));
    EXPECT_THAT(text, HasSubstr("KLAUDE_CODEX_ISSUER"));
    EXPECT_THAT(text, HasSubstr("KLAUDE_CODEX_BASE_URL"));
    EXPECT_THAT(text, HasSubstr("\"instructions\""));
    EXPECT_THAT(text, HasSubstr("klaude auth login codex"));
}

TEST(PluginJson, HasExactlyTheDocumentedFieldsOmittingUnsetOnes) {
    ProviderConfig p;
    p.id = "openai";
    p.protocol = "responses";
    EXPECT_EQ(to_plugin_json(p),
              R"({"id":"openai","protocol":"responses","headers":{},"options":{}})");
    p.base_url = "http://127.0.0.1:5/v1";
    p.base_url_env = "OPENAI_BASE_URL";
    p.api_key_env = "OPENAI_API_KEY";
    p.headers = {{"User-Agent", "k/1"}, {"X-\"Q\"", "a\"b"}};
    p.options = R"({"issuer":"http://127.0.0.1:6"})";
    EXPECT_EQ(to_plugin_json(p),
              R"({"id":"openai","protocol":"responses","base_url":"http://127.0.0.1:5/v1",)"
              R"("base_url_env":"OPENAI_BASE_URL","api_key_env":"OPENAI_API_KEY",)"
              R"("headers":{"User-Agent":"k/1","X-\"Q\"":"a\"b"},)"
              R"("options":{"issuer":"http://127.0.0.1:6"}})");
}

TEST(EffectiveBaseUrl, EnvironmentBeatsConfigBeatsPluginDefault) {
    ProviderConfig p;
    p.id = "openai";
    p.protocol = "responses";
    EXPECT_FALSE(effective_base_url(p).has_value());
    p.base_url = "https://api.example/v1";
    p.base_url_env = "KLAUDE_TEST_BASE_URL";
    {
        test::ScopedEnv unset("KLAUDE_TEST_BASE_URL", nullptr);
        EXPECT_EQ(effective_base_url(p), "https://api.example/v1");
    }
    {
        test::ScopedEnv empty("KLAUDE_TEST_BASE_URL", "");
        EXPECT_EQ(effective_base_url(p), "https://api.example/v1");
    }
    test::ScopedEnv set("KLAUDE_TEST_BASE_URL", "http://127.0.0.1:7");
    EXPECT_EQ(effective_base_url(p), "http://127.0.0.1:7");
}

TEST(PluginJson, DefaultCodexProviderCarriesItsEnvOverride) {
    const Config c = default_config();
    const std::string json = to_plugin_json(*c.find_provider("codex"));
    EXPECT_THAT(json, HasSubstr(R"("protocol":"codex")"));
    EXPECT_THAT(json, HasSubstr(R"("base_url_env":"KLAUDE_CODEX_BASE_URL")"));
}

}  // namespace
}  // namespace klaude::core
