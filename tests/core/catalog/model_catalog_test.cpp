#include "core/catalog/model_catalog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace klaude::core {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string parse_error(std::string_view json) {
    try {
        parse_catalog(json);
    } catch (const CatalogError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(ModelCatalog, ReadsEveryDocumentedFieldAndIgnoresUnknownOnes) {
    const ModelCatalog c = parse_catalog(R"({"models":[{
        "id":"m1","display_name":"Model One","description":"d","context_window":272000,
        "max_output_tokens":128000.0,"visibility":"list","priority":2,
        "capabilities":["tools","reasoning","no_parallel_tool_calls"],
        "reasoning_efforts":["low","medium","xhigh"],"default_reasoning_effort":"medium",
        "default_reasoning_summary":"auto","default_verbosity":"low",
        "input_modalities":["text"],"upgrade":{"model":"m2","message":"Meet m2"},
        "future_field":{"nested":[1,2,3]}}], "etag":"x"})");
    ASSERT_EQ(c.models.size(), 1u);
    const CatalogModel& m = c.models[0];
    EXPECT_EQ(m.id, "m1");
    EXPECT_EQ(m.display_name, "Model One");
    EXPECT_EQ(m.description, "d");
    EXPECT_EQ(m.context_window, 272000u);
    EXPECT_EQ(m.max_output_tokens, 128000u);
    EXPECT_TRUE(m.listed);
    EXPECT_EQ(m.priority, 2);
    EXPECT_THAT(m.reasoning_efforts, ElementsAre("low", "medium", "xhigh"));
    EXPECT_EQ(m.default_reasoning_effort, "medium");
    EXPECT_EQ(m.default_reasoning_summary, "auto");
    EXPECT_EQ(m.default_verbosity, "low");
    EXPECT_EQ(m.upgrade_model, "m2");
    EXPECT_EQ(m.upgrade_message, "Meet m2");
    EXPECT_FALSE(m.accepts_images());  // modalities say text only
    EXPECT_FALSE(m.parallel_tool_calls());
}

TEST(ModelCatalog, OrdersByPriorityThenDocumentOrderAndFindsTheFirstListed) {
    const ModelCatalog c = parse_catalog(R"({"models":[
        {"id":"none-a"},{"id":"p3","priority":3},{"id":"hidden","priority":0,"visibility":"hide"},
        {"id":"none-b"},{"id":"p1","priority":1}]})");
    std::vector<std::string> ids;
    for (const auto& m : c.models) {
        ids.push_back(m.id);
    }
    EXPECT_THAT(ids, ElementsAre("hidden", "p1", "p3", "none-a", "none-b"));
    ASSERT_NE(c.first_listed(), nullptr);
    EXPECT_EQ(c.first_listed()->id, "p1");
    EXPECT_EQ(c.listed_count(), 4u);
    EXPECT_EQ(c.find("hidden")->display_name, "hidden");  // the id when no name is given
    EXPECT_EQ(c.find("nope"), nullptr);
}

TEST(ModelCatalog, ImagesFromModalitiesElseTheCapability) {
    const ModelCatalog c = parse_catalog(R"({"models":[
        {"id":"a","input_modalities":["text","image"]},{"id":"b","capabilities":["images"]},
        {"id":"c"}]})");
    EXPECT_TRUE(c.find("a")->accepts_images());
    EXPECT_TRUE(c.find("b")->accepts_images());
    EXPECT_FALSE(c.find("c")->accepts_images());
    EXPECT_TRUE(c.find("c")->parallel_tool_calls());
}

TEST(ModelCatalog, BadCatalogsAreOneLineErrors) {
    EXPECT_THAT(parse_error("<html>"), HasSubstr("the catalog is not JSON"));
    EXPECT_THAT(parse_error(R"({"data":[]})"), HasSubstr("has no \"models\" array"));
    EXPECT_THAT(parse_error(R"([1,2])"), HasSubstr("has no \"models\" array"));
    // Scalars too (fuzz_catalog found looking for "models" in one undefined).
    EXPECT_THAT(parse_error("2"), HasSubstr("has no \"models\" array"));
    EXPECT_THAT(parse_error(R"("models")"), HasSubstr("has no \"models\" array"));
    EXPECT_THAT(parse_error(R"({"models":[]})"), HasSubstr("lists no models"));
    EXPECT_THAT(parse_error(R"({"models":[{"id":"a"},{"id":"a"}]})"),
                HasSubstr("lists model 'a' twice"));
    EXPECT_THAT(parse_error(R"({"models":[{"display_name":"x"}]})"),
                HasSubstr("models[0] has no id"));
    EXPECT_THAT(parse_error(R"({"models":[7]})"), HasSubstr("models[0] is not an object"));
    const std::string huge = R"({"models":[{"id":"a","description":")" +
                             std::string(kMaxCatalogJsonBytes, 'x') + "\"}]}";
    EXPECT_THAT(parse_error(huge), HasSubstr("MiB accepted"));
    // Deep nesting is refused without overflowing the stack (iterative parsing).
    EXPECT_THAT(parse_error(std::string(200000, '[')), HasSubstr("not JSON"));
}

TEST(ModelCatalog, WritesWhatItReadsBack) {
    const ModelCatalog c = parse_catalog(R"({"models":[
        {"id":"a","display_name":"A","context_window":5,"priority":1,"reasoning_efforts":["low"],
         "default_reasoning_effort":"low","upgrade":{"model":"b"}},
        {"id":"b","visibility":"hide","input_modalities":["text","image"]}]})");
    const ModelCatalog again = parse_catalog(catalog_to_json(c));
    ASSERT_EQ(again.models.size(), 2u);
    EXPECT_EQ(again.models[0].id, "a");
    EXPECT_EQ(again.models[0].display_name, "A");
    EXPECT_EQ(again.models[0].context_window, 5u);
    EXPECT_EQ(again.models[0].priority, 1);
    EXPECT_THAT(again.models[0].reasoning_efforts, ElementsAre("low"));
    EXPECT_EQ(again.models[0].upgrade_model, "b");
    EXPECT_FALSE(again.models[1].listed);
    EXPECT_TRUE(again.models[1].accepts_images());
}

}  // namespace
}  // namespace klaude::core
