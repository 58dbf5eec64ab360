// The SSE parser, in process: framing rules one by one, then every transcript fed whole, split
// at every byte position, and one byte at a time, which must all give the same events.
#include "plugins/responses/support.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "tests/plugins/responses/transcripts.h"

namespace klaude::responses {
namespace {

struct Recorded {
    std::string type;
    std::string data;
    std::string id;
    bool operator==(const Recorded& o) const {
        return type == o.type && data == o.data && id == o.id;
    }
};

class Recorder : public SseParser::Handler {
  public:
    void on_event(const SseEvent& e) override {
        events.push_back({std::string(e.type), std::string(e.data), std::string(e.id)});
    }
    std::vector<Recorded> events;
};

std::vector<Recorded> parse_chunks(const std::vector<std::string>& chunks) {
    SseParser parser;
    Recorder recorder;
    for (const std::string& chunk : chunks) {
        parser.feed(chunk, recorder);
    }
    parser.finish(recorder);
    return recorder.events;
}

std::vector<Recorded> parse(const std::string& text) {
    return parse_chunks({text});
}

TEST(SseParser, EventAndDataWithDefaults) {
    auto events = parse("data: hello\n\nevent: ping\ndata: {}\n\n");
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0], (Recorded{"message", "hello", ""}));
    EXPECT_EQ(events[1], (Recorded{"ping", "{}", ""}));
}

TEST(SseParser, MultiLineDataJoinsWithLf) {
    auto events = parse("data: a\ndata:b\ndata:  c\n\n");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].data, "a\nb\n c");  // only one leading space is stripped
}

TEST(SseParser, EveryLineEndingStyle) {
    for (const char* nl : {"\n", "\r", "\r\n"}) {
        std::string s = std::string("event: x") + nl + "data: 1" + nl + nl + "data: 2" + nl + nl;
        auto events = parse(s);
        ASSERT_EQ(events.size(), 2u) << "line end " << (nl[0] == '\r' ? "CR" : "LF");
        EXPECT_EQ(events[0], (Recorded{"x", "1", ""}));
        EXPECT_EQ(events[1], (Recorded{"message", "2", ""}));
    }
}

TEST(SseParser, CommentsAndUnknownFieldsAreIgnored) {
    auto events = parse(": hi\nfoo: bar\ndata: x\n: between\n\n");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].data, "x");
}

TEST(SseParser, IdPersistsAndRetryIsRead) {
    SseParser parser;
    Recorder r;
    parser.feed("id: 7\nretry: 1500\ndata: a\n\ndata: b\n\nretry: soon\nid: 8\ndata: c\n\n", r);
    ASSERT_EQ(r.events.size(), 3u);
    EXPECT_EQ(r.events[0].id, "7");
    EXPECT_EQ(r.events[1].id, "7");
    EXPECT_EQ(r.events[2].id, "8");
    ASSERT_TRUE(parser.retry_ms().has_value());
    EXPECT_EQ(*parser.retry_ms(), 1500u);  // "soon" is not a number: ignored
}

TEST(SseParser, EventWithoutDataIsDroppedAndItsTypeDoesNotLeak) {
    auto events = parse("event: lonely\n\ndata: x\n\n");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].type, "message");
}

TEST(SseParser, FieldWithoutColonMeansEmptyValue) {
    auto events = parse("data\ndata\n\n");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].data, "\n");
}

TEST(SseParser, FinalEventWithoutBlankLineIsDispatchedOnFinish) {
    SseParser parser;
    Recorder r;
    parser.feed("data: first\n\ndata: last\r\n", r);
    EXPECT_EQ(r.events.size(), 1u);
    parser.finish(r);
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[1].data, "last");
}

TEST(SseParser, AnEventCutInsideALineIsDropped) {
    // The connection ended mid-line: the event may be incomplete (WHATWG: "the incomplete
    // event is not dispatched"), so the client reports a cut stream instead of bad JSON.
    SseParser parser;
    Recorder r;
    parser.feed("data: first\n\ndata: {\"type\":\"response.comp", r);
    parser.finish(r);
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].data, "first");
}

TEST(SseParser, LeadingBomIsDroppedOnlyAtTheStart) {
    auto events = parse(
        "\xEF\xBB\xBF"
        "data: x\n\ndata: \xEF\xBB\xBFy\n\n");
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].data, "x");
    EXPECT_EQ(events[1].data, "\xEF\xBB\xBFy");
}

TEST(SseParser, CrlfSplitBetweenChunksIsOneLineEnd) {
    auto events = parse_chunks({"data: a\r", "\ndata: b\r", "\n\r", "\n"});
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].data, "a\nb");
}

TEST(SseParser, ResetForgetsEverything) {
    SseParser parser;
    Recorder r;
    parser.feed("id: 1\ndata: partial", r);
    parser.reset();
    parser.feed("data: fresh\n\n", r);
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0], (Recorded{"message", "fresh", ""}));
}

TEST(SseParser, FramingTranscriptGivesTheExpectedEvents) {
    SseParser parser;
    Recorder r;
    parser.feed(testing::load_transcript("framing_crlf.sse"), r);
    parser.finish(r);
    ASSERT_EQ(r.events.size(), 5u);
    EXPECT_EQ(r.events[0].type, "response.created");
    EXPECT_EQ(r.events[0].id, "evt-1");
    EXPECT_EQ(r.events[1].type, "message");  // no event: line; the JSON names its type
    EXPECT_EQ(r.events[1].id, "evt-2");
    EXPECT_NE(r.events[1].data.find(",\n \"item_id\""), std::string::npos);
    EXPECT_EQ(r.events[2].type, "response.output_text.delta");
    EXPECT_EQ(r.events[4].type, "response.completed");  // had no blank line after it
    EXPECT_EQ(r.events[4].id, "evt-2");
    ASSERT_TRUE(parser.retry_ms().has_value());
    EXPECT_EQ(*parser.retry_ms(), 3000u);
}

class TranscriptSweep : public ::testing::TestWithParam<std::string> {};

TEST_P(TranscriptSweep, WholeStreamIsValidJsonEvents) {
    auto events = parse(testing::load_transcript(GetParam()));
    ASSERT_GE(events.size(), 2u);
    for (const Recorded& e : events) {
        rapidjson::Document doc;
        doc.Parse(e.data.data(), e.data.size());
        ASSERT_FALSE(doc.HasParseError()) << e.data;
        ASSERT_TRUE(doc.HasMember("type"));
        if (e.type != "message") {
            EXPECT_EQ(e.type, doc["type"].GetString());
        }
    }
}

TEST_P(TranscriptSweep, EverySplitPositionGivesTheSameEvents) {
    const std::string text = testing::load_transcript(GetParam());
    const auto expected = parse(text);
    for (size_t split = 0; split <= text.size(); ++split) {
        auto events = parse_chunks({text.substr(0, split), text.substr(split)});
        ASSERT_EQ(events, expected) << "split at byte " << split;
    }
}

TEST_P(TranscriptSweep, ByteAtATimeAndOddChunkSizesGiveTheSameEvents) {
    const std::string text = testing::load_transcript(GetParam());
    const auto expected = parse(text);
    for (size_t size : {1, 2, 3, 7, 64, 1000}) {
        std::vector<std::string> chunks;
        for (size_t i = 0; i < text.size(); i += size) {
            chunks.push_back(text.substr(i, size));
        }
        ASSERT_EQ(parse_chunks(chunks), expected) << "chunk size " << size;
    }
}

INSTANTIATE_TEST_SUITE_P(Transcripts, TranscriptSweep,
                         ::testing::ValuesIn(testing::transcript_names()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                             std::string name =
                                 param_info.param.substr(0, param_info.param.find('.'));
                             for (char& c : name) {
                                 if (!isalnum(static_cast<unsigned char>(c)))
                                     c = '_';
                             }
                             return name;
                         });

}  // namespace
}  // namespace klaude::responses
