// The support library's JSON helpers: lenient readers, escaping writers, UTF-8 checks.
#include "klaude/support/json.h"

#include <gtest/gtest.h>

namespace klaude::support::json {
namespace {

TEST(JsonHelpers, ReadersTreatMissingAndMistypedMembersAsAbsent) {
    rapidjson::Document doc;
    ASSERT_TRUE(
        parse(R"({"s":"text","i":7,"d":2.0,"f":2.5,"b":true,"o":{},"a":[1],"n":null})", doc));
    EXPECT_EQ(field(doc, "n"), nullptr);  // "content": null means no content
    EXPECT_EQ(string_field(doc, "s"), "text");
    EXPECT_EQ(string_field(doc, "i"), "");
    EXPECT_EQ(string_field(doc, "missing"), "");
    EXPECT_EQ(int_field(doc, "i"), 7);
    EXPECT_EQ(int_field(doc, "d"), 2);  // some servers write integers as 2.0
    EXPECT_FALSE(int_field(doc, "f"));
    EXPECT_FALSE(int_field(doc, "s"));
    EXPECT_TRUE(bool_field(doc, "b", false));
    EXPECT_TRUE(bool_field(doc, "s", true));
    EXPECT_NE(object_field(doc, "o"), nullptr);
    EXPECT_EQ(object_field(doc, "a"), nullptr);
    EXPECT_NE(array_field(doc, "a"), nullptr);
    // Looking up in a scalar is not undefined behaviour here: it is "absent".
    EXPECT_EQ(field(doc["i"], "x"), nullptr);
    EXPECT_EQ(string_field(doc["a"], "x"), "");
}

TEST(JsonHelpers, ParseRejectsBrokenTextAndSurvivesDeepNesting) {
    rapidjson::Document doc;
    EXPECT_FALSE(parse(R"({"a":)", doc));
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    EXPECT_TRUE(parse(deep, doc));  // iterative: no stack overflow
    // Not NUL-terminated input: only the view is read.
    const std::string text = R"({"a":1}garbage)";
    EXPECT_TRUE(parse(std::string_view(text).substr(0, 7), doc));
}

TEST(JsonHelpers, WritersEscape) {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    write_member(w, "k", std::string_view("a\"b\n\0c", 6));
    w.EndObject();
    EXPECT_EQ(std::string(buffer.GetString()), R"({"k":"a\"b\n\u0000c"})");
    rapidjson::Document doc;
    ASSERT_TRUE(parse(R"({"x":[1,"y"]})", doc));
    EXPECT_EQ(serialize(doc), R"({"x":[1,"y"]})");
}

TEST(JsonHelpers, Utf8Validation) {
    EXPECT_TRUE(valid_utf8("plain, é, 日本, 🙂"));
    EXPECT_FALSE(valid_utf8("\xe6\x97"));  // a character split across two reads
    EXPECT_FALSE(valid_utf8("\xff"));
}

}  // namespace
}  // namespace klaude::support::json
