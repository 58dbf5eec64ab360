// Tagging output items with their maker, and what another provider is shown of them.
#include "core/agent/item_origin.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

namespace klaude::core {
namespace {

TEST(ItemOrigin, TaggingPrependsTheOriginWithoutParsing) {
    EXPECT_EQ(tag_origin(R"({"type":"message"})", "responses"),
              R"({"origin":"responses","type":"message"})");
    EXPECT_EQ(tag_origin("{}", "chat"), R"({"origin":"chat"})");
    EXPECT_EQ(tag_origin("{ }", "chat"), R"({"origin":"chat" })");
    // Already tagged, no origin, not an object, or an id that would break the JSON: unchanged.
    EXPECT_EQ(tag_origin(R"({"origin":"a","x":1})", "b"), R"({"origin":"a","x":1})");
    EXPECT_EQ(tag_origin(R"({"x":1})", ""), R"({"x":1})");
    EXPECT_EQ(tag_origin("[1]", "a"), "[1]");
    EXPECT_EQ(tag_origin(R"({"x":1})", "a\"b"), R"({"x":1})");
    for (const char* item : {R"({"type":"message"})", "{}", "{ }"}) {
        rapidjson::Document doc;
        doc.Parse(tag_origin(item, "p").c_str());
        EXPECT_FALSE(doc.HasParseError()) << item;
    }
}

TEST(ItemOrigin, ReadsTheTag) {
    EXPECT_EQ(item_origin(R"({"origin":"anthropic","type":"reasoning"})"), "anthropic");
    EXPECT_EQ(item_origin(R"({"type":"message","origin":"x"})"), "");  // not a tag we wrote
    EXPECT_EQ(item_origin(R"({"origin":"unterminated)"), "");
}

TEST(ItemOrigin, WhatAnotherProviderSees) {
    const std::string reasoning =
        R"({"origin":"responses","type":"reasoning","id":"rs_1","encrypted_content":"gAAA"})";
    const std::string call =
        R"({"origin":"responses","type":"function_call","call_id":"c","name":"t",)"
        R"("arguments":"{}","provider_state":{"k":1}})";
    // The maker and untagged items: unchanged.
    EXPECT_EQ(item_for_provider(reasoning, "responses"), std::nullopt);
    EXPECT_EQ(item_for_provider(R"({"type":"message","role":"user"})", "chat"), std::nullopt);
    // Another provider: no reasoning at all; other items without the opaque parts.
    EXPECT_EQ(item_for_provider(reasoning, "anthropic"), std::string());
    EXPECT_EQ(item_for_provider(call, "anthropic"),
              std::string(R"({"type":"function_call","call_id":"c","name":"t","arguments":"{}"})"));
}

}  // namespace
}  // namespace klaude::core
