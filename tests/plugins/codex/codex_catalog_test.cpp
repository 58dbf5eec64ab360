#include "plugins/codex/codex_catalog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <fstream>
#include <sstream>

#include "klaude/sdk/error.hpp"
#include "plugins/codex/codex_settings.h"

namespace klaude::codex {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

rapidjson::Document parsed(const std::string& json) {
    rapidjson::Document doc;
    doc.Parse(json.c_str());
    return doc;
}

std::vector<std::string> ids(const rapidjson::Document& catalog) {
    std::vector<std::string> out;
    for (const auto& m : catalog["models"].GetArray()) {
        out.emplace_back(m["id"].GetString());
    }
    return out;
}

TEST(CodexCatalog, TranslatesTheBackendsFieldsIntoKlaudesSchema) {
    const auto c = parsed(catalog_from_codex_models(R"({"models":[{
        "slug":"gpt-6.2-sol","display_name":"GPT-6.2-Sol","description":"Fast",
        "visibility":"list","priority":1,"minimal_client_version":"0.166.0",
        "context_window":500000,"max_context_window":872000,"default_reasoning_level":"low",
        "supported_reasoning_levels":[{"effort":"low","description":"x"},{"effort":"xhigh"}],
        "input_modalities":["text","image"],"support_verbosity":true,"default_verbosity":"low",
        "supports_parallel_tool_calls":false,"supports_reasoning_summaries":true,
        "default_reasoning_summary":"none","model_messages":{"instructions_template":"…"},
        "upgrade":{"model":"gpt-7","migration_markdown":"Meet GPT-7"}}]})",
                                                      "0.171.0"));
    ASSERT_EQ(c["models"].Size(), 1u);
    const auto& m = c["models"][0];
    EXPECT_STREQ(m["id"].GetString(), "gpt-6.2-sol");
    EXPECT_STREQ(m["display_name"].GetString(), "GPT-6.2-Sol");
    EXPECT_STREQ(m["description"].GetString(), "Fast");
    EXPECT_EQ(m["context_window"].GetUint64(), 500000u);
    EXPECT_STREQ(m["visibility"].GetString(), "list");
    EXPECT_EQ(m["priority"].GetInt(), 1);
    EXPECT_STREQ(m["reasoning_efforts"][1].GetString(), "xhigh");
    EXPECT_STREQ(m["default_reasoning_effort"].GetString(), "low");
    EXPECT_STREQ(m["default_verbosity"].GetString(), "low");
    EXPECT_STREQ(m["default_reasoning_summary"].GetString(), "none");
    EXPECT_STREQ(m["input_modalities"][1].GetString(), "image");
    EXPECT_STREQ(m["upgrade"]["model"].GetString(), "gpt-7");
    EXPECT_STREQ(m["upgrade"]["message"].GetString(), "Meet GPT-7");
    std::vector<std::string> capabilities;
    for (const auto& cap : m["capabilities"].GetArray()) {
        capabilities.emplace_back(cap.GetString());
    }
    EXPECT_THAT(capabilities, ElementsAre("tools", "reasoning", "reasoning_summaries",
                                          "no_parallel_tool_calls", "verbosity"));
}

TEST(CodexCatalog, LeavesOutModelsForNewerClientsAndEntriesWithoutASlug) {
    const auto c = parsed(catalog_from_codex_models(R"({"models":[
        {"slug":"old","minimal_client_version":"0.98.0"},
        {"slug":"exact","minimal_client_version":"0.171.0"},
        {"slug":"newer","minimal_client_version":"0.172.0"},
        {"slug":"any"},{"display_name":"no slug"},"junk"]})",
                                                      "0.171.0"));
    EXPECT_THAT(ids(c), ElementsAre("old", "exact", "any"));
}

TEST(CodexCatalog, ComparesVersionsNumerically) {
    EXPECT_TRUE(version_less("0.99.0", "0.171.0"));
    EXPECT_FALSE(version_less("0.171.0", "0.171.0"));
    EXPECT_FALSE(version_less("0.171.1", "0.171.0"));
    EXPECT_TRUE(version_less("0.171", "0.171.1"));
    EXPECT_FALSE(version_less("1.0.0-alpha.1", "1.0.0"));
}

TEST(CodexCatalog, AnswersThatAreNotCatalogsAreProtocolErrors) {
    for (const char* body : {"<html>", "{}", R"({"models":{}})", "[]"}) {
        try {
            catalog_from_codex_models(body, "0.171.0");
            ADD_FAILURE() << body;
        } catch (const sdk::Error& e) {
            EXPECT_EQ(e.status(), KLAUDE_ERROR_PROTOCOL) << body;
            EXPECT_THAT(e.what(), HasSubstr("not a catalog")) << body;
        }
    }
}

// The bundled fallback is the Codex CLI release's own catalog (kDefaultClientVersion): the
// same models in the same order as the golden extraction, so bumping one means bumping both.
TEST(CodexCatalog, TheBundledCatalogIsTheMatchedReleasesOwn) {
    std::ifstream in(KLAUDE_GOLDEN_DIR "/bundled_models.json");
    std::stringstream text;
    text << in.rdbuf();
    const auto golden = parsed(text.str());
    const auto bundled = parsed(std::string(bundled_codex_models()));
    ASSERT_TRUE(golden.IsObject());
    ASSERT_TRUE(bundled.IsObject());
    ASSERT_EQ(bundled["models"].Size(), golden["models"].Size());
    for (rapidjson::SizeType i = 0; i < golden["models"].Size(); ++i) {
        EXPECT_STREQ(bundled["models"][i]["slug"].GetString(),
                     golden["models"][i]["slug"].GetString());
        EXPECT_STREQ(bundled["models"][i]["visibility"].GetString(),
                     golden["models"][i]["visibility"].GetString());
    }
    EXPECT_STREQ(kDefaultClientVersion, "0.171.0");  // the capture's directory name
}

TEST(CodexCatalog, TheDescriptorListsTheBundledListedModels) {
    const std::string catalog = catalog_from_codex_models(bundled_codex_models(), "0.171.0");
    const std::vector<sdk::ModelInfo> models = listed_models(catalog);
    ASSERT_FALSE(models.empty());
    EXPECT_EQ(models.front().id, "gpt-6.2-sol");
    EXPECT_EQ(models.front().context_window, 500000u);
    EXPECT_TRUE(models.front().capabilities & KLAUDE_MODEL_IMAGES);
    EXPECT_TRUE(models.front().capabilities & KLAUDE_MODEL_REASONING);
    for (const auto& m : models) {
        EXPECT_NE(m.id, "codex-auto-review");  // hidden
    }
}

}  // namespace
}  // namespace klaude::codex
