#include "core/config/jsonc_edit.h"

#include <gtest/gtest.h>

namespace klaude::core {
namespace {

const JsoncPath kServers = {"mcp_servers"};

TEST(JsoncEditTest, AddKeepsCommentsAndIndentation) {
    const std::string before =
        "// my config\n"
        "{\n"
        "    \"default_model\": \"gpt\", // the one I use\n"
        "    \"mcp_servers\": {\n"
        "        /* files */\n"
        "        \"fs\": {\"command\": [\"fs-server\"]} // keep\n"
        "    }\n"
        "}\n";
    const std::string after =
        jsonc_add_member(before, kServers, "git", R"({"command":["git-mcp","--ro"]})");
    EXPECT_EQ(after,
              "// my config\n"
              "{\n"
              "    \"default_model\": \"gpt\", // the one I use\n"
              "    \"mcp_servers\": {\n"
              "        /* files */\n"
              "        \"fs\": {\"command\": [\"fs-server\"]}, // keep\n"
              "        \"git\": {\n"
              "          \"command\": [\n"
              "            \"git-mcp\",\n"
              "            \"--ro\"\n"
              "          ]\n"
              "        }\n"
              "    }\n"
              "}\n");
}

TEST(JsoncEditTest, AddCreatesTheObjectWhenAbsent) {
    const std::string after =
        jsonc_add_member("{\n  \"a\": 1 // one\n}\n", kServers, "x", R"({"url":"http://h"})");
    EXPECT_EQ(after,
              "{\n"
              "  \"a\": 1, // one\n"
              "  \"mcp_servers\": {\n"
              "    \"x\": {\n"
              "      \"url\": \"http://h\"\n"
              "    }\n"
              "  }\n"
              "}\n");
}

TEST(JsoncEditTest, AddToAnEmptyFileAndAfterATrailingComma) {
    EXPECT_EQ(jsonc_add_member("{}", {}, "k", "1"), "{\n  \"k\": 1\n}");
    EXPECT_EQ(jsonc_add_member("{\n  \"a\": 1,\n}", {}, "b", "2"),
              "{\n  \"a\": 1,\n  \"b\": 2,\n}");
    EXPECT_EQ(jsonc_add_member("{\"a\": 1}", {}, "b", "2"), "{\"a\": 1, \"b\": 2}");
}

TEST(JsoncEditTest, AddRefusesATakenNameAndANonObject) {
    EXPECT_THROW(jsonc_add_member(R"({"mcp_servers": {"x": {}}})", kServers, "x", "{}"),
                 JsoncEditError);
    EXPECT_THROW(jsonc_add_member(R"({"mcp_servers": []})", kServers, "x", "{}"), JsoncEditError);
    EXPECT_THROW(jsonc_add_member("[1]", kServers, "x", "{}"), JsoncEditError);
}

TEST(JsoncEditTest, StringsAndCommentsThatLookLikeJsonAreSkipped) {
    const std::string text =
        "{\"note\": \"} \\\" {\", /* \"mcp_servers\": {} */ \"mcp_servers\": {\"a\": \"//x\"}}";
    EXPECT_TRUE(jsonc_has_member(text, kServers, "a"));
    EXPECT_FALSE(jsonc_has_member(text, kServers, "note"));
    EXPECT_FALSE(jsonc_has_member("{}", kServers, "a"));
}

TEST(JsoncEditTest, RemoveTakesTheMembersLinesAndKeepsTheRest) {
    const std::string before =
        "{\n"
        "  \"mcp_servers\": {\n"
        "    // the file server\n"
        "    \"fs\": {\n"
        "      \"command\": [\"fs\"]\n"
        "    },\n"
        "    \"git\": {\"command\": [\"git-mcp\"]} // last\n"
        "  }\n"
        "}\n";
    EXPECT_EQ(jsonc_remove_member(before, kServers, "fs"),
              "{\n"
              "  \"mcp_servers\": {\n"
              "    // the file server\n"
              "    \"git\": {\"command\": [\"git-mcp\"]} // last\n"
              "  }\n"
              "}\n");
    // The last member: the comma before it goes too, its trailing comment stays.
    EXPECT_EQ(jsonc_remove_member(before, kServers, "git"),
              "{\n"
              "  \"mcp_servers\": {\n"
              "    // the file server\n"
              "    \"fs\": {\n"
              "      \"command\": [\"fs\"]\n"
              "    }\n"
              "    // last\n"
              "  }\n"
              "}\n");
}

TEST(JsoncEditTest, RemoveOnOneLineAndAbsentNames) {
    EXPECT_EQ(jsonc_remove_member(R"({"a": 1, "b": 2})", {}, "a"), R"({"b": 2})");
    EXPECT_EQ(jsonc_remove_member(R"({"a": 1, "b": 2})", {}, "b"), R"({"a": 1})");
    EXPECT_THROW(jsonc_remove_member(R"({"a": 1})", {}, "z"), JsoncEditError);
    EXPECT_THROW(jsonc_remove_member(R"({"a": 1})", kServers, "a"), JsoncEditError);
}

}  // namespace
}  // namespace klaude::core
