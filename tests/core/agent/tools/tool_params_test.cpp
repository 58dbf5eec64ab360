#include "core/agent/tools/tool_params.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

namespace klaude::core::agent {
namespace {

const std::vector<ParamSpec> kParams = {
    {"path", ParamType::kString, "the path", true},
    {"limit", ParamType::kInteger, "how many", false},
    {"all", ParamType::kBoolean, "everything", false},
};

TEST(ParametersSchema, IsStrictModeFriendly) {
    rapidjson::Document doc;
    doc.Parse(make_parameters_schema(kParams).c_str());
    ASSERT_FALSE(doc.HasParseError());
    EXPECT_STREQ(doc["type"].GetString(), "object");
    EXPECT_FALSE(doc["additionalProperties"].GetBool());
    // Strict mode wants every property listed as required; optional ones admit null.
    ASSERT_EQ(doc["required"].Size(), 3u);
    EXPECT_STREQ(doc["required"][1].GetString(), "limit");
    EXPECT_STREQ(doc["properties"]["path"]["type"].GetString(), "string");
    ASSERT_TRUE(doc["properties"]["limit"]["type"].IsArray());
    EXPECT_STREQ(doc["properties"]["limit"]["type"][0].GetString(), "integer");
    EXPECT_STREQ(doc["properties"]["limit"]["type"][1].GetString(), "null");
    EXPECT_STREQ(doc["properties"]["all"]["description"].GetString(), "everything");
}

TEST(ToolArgs, ParsesValuesAndTreatsNullAsAbsent) {
    std::string error;
    auto args = ToolArgs::parse(R"({"path":"a.txt","limit":5,"all":null})", kParams, &error);
    ASSERT_TRUE(args) << error;
    EXPECT_EQ(args->string("path"), "a.txt");
    EXPECT_EQ(args->integer("limit"), 5);
    EXPECT_FALSE(args->boolean("all").has_value());
}

TEST(ToolArgs, AcceptsAnIntegralDouble) {
    std::string error;
    auto args = ToolArgs::parse(R"({"path":"a","limit":10.0})", kParams, &error);
    ASSERT_TRUE(args) << error;
    EXPECT_EQ(args->integer("limit"), 10);
}

TEST(ToolArgs, RejectsInvalidJson) {
    std::string error;
    EXPECT_FALSE(ToolArgs::parse(R"({"path": )", kParams, &error));
    EXPECT_NE(error.find("not valid JSON"), std::string::npos) << error;
}

TEST(ToolArgs, RejectsANonObject) {
    std::string error;
    EXPECT_FALSE(ToolArgs::parse(R"(["a.txt"])", kParams, &error));
    EXPECT_NE(error.find("must be a JSON object"), std::string::npos) << error;
}

TEST(ToolArgs, RejectsWrongTypes) {
    std::string error;
    EXPECT_FALSE(ToolArgs::parse(R"({"path":"a","limit":"5"})", kParams, &error));
    EXPECT_NE(error.find("'limit' must be an integer"), std::string::npos) << error;
    EXPECT_FALSE(ToolArgs::parse(R"({"path":"a","limit":1.5})", kParams, &error));
    EXPECT_FALSE(ToolArgs::parse(R"({"path":7})", kParams, &error));
    EXPECT_NE(error.find("'path' must be a string"), std::string::npos) << error;
    EXPECT_FALSE(ToolArgs::parse(R"({"path":"a","all":"yes"})", kParams, &error));
    EXPECT_NE(error.find("'all' must be true or false"), std::string::npos) << error;
}

TEST(ToolArgs, RejectsMissingRequiredAndUnknownArguments) {
    std::string error;
    EXPECT_FALSE(ToolArgs::parse(R"({"limit":1})", kParams, &error));
    EXPECT_NE(error.find("missing required argument 'path'"), std::string::npos) << error;
    EXPECT_FALSE(ToolArgs::parse(R"({"path":null})", kParams, &error));
    EXPECT_NE(error.find("missing required argument 'path'"), std::string::npos) << error;
    EXPECT_FALSE(ToolArgs::parse(R"({"path":"a","colour":"red"})", kParams, &error));
    EXPECT_NE(error.find("unknown argument 'colour'"), std::string::npos) << error;
}

TEST(ToolArgs, EmptyTextMeansNoArguments) {
    std::vector<ParamSpec> optional_only = {{"path", ParamType::kString, "", false}};
    std::string error;
    auto args = ToolArgs::parse("  ", optional_only, &error);
    ASSERT_TRUE(args) << error;
    EXPECT_FALSE(args->has("path"));
}

}  // namespace
}  // namespace klaude::core::agent
