// core/mcp without a server: tool names, JSON-RPC framing, and tools/call results as the model
// sees them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/mcp/call_result.h"
#include "core/mcp/json_rpc.h"
#include "core/mcp/tool_names.h"

namespace klaude::core::mcp {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(McpToolName, JoinsServerAndToolAndReplacesOddCharacters) {
    EXPECT_EQ(mcp_tool_name("fs", "read_file"), "mcp__fs__read_file");
    EXPECT_EQ(mcp_tool_name("my-srv", "get.thing/v2 now"), "mcp__my-srv__get_thing_v2_now");
    EXPECT_EQ(mcp_tool_name("s", "ünï"), "mcp__s____n__");  // each UTF-8 byte becomes '_'
}

TEST(McpToolName, LongNamesAreCutWithAStableDistinctHash) {
    const std::string tool(100, 'a');
    const std::string a = mcp_tool_name("server", tool);
    const std::string b = mcp_tool_name("server", tool + "b");
    EXPECT_EQ(a.size(), 64u);
    EXPECT_EQ(b.size(), 64u);
    EXPECT_NE(a, b);
    EXPECT_EQ(a, mcp_tool_name("server", tool));
    EXPECT_EQ(a.substr(0, 13), "mcp__server__");
    EXPECT_EQ(a[55], '_');
    EXPECT_EQ(a.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-"), std::string::npos);
    // Exactly 64 stays as is.
    const std::string fits(64 - 10, 'x');
    EXPECT_EQ(mcp_tool_name("abc", fits), "mcp__abc__" + fits);
}

TEST(JsonRpcFraming, SplitsLinesAcrossReadsAndDropsCarriageReturns) {
    LineSplitter splitter;
    EXPECT_TRUE(splitter.feed("{\"a\":").empty());
    EXPECT_THAT(splitter.feed("1}\r\n{\"b\":2}\n{\"c\""), ElementsAre("{\"a\":1}", "{\"b\":2}"));
    EXPECT_THAT(splitter.feed(":3}\n"), ElementsAre("{\"c\":3}"));
    EXPECT_EQ(splitter.pending(), 0u);
}

TEST(JsonRpcFraming, AnOverlongLineIsAnOverflow) {
    LineSplitter splitter(16);
    splitter.feed(std::string(20, 'x'));
    EXPECT_TRUE(splitter.overflow());
    EXPECT_TRUE(splitter.feed("\n{}\n").empty());
}

TEST(JsonRpcFraming, RequestsAreOneCompactLine) {
    EXPECT_EQ(request_line(7, "tools/call", "{\n  \"name\": \"x\",\n  \"arguments\": {}\n}"),
              "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"x\","
              "\"arguments\":{}}}\n");
    EXPECT_EQ(notification_line("notifications/initialized", ""),
              "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
    EXPECT_EQ(result_line("\"a\"", "{}"), "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{}}\n");
    EXPECT_EQ(error_line("3", -32601, "no"),
              "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32601,\"message\":\"no\"}}\n");
    EXPECT_THROW(request_line(1, "x", "{bad"), std::invalid_argument);
}

TEST(JsonRpcFraming, ParsesResponsesRequestsAndNotifications) {
    std::string error;
    auto r = parse_message(R"({"jsonrpc":"2.0","id":5,"result":{"x":1}})", &error);
    ASSERT_TRUE(r) << error;
    EXPECT_EQ(r->kind, Message::Kind::kResponse);
    EXPECT_EQ(r->id.value_or(0), 5);
    EXPECT_EQ(r->result_json, "{\"x\":1}");
    auto e = parse_message(R"({"jsonrpc":"2.0","id":6,"error":{"code":-32602,"message":"bad"}})",
                           &error);
    ASSERT_TRUE(e);
    EXPECT_TRUE(e->is_error);
    EXPECT_EQ(e->error_code, -32602);
    EXPECT_EQ(e->error_message, "bad");
    auto q = parse_message(R"({"jsonrpc":"2.0","id":"s1","method":"ping"})", &error);
    ASSERT_TRUE(q);
    EXPECT_EQ(q->kind, Message::Kind::kRequest);
    EXPECT_EQ(q->id_json, "\"s1\"");
    auto n =
        parse_message(R"({"jsonrpc":"2.0","method":"notifications/progress","params":{}})", &error);
    ASSERT_TRUE(n);
    EXPECT_EQ(n->kind, Message::Kind::kNotification);
    EXPECT_EQ(n->params_json, "{}");
}

TEST(JsonRpcFraming, GarbageIsRefusedWithOneLine) {
    for (const char* line : {"hello", "[1,2]", R"({"id":1,"result":{}})", R"({"jsonrpc":"2.0"})",
                             R"({"jsonrpc":"2.0","id":1})"}) {
        std::string error;
        EXPECT_FALSE(parse_message(line, &error)) << line;
        EXPECT_FALSE(error.empty());
        EXPECT_EQ(error.find('\n'), std::string::npos);
    }
}

TEST(CallResult, TextBlocksAreJoined) {
    auto r = convert_call_result(
        R"({"content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]})", 1000);
    EXPECT_EQ(r.output, "one\ntwo");
    EXPECT_FALSE(r.is_error);
}

TEST(CallResult, StructuredContentWhenThereIsNoText) {
    EXPECT_EQ(convert_call_result(R"({"content":[],"structuredContent":{"a":[1,2]}})", 1000).output,
              "{\"a\":[1,2]}");
    // With text, the text is what the model sees.
    EXPECT_EQ(convert_call_result(
                  R"({"content":[{"type":"text","text":"t"}],"structuredContent":{"a":1}})", 1000)
                  .output,
              "t");
    EXPECT_EQ(convert_call_result(R"({"content":[]})", 1000).output, "(no output)");
}

TEST(CallResult, LinksImagesAndResources) {
    auto r = convert_call_result(
        R"({"content":[{"type":"image","data":"aGVsbG8=","mimeType":"image/png"},
            {"type":"resource_link","uri":"file:///a.txt","name":"a.txt"},
            {"type":"resource","resource":{"uri":"file:///b","text":"inside"}},
            {"type":"audio","data":"","mimeType":"audio/wav"}]})",
        1000);
    EXPECT_EQ(r.output,
              "[image image/png, 5 bytes]\n"
              "resource link: file:///a.txt (a.txt)\n"
              "resource file:///b:\ninside\n"
              "[audio audio/wav, 0 bytes: not shown to the model]");
    ASSERT_EQ(r.images.size(), 1u);
    EXPECT_EQ(r.images[0].mime_type, "image/png");
    EXPECT_EQ(r.images[0].base64, "aGVsbG8=");
}

TEST(CallResult, OnlyImagesAModelTakesAreKept) {
    const std::string big(8 * 1024 * 1024, 'A');
    auto r = convert_call_result(
        R"({"content":[{"type":"image","data":"aGVsbG8=","mimeType":"image/tiff"},
            {"type":"image","data":")" +
            big + R"(","mimeType":"image/jpeg"}]})",
        1000);
    EXPECT_TRUE(r.images.empty());
    EXPECT_EQ(r.output,
              "[image image/tiff, 5 bytes: not shown to the model]\n"
              "[image image/jpeg, 6291456 bytes: too large or too many to show to the model]");
}

TEST(CallResult, IsErrorIsAToolError) {
    auto r =
        convert_call_result(R"({"isError":true,"content":[{"type":"text","text":"no"}]})", 1000);
    EXPECT_TRUE(r.is_error);
    EXPECT_EQ(r.output, "no");
    EXPECT_TRUE(convert_call_result("[]", 1000).is_error);
}

TEST(CallResult, LongOutputKeepsHeadAndTail) {
    const std::string text = "HEAD" + std::string(10000, 'x') + "TAIL";
    auto r = convert_call_result(R"({"content":[{"type":"text","text":")" + text + R"("}]})", 100);
    EXPECT_EQ(r.output.substr(0, 4), "HEAD");
    EXPECT_EQ(r.output.substr(r.output.size() - 4), "TAIL");
    EXPECT_THAT(r.output, HasSubstr("bytes omitted"));
    EXPECT_EQ(r.omitted_bytes, text.size() - 100);
}

}  // namespace
}  // namespace klaude::core::mcp
