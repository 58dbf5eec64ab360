// StreamMapper on recorded Messages API streams (fixtures/README.md), with the exact events
// each must give, and on hand-made streams for what the recordings do not cover (redacted
// thinking, in-stream errors, cut streams). Every recording is also fed in pieces of 1 and 7
// bytes: the events must not depend on how the bytes arrive.
#include "plugins/anthropic/stream_mapper.h"

#include <gtest/gtest.h>

#include "klaude/support/sse_parser.h"
#include "tests/plugins/anthropic/anthropic_fixtures.h"
#include "tests/plugins/responses/recording_sink.h"

namespace klaude::anthropic {
namespace {

using responses::testing::RecordingSink;
using testing::fixture_stream;
using testing::sse_event;

const char* name_of(klaude_event_type_t type) {
    switch (type) {
        case KLAUDE_EVENT_CREATED:
            return "created";
        case KLAUDE_EVENT_TEXT_DELTA:
            return "text";
        case KLAUDE_EVENT_REASONING_DELTA:
            return "reasoning";
        case KLAUDE_EVENT_REASONING_BREAK:
            return "break";
        case KLAUDE_EVENT_TOOL_CALL:
            return "tool_call";
        case KLAUDE_EVENT_OUTPUT_ITEM:
            return "item";
        case KLAUDE_EVENT_USAGE:
            return "usage";
        case KLAUDE_EVENT_COMPLETED:
            return "completed";
        default:
            return "other";
    }
}

// The events as "name data" lines, and the mapper's error last as "error <status> <code>:
// <message>", so a whole stream compares as one list.
struct Mapped {
    std::vector<std::string> events;
    bool emitted = false;
    bool retryable = false;
};

Mapped map(const std::string& text, size_t chunk = 0) {
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
    Mapped out;
    for (const auto& [type, data] : sink.events()) {
        out.events.push_back(std::string(name_of(type)) + " " + data);
    }
    if (const auto& error = mapper.error()) {
        out.events.push_back("error " + std::string(klaude_status_name(error->status)) + " " +
                             error->code + ": " + error->message);
        out.retryable = error->retryable;
    }
    out.emitted = mapper.emitted();
    return out;
}

using Lines = std::vector<std::string>;

TEST(AnthropicStreamMapper, RecordedText) {
    EXPECT_EQ(
        map(fixture_stream("anthropic-text.chunks.txt")).events,
        (Lines{
            R"(created {"response_id":"msg_01QC4g3HwBThD4BaNtBckFDJ","model":"claude-sonnet-4-5-20250929"})",
            "text Hello",
            "text ! I",
            "text 'm doing well, thank you for asking",
            "text . How are you doing today?",
            "text  Is",
            "text  there anything I can help you with?",
            R"(item {"type":"message","role":"assistant","content":[{"type":"text","text":"Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?"}]})",
            R"(usage {"input_tokens":12,"cached_input_tokens":0,"output_tokens":30,"reasoning_tokens":0,"total_tokens":42})",
            R"(completed {"response_id":"msg_01QC4g3HwBThD4BaNtBckFDJ","status":"completed"})",
        }));
}

TEST(AnthropicStreamMapper, RecordedThinkingBecomesAReasoningItemWithItsBlock) {
    const std::string signature =
        "EvQBCkYICxgCKkAxhD4NUKFzudtZ6NzbZdEiBACIScTzqjPViM596iWLZIk4EFKYYBj3B6Ptl3b0dcQv/"
        "VeJBNbejNWIWRBn+KPNEgz6HWtKx7p+QRgKsEoaDGjsiqfht7gTRFYHiyIwD1VSmNqHxv3wy8KEMP+LYb/"
        "TC4UH3H97tuoaADARFFcA0phdfxnzKQxFnc9lwY+dKlzUsaKSUAFeu1bDL5ikZJ1vL0Fkz6JjoFke0L/"
        "wOJRIUDUlDUOFJ1tZ3ea7g6LGE/5hwuvWgLwewdcm64d+43l7F57XrOmqNd6flI2K/oPr/4yzNgvi/EhT6Ca17BgB";
    const std::string thinking =
        R"(The previous result was 925. Now I need to divide that by 5.\n\n925 ÷ 5 = 185)";
    EXPECT_EQ(
        map(fixture_stream("anthropic-clear-thinking.1.chunks.txt")).events,
        (Lines{
            R"(created {"response_id":"msg_01Y6V41gqPaKWEw7iPouH7iW","model":"claude-sonnet-4-5-20250929"})",
            "reasoning The previous",
            "reasoning  result",
            "reasoning  was",
            "reasoning  925.",
            "reasoning  Now",
            "reasoning  I need to divide that",
            "reasoning  by 5.\n\n925",
            "reasoning  ÷ 5 ",
            "reasoning = 185",
            R"(item {"type":"reasoning","summary":[")" + thinking +
                R"("],"provider_state":{"type":"thinking","thinking":")" + thinking +
                R"(","signature":")" + signature + R"("}})",
            "text 925",
            "text  ÷ 5 ",
            "text = 185",
            R"(item {"type":"message","role":"assistant","content":[{"type":"text","text":"925 ÷ 5 = 185"}]})",
            R"(usage {"input_tokens":69,"cached_input_tokens":0,"output_tokens":53,"reasoning_tokens":0,"total_tokens":122})",
            R"(completed {"response_id":"msg_01Y6V41gqPaKWEw7iPouH7iW","status":"completed"})",
        }));
}

TEST(AnthropicStreamMapper, RecordedTextThenAToolCallWithoutArguments) {
    EXPECT_EQ(
        map(fixture_stream("anthropic-tool-no-args.chunks.txt")).events,
        (Lines{
            R"(created {"response_id":"msg_01GE2RKp1VYsPzdFs3sS9z5S","model":"claude-sonnet-4-5-20250929"})",
            "text I'll update the issue list for",
            "text  you.",
            R"(item {"type":"message","role":"assistant","content":[{"type":"text","text":"I'll update the issue list for you."}]})",
            R"(item {"type":"function_call","call_id":"toolu_01QE1WLsSVp5hy5Q3GmGTmjP","name":"updateIssueList","arguments":"{}"})",
            R"(tool_call {"call_id":"toolu_01QE1WLsSVp5hy5Q3GmGTmjP","name":"updateIssueList","arguments":"{}"})",
            R"(usage {"input_tokens":565,"cached_input_tokens":0,"output_tokens":48,"reasoning_tokens":0,"total_tokens":613})",
            R"(completed {"response_id":"msg_01GE2RKp1VYsPzdFs3sS9z5S","status":"completed"})",
        }));
}

TEST(AnthropicStreamMapper, RecordedToolInputInFragments) {
    const std::string arguments =
        R"({\"elements\": [{\"location\": \"San Francisco\", \"temperature\": 58, \"condition\": \"sunny\"}]})";
    EXPECT_EQ(
        map(fixture_stream("anthropic-json-tool.1.chunks.txt")).events,
        (Lines{
            R"(created {"response_id":"msg_01K2JbSUMYhez5RHoK9ZCj9U","model":"claude-haiku-4-5-20251001"})",
            R"(item {"type":"function_call","call_id":"toolu_01KFbKqPYSuAKujiL6mTfzYA","name":"json","arguments":")" +
                arguments + R"("})",
            R"(tool_call {"call_id":"toolu_01KFbKqPYSuAKujiL6mTfzYA","name":"json","arguments":")" +
                arguments + R"("})",
            R"(usage {"input_tokens":849,"cached_input_tokens":0,"output_tokens":47,"reasoning_tokens":0,"total_tokens":896})",
            R"(completed {"response_id":"msg_01K2JbSUMYhez5RHoK9ZCj9U","status":"completed"})",
        }));
}

TEST(AnthropicStreamMapper, RecordedRefusalIsIncompleteContentFilter) {
    EXPECT_EQ(
        map(fixture_stream("anthropic-refusal.chunks.txt")).events,
        (Lines{
            R"(created {"response_id":"msg_01RefusalStreamAbcdefghijk","model":"claude-fable-5"})",
            R"(usage {"input_tokens":18,"cached_input_tokens":0,"output_tokens":5,"reasoning_tokens":0,"total_tokens":23})",
            R"(completed {"response_id":"msg_01RefusalStreamAbcdefghijk","status":"incomplete","reason":"content_filter"})",
        }));
}

TEST(AnthropicStreamMapper, RecordedUsageFromMessageDeltaReplacesTheStart) {
    const Mapped mapped = map(fixture_stream("anthropic-message-delta-input-tokens.chunks.txt"));
    ASSERT_EQ(mapped.events.size(), 6u);
    EXPECT_EQ(
        mapped.events[4],
        R"(usage {"input_tokens":61,"cached_input_tokens":0,"output_tokens":2,"reasoning_tokens":0,"total_tokens":63})");
}

TEST(AnthropicStreamMapper, EveryRecordingGivesTheSameEventsInAnyChunkSize) {
    for (const char* name :
         {"anthropic-text.chunks.txt", "anthropic-clear-thinking.1.chunks.txt",
          "anthropic-tool-no-args.chunks.txt", "anthropic-json-tool.1.chunks.txt",
          "anthropic-refusal.chunks.txt", "anthropic-message-delta-input-tokens.chunks.txt",
          "anthropic-clear-tool-uses.1.chunks.txt"}) {
        const std::string stream = fixture_stream(name);
        const Mapped whole = map(stream);
        EXPECT_EQ(whole.events.back().rfind("completed ", 0), 0u) << name;
        for (size_t chunk : {1u, 7u}) {
            EXPECT_EQ(map(stream, chunk).events, whole.events) << name << " in chunks of " << chunk;
        }
    }
}

// ---- hand-made streams, in the API's shapes ----

std::string message_start(const std::string& usage = R"({"input_tokens":10,"output_tokens":1})") {
    return sse_event(
        R"({"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[],"stop_reason":null,"usage":)" +
        usage + "}}");
}

std::string block_start(int index, const std::string& block) {
    return sse_event(R"({"type":"content_block_start","index":)" + std::to_string(index) +
                     R"(,"content_block":)" + block + "}");
}

std::string delta(int index, const std::string& d) {
    return sse_event(R"({"type":"content_block_delta","index":)" + std::to_string(index) +
                     R"(,"delta":)" + d + "}");
}

std::string block_stop(int index) {
    return sse_event(R"({"type":"content_block_stop","index":)" + std::to_string(index) + "}");
}

std::string message_end(const std::string& stop_reason,
                        const std::string& usage = R"({"output_tokens":7})") {
    return sse_event(R"({"type":"message_delta","delta":{"stop_reason":")" + stop_reason +
                     R"(","stop_sequence":null},"usage":)" + usage + "}") +
           sse_event(R"({"type":"message_stop"})");
}

TEST(AnthropicStreamMapper, RedactedThinkingAndABreakBetweenThinkingBlocks) {
    const std::string stream =
        message_start() + block_start(0, R"({"type":"thinking","thinking":"","signature":""})") +
        delta(0, R"({"type":"thinking_delta","thinking":"First."})") +
        delta(0, R"({"type":"signature_delta","signature":"c2lnMQ=="})") + block_stop(0) +
        block_start(1, R"({"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix/LafPsn4a"})") +
        block_stop(1) + block_start(2, R"({"type":"thinking","thinking":"","signature":""})") +
        delta(2, R"({"type":"thinking_delta","thinking":"Second."})") +
        delta(2, R"({"type":"signature_delta","signature":"c2lnMg=="})") + block_stop(2) +
        message_end("end_turn");
    EXPECT_EQ(
        map(stream).events,
        (Lines{
            R"(created {"response_id":"msg_1","model":"claude-x"})",
            "reasoning First.",
            R"(item {"type":"reasoning","summary":["First."],"provider_state":{"type":"thinking","thinking":"First.","signature":"c2lnMQ=="}})",
            R"(item {"type":"reasoning","summary":[],"provider_state":{"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix/LafPsn4a"}})",
            "break {}",
            "reasoning Second.",
            R"(item {"type":"reasoning","summary":["Second."],"provider_state":{"type":"thinking","thinking":"Second.","signature":"c2lnMg=="}})",
            R"(usage {"input_tokens":10,"cached_input_tokens":0,"output_tokens":7,"reasoning_tokens":0,"total_tokens":17})",
            R"(completed {"response_id":"msg_1","status":"completed"})",
        }));
}

TEST(AnthropicStreamMapper, CacheTokensCountAsInputAndReadsAsCached) {
    const std::string stream =
        message_start(
            R"({"input_tokens":5,"cache_creation_input_tokens":100,"cache_read_input_tokens":1000,"output_tokens":1})") +
        message_end("end_turn", R"({"output_tokens":20})");
    EXPECT_EQ(
        map(stream).events.at(1),
        R"(usage {"input_tokens":1105,"cached_input_tokens":1000,"output_tokens":20,"reasoning_tokens":0,"total_tokens":1125})");
}

TEST(AnthropicStreamMapper, StopReasons) {
    const std::pair<const char*, const char*> cases[] = {
        {"end_turn", R"({"response_id":"msg_1","status":"completed"})"},
        {"tool_use", R"({"response_id":"msg_1","status":"completed"})"},
        {"stop_sequence", R"({"response_id":"msg_1","status":"completed"})"},
        {"max_tokens",
         R"({"response_id":"msg_1","status":"incomplete","reason":"max_output_tokens"})"},
        {"refusal", R"({"response_id":"msg_1","status":"incomplete","reason":"content_filter"})"},
        {"pause_turn", R"({"response_id":"msg_1","status":"incomplete","reason":"pause_turn"})"},
    };
    for (const auto& [reason, completed] : cases) {
        EXPECT_EQ(map(message_start() + message_end(reason)).events.back(),
                  std::string("completed ") + completed)
            << reason;
    }
}

TEST(AnthropicStreamMapper, UnknownEventsBlocksAndDeltasAreIgnored) {
    const std::string stream =
        message_start() + sse_event(R"({"type":"ping"})") +
        sse_event(R"({"type":"brand_new_event","x":1})") +
        block_start(
            0, R"({"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{}})") +
        delta(0, R"({"type":"input_json_delta","partial_json":"{\"q\":1}"})") + block_stop(0) +
        block_start(1, R"({"type":"text","text":"","citations":[]})") +
        delta(1, R"({"type":"citations_delta","citation":{}})") +
        delta(1, R"({"type":"text_delta","text":"ok"})") + block_stop(1) +
        delta(9, R"({"type":"text_delta","text":"no such block"})") + message_end("end_turn");
    EXPECT_EQ(
        map(stream).events,
        (Lines{
            R"(created {"response_id":"msg_1","model":"claude-x"})",
            "text ok",
            R"(item {"type":"message","role":"assistant","content":[{"type":"text","text":"ok"}]})",
            R"(usage {"input_tokens":10,"cached_input_tokens":0,"output_tokens":7,"reasoning_tokens":0,"total_tokens":17})",
            R"(completed {"response_id":"msg_1","status":"completed"})",
        }));
}

TEST(AnthropicStreamMapper, AToolInputGivenWholeInTheStartCounts) {
    const std::string stream =
        message_start() +
        block_start(0,
                    R"({"type":"tool_use","id":"toolu_9","name":"shell","input":{"cmd":"ls"}})") +
        block_stop(0) + message_end("tool_use");
    EXPECT_EQ(map(stream).events.at(2),
              R"(tool_call {"call_id":"toolu_9","name":"shell","arguments":"{\"cmd\":\"ls\"}"})");
}

TEST(AnthropicStreamMapper, InStreamErrorsBeforeOutputAreRetryableAndEmitNothing) {
    const std::string overloaded =
        message_start() +
        sse_event(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})");
    const Mapped mapped = map(overloaded);
    EXPECT_EQ(mapped.events, (Lines{"error server overloaded_error: server error "
                                    "(overloaded_error): Overloaded"}));
    EXPECT_FALSE(mapped.emitted);  // CREATED was held back: a retry repeats nothing
    EXPECT_TRUE(mapped.retryable);

    const Mapped limited = map(sse_event(
        R"({"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}})"));
    EXPECT_EQ(limited.events.back(),
              "error rate_limited rate_limit_error: server error (rate_limit_error): Number of "
              "request tokens has exceeded your per-minute rate limit");
    EXPECT_FALSE(limited.retryable);

    const Mapped auth = map(sse_event(
        R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})"));
    EXPECT_EQ(auth.events.back(),
              "error auth authentication_error: server error (authentication_error): invalid "
              "x-api-key");
}

TEST(AnthropicStreamMapper, AnErrorAfterOutputKeepsTheOutput) {
    const std::string stream =
        message_start() + block_start(0, R"({"type":"text","text":""})") +
        delta(0, R"({"type":"text_delta","text":"Hal"})") +
        sse_event(
            R"({"type":"error","error":{"type":"api_error","message":"Internal server error"}})") +
        delta(0, R"({"type":"text_delta","text":"f"})");
    const Mapped mapped = map(stream);
    EXPECT_EQ(mapped.events,
              (Lines{R"(created {"response_id":"msg_1","model":"claude-x"})", "text Hal",
                     "error server api_error: server error (api_error): Internal server error"}));
    EXPECT_TRUE(mapped.emitted);
}

TEST(AnthropicStreamMapper, AStreamWithoutMessageStopIsANetworkError) {
    const std::string stream =
        message_start() + block_start(0, R"({"type":"text","text":""})") +
        delta(0, R"({"type":"text_delta","text":"Hi"})") + block_stop(0) +
        sse_event(
            R"({"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":2}})");
    EXPECT_EQ(map(stream).events.back(),
              "error network : stream closed before the answer finished");
}

TEST(AnthropicStreamMapper, AnEventThatIsNotJsonIsAProtocolError) {
    EXPECT_EQ(map(message_start() + "event: content_block_delta\ndata: {nope\n\n").events.back(),
              "error protocol : the server sent an event that is not a JSON object");
}

}  // namespace
}  // namespace klaude::anthropic
