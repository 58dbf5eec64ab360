// StreamMapper on recorded Chat Completions streams (fixtures/README.md) and on hand-made
// ones for the cases the recordings do not cover. A recording is fed in several chunk sizes,
// and one at every split position: the events must not depend on how the bytes arrive.
#include "plugins/chat/stream_mapper.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <set>

#include "klaude/support/sse_parser.h"
#include "tests/plugins/chat/chat_fixtures.h"
#include "tests/plugins/responses/recording_sink.h"

namespace klaude::chat {
namespace {

using responses::testing::RecordingSink;
using testing::fixture_stream;
using Events = std::vector<std::pair<klaude_event_type_t, std::string>>;

// Feeds `text` in pieces of `chunk` bytes (0: whole) and ends the stream.
Events map(const std::string& text, size_t chunk = 0) {
    RecordingSink sink;
    StreamMapper mapper(sink.sink());
    support::SseParser parser;
    if (chunk == 0) {
        chunk = text.size() + 1;
    }
    for (size_t at = 0; at < text.size(); at += chunk) {
        parser.feed(std::string_view(text).substr(at, chunk), mapper);
    }
    parser.finish(mapper);
    mapper.finish();
    Events events = sink.events();
    if (mapper.error()) {
        events.emplace_back(KLAUDE_EVENT_ERROR, mapper.error()->message);
    }
    return events;
}

std::vector<std::string> of(const Events& events, klaude_event_type_t type) {
    std::vector<std::string> out;
    for (const auto& [t, data] : events) {
        if (t == type) {
            out.push_back(data);
        }
    }
    return out;
}

std::string joined(const Events& events, klaude_event_type_t type) {
    std::string out;
    for (const std::string& s : of(events, type)) {
        out += s;
    }
    return out;
}

rapidjson::Document json(const std::string& text) {
    rapidjson::Document doc;
    doc.Parse(text.c_str());
    return doc;
}

// The non-delta events, in order: what the host appends to the conversation and runs.
std::vector<klaude_event_type_t> structure(const Events& events) {
    std::vector<klaude_event_type_t> out;
    for (const auto& [type, data] : events) {
        if (type != KLAUDE_EVENT_TEXT_DELTA && type != KLAUDE_EVENT_REASONING_DELTA) {
            out.push_back(type);
        }
    }
    return out;
}

std::string data(const std::string& chunk_json) {
    return "data: " + chunk_json + "\n\n";
}

TEST(ChatStreamMapper, ToolCallWithTextFromAnOpenAICompatibleGateway) {
    // anthropic-fallback-tool-call.sse: text, then a call at index 1 whose id and name come
    // first and whose arguments come in three fragments (two empty), then [DONE].
    const Events events = map(fixture_stream("anthropic-fallback-tool-call.sse"));
    EXPECT_EQ(joined(events, KLAUDE_EVENT_TEXT_DELTA), "Reading it.");
    EXPECT_EQ(structure(events),
              (std::vector<klaude_event_type_t>{KLAUDE_EVENT_CREATED, KLAUDE_EVENT_OUTPUT_ITEM,
                                                KLAUDE_EVENT_OUTPUT_ITEM, KLAUDE_EVENT_TOOL_CALL,
                                                KLAUDE_EVENT_COMPLETED}));
    const auto items = of(events, KLAUDE_EVENT_OUTPUT_ITEM);
    EXPECT_TRUE(
        json(items[0]) ==
        json(
            R"({"type":"message","role":"assistant","content":[{"type":"text","text":"Reading it."}]})"));
    EXPECT_TRUE(
        json(items[1]) ==
        json(
            R"({"type":"function_call","call_id":"toolu_sanitized","name":"read_file","arguments":"{\"path\": \"a.txt\"}"})"));
    EXPECT_TRUE(
        json(of(events, KLAUDE_EVENT_TOOL_CALL)[0]) ==
        json(
            R"({"call_id":"toolu_sanitized","name":"read_file","arguments":"{\"path\": \"a.txt\"}"})"));
    EXPECT_TRUE(json(of(events, KLAUDE_EVENT_COMPLETED)[0]) ==
                json(R"({"response_id":"msg_sanitized","status":"completed"})"));
    EXPECT_TRUE(json(of(events, KLAUDE_EVENT_CREATED)[0]) ==
                json(R"({"response_id":"msg_sanitized","model":"claude-haiku-4-5-20251001"})"));
}

TEST(ChatStreamMapper, DeepSeekReasoningThenArgumentFragmentsAndUsage) {
    const Events events = map(fixture_stream("deepseek-tool-call.chunks.txt"));
    EXPECT_FALSE(joined(events, KLAUDE_EVENT_REASONING_DELTA).empty());
    EXPECT_EQ(joined(events, KLAUDE_EVENT_TEXT_DELTA), "");
    const auto calls = of(events, KLAUDE_EVENT_TOOL_CALL);
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_TRUE(
        json(calls[0]) ==
        json(
            R"({"call_id":"call_00_ioIn7yN9p1ZOMNpDLwd4MgAF","name":"weather","arguments":"{\"location\": \"San Francisco\"}"})"));
    EXPECT_TRUE(
        json(of(events, KLAUDE_EVENT_USAGE)[0]) ==
        json(
            R"({"input_tokens":339,"cached_input_tokens":320,"output_tokens":83,"reasoning_tokens":39,"total_tokens":422})"));
    EXPECT_EQ(structure(events),
              (std::vector<klaude_event_type_t>{KLAUDE_EVENT_CREATED, KLAUDE_EVENT_OUTPUT_ITEM,
                                                KLAUDE_EVENT_TOOL_CALL, KLAUDE_EVENT_USAGE,
                                                KLAUDE_EVENT_COMPLETED}));
}

TEST(ChatStreamMapper, XaiReasoningContentAndUsageAfterTheFinishChunk) {
    const Events events = map(fixture_stream("xai-tool-call.chunks.txt"));
    EXPECT_EQ(joined(events, KLAUDE_EVENT_REASONING_DELTA).rfind("First, the user is asking", 0),
              0u);
    EXPECT_TRUE(
        json(of(events, KLAUDE_EVENT_TOOL_CALL)[0]) ==
        json(
            R"({"call_id":"call_79382389","name":"weather","arguments":"{\"location\":\"San Francisco\"}"})"));
    EXPECT_TRUE(
        json(of(events, KLAUDE_EVENT_USAGE)[0]) ==
        json(
            R"({"input_tokens":307,"cached_input_tokens":306,"output_tokens":26,"reasoning_tokens":227,"total_tokens":560})"));
    EXPECT_EQ(of(events, KLAUDE_EVENT_COMPLETED).size(), 1u);
}

TEST(ChatStreamMapper, EmptyIdsAndNamesInLaterFragmentsDoNotOverwrite) {
    const Events alibaba = map(fixture_stream("alibaba-tool-call.chunks.txt"));
    EXPECT_TRUE(
        json(of(alibaba, KLAUDE_EVENT_TOOL_CALL).at(0)) ==
        json(
            R"({"call_id":"call_eee11723464a4b9eb8cee71d","name":"weather","arguments":"{\"location\": \"San Francisco\"}"})"));
    const Events mistral = map(fixture_stream("mistral-incremental-tool-call.chunks.txt"));
    EXPECT_TRUE(
        json(of(mistral, KLAUDE_EVENT_TOOL_CALL).at(0)) ==
        json(
            R"({"call_id":"chatcmpl-tool-9f149c74c42f265b","name":"webSearchTool","arguments":"{\"query\": \"current Berlin weather\"}"})"));
    EXPECT_TRUE(
        json(of(mistral, KLAUDE_EVENT_USAGE).at(0)) ==
        json(
            R"({"input_tokens":171,"cached_input_tokens":128,"output_tokens":14,"reasoning_tokens":0,"total_tokens":185})"));
}

TEST(ChatStreamMapper, LengthFinishIsIncomplete) {
    const Events events = map(fixture_stream("deepseek-text.chunks.txt"));
    EXPECT_FALSE(joined(events, KLAUDE_EVENT_TEXT_DELTA).empty());
    EXPECT_TRUE(
        json(of(events, KLAUDE_EVENT_COMPLETED)[0]) ==
        json(
            R"({"response_id":"f6117a0b-129d-46fa-b239-78f01c2c5df9","status":"incomplete","reason":"max_output_tokens"})"));
    EXPECT_TRUE(
        json(of(events, KLAUDE_EVENT_USAGE)[0]) ==
        json(
            R"({"input_tokens":13,"cached_input_tokens":0,"output_tokens":400,"reasoning_tokens":0,"total_tokens":413})"));
}

TEST(ChatStreamMapper, OpenAITextStreamsItsDeltasAndOneMessage) {
    const Events events = map(fixture_stream("openai-text.chunks.txt"));
    const std::string text = joined(events, KLAUDE_EVENT_TEXT_DELTA);
    ASSERT_FALSE(text.empty());
    const auto items = of(events, KLAUDE_EVENT_OUTPUT_ITEM);
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(json(items[0])["content"][0]["text"].GetString(), text);
    EXPECT_TRUE(
        json(of(events, KLAUDE_EVENT_USAGE)[0]) ==
        json(
            R"({"input_tokens":16,"cached_input_tokens":0,"output_tokens":300,"reasoning_tokens":0,"total_tokens":316})"));
    EXPECT_EQ(events.back().first, KLAUDE_EVENT_COMPLETED);
}

TEST(ChatStreamMapper, ChunkSizesDoNotChangeTheEvents) {
    for (const char* name :
         {"anthropic-fallback-tool-call.sse", "deepseek-tool-call.chunks.txt",
          "xai-tool-call.chunks.txt", "deepseek-text.chunks.txt", "openai-text.chunks.txt",
          "alibaba-tool-call.chunks.txt", "mistral-incremental-tool-call.chunks.txt"}) {
        const std::string stream = fixture_stream(name);
        const Events whole = map(stream);
        for (size_t chunk : {1u, 2u, 3u, 7u, 64u, 1000u}) {
            EXPECT_EQ(map(stream, chunk), whole) << name << " in chunks of " << chunk;
        }
    }
}

TEST(ChatStreamMapper, EverySplitPositionGivesTheSameEvents) {
    const std::string stream = fixture_stream("anthropic-fallback-tool-call.sse");
    const Events whole = map(stream);
    for (size_t split = 1; split < stream.size(); ++split) {
        RecordingSink sink;
        StreamMapper mapper(sink.sink());
        support::SseParser parser;
        parser.feed(std::string_view(stream).substr(0, split), mapper);
        parser.feed(std::string_view(stream).substr(split), mapper);
        parser.finish(mapper);
        mapper.finish();
        ASSERT_EQ(sink.events(), whole) << "split at " << split;
    }
}

TEST(ChatStreamMapper, WithoutDoneAFinishReasonStillCompletes) {
    // Servers (and the Vercel recordings) may end the body after the finish and usage chunks.
    const Events events = map(fixture_stream("xai-tool-call.chunks.txt", false));
    EXPECT_EQ(events.back().first, KLAUDE_EVENT_COMPLETED);
    EXPECT_EQ(of(events, KLAUDE_EVENT_USAGE).size(), 1u);
}

TEST(ChatStreamMapper, NeitherDoneNorFinishReasonIsAnError) {
    std::string stream = fixture_stream("openai-text.chunks.txt", false);
    // Keep the first ten chunks only: the answer is cut before its finish_reason.
    size_t at = 0;
    for (int i = 0; i < 10; ++i) {
        at = stream.find("\n\n", at) + 2;
    }
    const Events events = map(stream.substr(0, at));
    EXPECT_TRUE(of(events, KLAUDE_EVENT_COMPLETED).empty());
    EXPECT_TRUE(of(events, KLAUDE_EVENT_OUTPUT_ITEM).empty());
    ASSERT_EQ(events.back().first, KLAUDE_EVENT_ERROR);
    EXPECT_EQ(events.back().second, "stream closed before the answer finished");
}

TEST(ChatStreamMapper, ToolCallFragmentsAreJoinedByIndex) {
    // Two calls streamed interleaved; the second's fragments arrive before the first's end.
    const std::string stream =
        data(
            R"({"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"a","type":"function","function":{"name":"read_file","arguments":""}}]}}]})") +
        data(
            R"({"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"b","type":"function","function":{"name":"shell","arguments":"{\"cmd\":"}}]}}]})") +
        data(
            R"({"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"path\":"}}]}}]})") +
        data(
            R"({"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"\"ls\"}"}},{"index":0,"function":{"arguments":"\"x\"}"}}]}}]})") +
        data(R"({"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]})") +
        "data: [DONE]\n\n";
    const auto calls = of(map(stream), KLAUDE_EVENT_TOOL_CALL);
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_TRUE(json(calls[0]) ==
                json(R"({"call_id":"a","name":"read_file","arguments":"{\"path\":\"x\"}"})"));
    EXPECT_TRUE(json(calls[1]) ==
                json(R"({"call_id":"b","name":"shell","arguments":"{\"cmd\":\"ls\"}"})"));
}

TEST(ChatStreamMapper, CallsWithoutIdsGetUniqueOnes) {
    // Some local servers send no id at all; the host still needs one to pair the result.
    const std::string stream =
        data(
            R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"name":"a","arguments":"{}"}},{"index":1,"function":{"name":"b"}}]}}]})") +
        data(R"({"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]})");
    const Events events = map(stream);
    const auto calls = of(events, KLAUDE_EVENT_TOOL_CALL);
    ASSERT_EQ(calls.size(), 2u);
    std::set<std::string> ids;
    for (const std::string& call : calls) {
        const std::string id = json(call)["call_id"].GetString();
        EXPECT_EQ(id.rfind("call_", 0), 0u) << id;
        EXPECT_EQ(id.size(), 29u) << id;
        ids.insert(id);
    }
    EXPECT_EQ(ids.size(), 2u);
    EXPECT_EQ(json(calls[1])["arguments"].GetString(), std::string("{}"));
    // The output item and the tool call name the same id.
    EXPECT_EQ(json(of(events, KLAUDE_EVENT_OUTPUT_ITEM)[0])["call_id"], json(calls[0])["call_id"]);
    EXPECT_NE(make_call_id(), make_call_id());
}

TEST(ChatStreamMapper, ReasoningFieldAndContentFilter) {
    const std::string stream =
        data(
            R"({"id":"r","model":"qwen3","choices":[{"index":0,"delta":{"role":"assistant","reasoning":"hmm"}}]})") +
        data(
            R"({"id":"r","choices":[{"index":0,"delta":{"content":"No."},"finish_reason":"content_filter"}]})") +
        data(R"({"id":"r","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2}})") +
        "data: [DONE]\n\n";
    const Events events = map(stream);
    EXPECT_EQ(joined(events, KLAUDE_EVENT_REASONING_DELTA), "hmm");
    EXPECT_TRUE(json(of(events, KLAUDE_EVENT_COMPLETED)[0]) ==
                json(R"({"response_id":"r","status":"incomplete","reason":"content_filter"})"));
    EXPECT_TRUE(
        json(of(events, KLAUDE_EVENT_USAGE)[0]) ==
        json(
            R"({"input_tokens":5,"cached_input_tokens":0,"output_tokens":2,"reasoning_tokens":0,"total_tokens":7})"));
}

TEST(ChatStreamMapper, AnErrorChunkFailsTheStream) {
    const std::string stream =
        data(R"({"id":"e","choices":[{"index":0,"delta":{"content":"Hel"}}]})") +
        data(R"({"error":{"message":"Upstream overloaded","code":502}})");
    RecordingSink sink;
    StreamMapper mapper(sink.sink());
    support::SseParser parser;
    parser.feed(stream, mapper);
    mapper.finish();
    ASSERT_TRUE(mapper.error());
    EXPECT_EQ(mapper.error()->message, "server error (502): Upstream overloaded");
    EXPECT_TRUE(sink.of(KLAUDE_EVENT_COMPLETED).empty());
}

TEST(ChatStreamMapper, GarbageIsAProtocolError) {
    RecordingSink sink;
    StreamMapper mapper(sink.sink());
    support::SseParser parser;
    parser.feed("data: {not json\n\ndata: \xff\xfe\n\n", mapper);
    mapper.finish();
    ASSERT_TRUE(mapper.error());
    EXPECT_EQ(mapper.error()->status, KLAUDE_ERROR_PROTOCOL);
}

TEST(ChatStreamMapper, OtherChoicesAndUnknownFieldsAreIgnored) {
    const std::string stream =
        data(
            R"({"id":"x","choices":[{"index":1,"delta":{"content":"B"}},{"index":0,"delta":{"content":"A","audio":{}},"logprobs":null}],"obfuscation":"q"})") +
        data(R"({"id":"x","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})") +
        "data: [DONE]\n\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"late\"}}]}\n\n";
    const Events events = map(stream);
    EXPECT_EQ(joined(events, KLAUDE_EVENT_TEXT_DELTA), "A");
    EXPECT_EQ(events.back().first, KLAUDE_EVENT_COMPLETED);
}

}  // namespace
}  // namespace klaude::chat
