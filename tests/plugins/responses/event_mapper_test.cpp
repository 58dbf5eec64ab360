// Transcripts through the SSE parser and the event mapper, in process: the klaude events each
// recorded stream shape must produce.
#include "plugins/responses/event_mapper.h"

#include <gtest/gtest.h>

#include "plugins/responses/support.h"
#include "tests/plugins/responses/recording_sink.h"
#include "tests/plugins/responses/transcripts.h"

namespace klaude::responses {
namespace {

using testing::RecordingSink;

struct Mapped {
    RecordingSink sink;
    std::optional<StreamError> error;
    bool completed = false;
};

// Feeds the transcript in chunks of `chunk` bytes.
std::unique_ptr<Mapped> map_transcript(const std::string& name, size_t chunk = 1 << 20) {
    auto out = std::make_unique<Mapped>();
    EventMapper mapper(out->sink.sink());
    SseParser parser;
    const std::string text = testing::load_transcript(name);
    for (size_t i = 0; i < text.size(); i += chunk) {
        parser.feed(std::string_view(text).substr(i, chunk), mapper);
    }
    parser.finish(mapper);
    out->error = mapper.error();
    out->completed = mapper.completed();
    return out;
}

TEST(EventMapper, TextStream) {
    auto m = map_transcript("text.sse");
    ASSERT_TRUE(m->completed);
    EXPECT_FALSE(m->error);
    EXPECT_EQ(m->sink.joined(KLAUDE_EVENT_TEXT_DELTA), "Hello! How can I help you today?");
    EXPECT_EQ(m->sink.of(KLAUDE_EVENT_TEXT_DELTA).size(), 9u);  // one event per delta
    EXPECT_EQ(
        m->sink.of(KLAUDE_EVENT_CREATED),
        std::vector<std::string>{
            R"({"response_id":"resp_0a1b2c3d4e5f60718293a4b5c6d7e8f9","model":"gpt-5.1-2025-11-13"})"});
    EXPECT_EQ(
        m->sink.of(KLAUDE_EVENT_OUTPUT_ITEM),
        std::vector<std::string>{
            R"({"type":"message","role":"assistant","content":[{"type":"text","text":"Hello! How can I help you today?"}]})"});
    EXPECT_EQ(
        m->sink.of(KLAUDE_EVENT_USAGE),
        std::vector<std::string>{
            R"({"input_tokens":12,"cached_input_tokens":0,"output_tokens":11,"reasoning_tokens":0,"total_tokens":23})"});
    EXPECT_EQ(m->sink.types().back(), KLAUDE_EVENT_COMPLETED);
    EXPECT_EQ(m->sink.of(KLAUDE_EVENT_COMPLETED).back(),
              R"({"response_id":"resp_0a1b2c3d4e5f60718293a4b5c6d7e8f9","status":"completed"})");
}

TEST(EventMapper, ReasoningThenTextWithUnicode) {
    auto m = map_transcript("reasoning_text.sse");
    ASSERT_TRUE(m->completed);
    EXPECT_EQ(m->sink.joined(KLAUDE_EVENT_REASONING_DELTA),
              "**Checking the greeting**\n\nThe user says hi."
              "**Choosing a reply**\n\nKeep it short \xE2\x80\x94 and friendly.");
    EXPECT_EQ(m->sink.of(KLAUDE_EVENT_REASONING_BREAK).size(), 1u);  // before the second part
    EXPECT_EQ(m->sink.joined(KLAUDE_EVENT_TEXT_DELTA),
              "Gr\xC3\xBC\xC3\x9F"
              "e \xF0\x9F\x91\x8B! \xC3\x87"
              "a va? \xE6\x97\xA5\xE6\x9C\xAC"
              "\xE8\xAA\x9E \xE3\x82\x82OK.");
    auto items = m->sink.of(KLAUDE_EVENT_OUTPUT_ITEM);
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(
        items[0],
        R"({"type":"reasoning","id":"rs_01830d662ab3856501693c321405c881","summary":["**Checking the greeting**\n\nThe user says hi.","**Choosing a reply**\n\nKeep it short — and friendly."],"encrypted_content":"gAAAAABpPDIVOKrsHNZ0GwsoEKA_IGfuJ5f8Ma_6-EojH4yZFL50qlfUzM7FREdQ=="})");
    EXPECT_EQ(
        m->sink.of(KLAUDE_EVENT_USAGE).at(0),
        R"({"input_tokens":1200,"cached_input_tokens":1024,"output_tokens":350,"reasoning_tokens":320,"total_tokens":1550})");
}

TEST(EventMapper, FunctionCallsWithStreamedArguments) {
    auto m = map_transcript("function_calls.sse");
    ASSERT_TRUE(m->completed);
    EXPECT_EQ(
        m->sink.of(KLAUDE_EVENT_TOOL_CALL),
        (std::vector<std::string>{
            R"({"call_id":"call_2FQdm3Br7Qb35YUBSkDR7kue","name":"get_weather","arguments":"{\"city\":\"Beijing\"}"})",
            R"({"call_id":"call_AB6AaRZ1FYZB2RwS6A5vbdqn","name":"shell","arguments":"{\"command\":[\"ls\",\"-la\"]}"})"}));
    auto items = m->sink.of(KLAUDE_EVENT_OUTPUT_ITEM);
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(
        items[0],
        R"({"type":"function_call","call_id":"call_2FQdm3Br7Qb35YUBSkDR7kue","name":"get_weather","arguments":"{\"city\":\"Beijing\"}"})");
    EXPECT_TRUE(m->sink.of(KLAUDE_EVENT_TEXT_DELTA).empty());
}

TEST(EventMapper, ArgumentsFromDeltasWhenTheDoneItemLacksThem) {
    RecordingSink sink;
    EventMapper mapper(sink.sink());
    SseParser parser;
    parser.feed(
        "data: {\"type\":\"response.function_call_arguments.delta\",\"item_id\":\"fc_1\","
        "\"delta\":\"{\\\"a\\\":\"}\n\n"
        "data: {\"type\":\"response.function_call_arguments.delta\",\"item_id\":\"fc_1\","
        "\"delta\":\"1}\"}\n\n"
        "data: {\"type\":\"response.output_item.done\",\"item\":{\"id\":\"fc_1\","
        "\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"f\"}}\n\n",
        mapper);
    EXPECT_EQ(sink.of(KLAUDE_EVENT_TOOL_CALL),
              std::vector<std::string>{R"({"call_id":"c1","name":"f","arguments":"{\"a\":1}"})"});
}

TEST(EventMapper, IncompleteCarriesTheReason) {
    auto m = map_transcript("incomplete.sse");
    ASSERT_TRUE(m->completed);
    EXPECT_EQ(m->sink.joined(KLAUDE_EVENT_TEXT_DELTA), "The answer is long");
    EXPECT_EQ(
        m->sink.of(KLAUDE_EVENT_COMPLETED).at(0),
        R"({"response_id":"resp_incomplete_0001","status":"incomplete","reason":"max_output_tokens"})");
    EXPECT_EQ(m->sink.of(KLAUDE_EVENT_USAGE).size(), 1u);
}

TEST(EventMapper, FailedResponseIsAnError) {
    auto m = map_transcript("failed.sse");
    EXPECT_FALSE(m->completed);
    ASSERT_TRUE(m->error);
    EXPECT_EQ(m->error->status, KLAUDE_ERROR_RATE_LIMITED);
    EXPECT_EQ(m->error->code, "rate_limit_exceeded");
    EXPECT_NE(m->error->message.find("Request too large for gpt-4o-mini"), std::string::npos);
}

TEST(EventMapper, TopLevelErrorEventWinsOverTheFailedThatFollows) {
    auto m = map_transcript("error.sse");
    EXPECT_FALSE(m->completed);
    ASSERT_TRUE(m->error);
    EXPECT_EQ(m->error->code, "insufficient_quota");
    EXPECT_EQ(m->error->message.rfind("server error (insufficient_quota): You exceeded", 0), 0u);
}

TEST(EventMapper, FlatErrorEventShape) {
    RecordingSink sink;
    EventMapper mapper(sink.sink());
    SseParser parser;
    parser.feed(
        "event: error\ndata: {\"type\":\"error\",\"code\":\"server_error\","
        "\"message\":\"boom\",\"param\":null}\n\n",
        mapper);
    ASSERT_TRUE(mapper.error());
    EXPECT_EQ(mapper.error()->status, KLAUDE_ERROR_SERVER);
    EXPECT_EQ(mapper.error()->message, "server error (server_error): boom");
}

TEST(EventMapper, FramingTranscriptUsesTheJsonTypeWhenTheEventLineIsMissing) {
    auto m = map_transcript("framing_crlf.sse", 5);
    ASSERT_TRUE(m->completed);
    EXPECT_EQ(m->sink.joined(KLAUDE_EVENT_TEXT_DELTA), "Line one\nline two \xE2\x80\x94 done.");
}

TEST(EventMapper, UnknownEventsAreIgnoredAndGarbageIsAProtocolError) {
    RecordingSink sink;
    EventMapper mapper(sink.sink());
    SseParser parser;
    parser.feed("data: {\"type\":\"response.future_thing\",\"x\":1}\n\n", mapper);
    EXPECT_FALSE(mapper.error());
    EXPECT_FALSE(mapper.emitted());
    parser.feed("data: not json\n\n", mapper);
    ASSERT_TRUE(mapper.error());
    EXPECT_EQ(mapper.error()->status, KLAUDE_ERROR_PROTOCOL);
}

// Found by fuzz_event_mapper: the mapper said completed() though it had refused to emit the
// COMPLETED event (the response id was not UTF-8) and reported an error instead.
TEST(EventMapper, ACompletedEventThatCannotBeEmittedIsAnErrorNotACompletion) {
    RecordingSink sink;
    EventMapper mapper(sink.sink());
    SseParser parser;
    parser.feed("data: {\"type\":\"response.completed\",\"response\":{\"id\":\"r\xB5\"}}\n\n",
                mapper);
    ASSERT_TRUE(mapper.error());
    EXPECT_EQ(mapper.error()->status, KLAUDE_ERROR_PROTOCOL);
    EXPECT_FALSE(mapper.completed());
    EXPECT_TRUE(sink.of(KLAUDE_EVENT_COMPLETED).empty());
}

// Found with fuzz_event_mapper: the recursive JSON parser overflowed the stack on deep nesting.
TEST(EventMapper, DeepNestingIsNoCrash) {
    const size_t depth = 1000000;  // far beyond any stack, well within the 8 MiB event limit
    RecordingSink sink;
    EventMapper mapper(sink.sink());
    SseParser parser;
    parser.feed(
        "data: {\"type\":\"response.output_item.done\",\"item\":{\"type\":\"message\","
        "\"content\":" +
            std::string(depth, '[') + std::string(depth, ']') + "}}\n\n",
        mapper);
    EXPECT_FALSE(mapper.error());
    EXPECT_EQ(sink.of(KLAUDE_EVENT_OUTPUT_ITEM),
              std::vector<std::string>{R"({"type":"message","role":"assistant","content":[]})"});

    parser.feed("data: " + std::string(depth, '[') + "\n\n", mapper);
    ASSERT_TRUE(mapper.error());
    EXPECT_EQ(mapper.error()->status, KLAUDE_ERROR_PROTOCOL);
}

TEST(EventMapper, SameEventsWhateverTheChunkSize) {
    for (const std::string& name : testing::transcript_names()) {
        auto whole = map_transcript(name);
        for (size_t chunk : {1, 13, 256}) {
            auto split = map_transcript(name, chunk);
            EXPECT_EQ(split->sink.events(), whole->sink.events()) << name << " chunk " << chunk;
        }
    }
}

}  // namespace
}  // namespace klaude::responses
