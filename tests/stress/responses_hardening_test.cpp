// In-process regression tests of the plugins/responses fixes the network fault tests led to:
// text that is not UTF-8 stops the stream instead of reaching the sink, server text cannot
// carry control characters into a message, redirects name their target, and the SSE parser
// tells how much an unfinished event holds (the client caps it).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plugins/responses/event_mapper.h"
#include "plugins/responses/http_errors.h"
#include "plugins/responses/support.h"
#include "tests/plugins/responses/recording_sink.h"

namespace klaude::responses {
namespace {

using ::testing::HasSubstr;
using testing::RecordingSink;

struct Mapped {
    RecordingSink sink;
    std::optional<StreamError> error;
};

std::unique_ptr<Mapped> map(const std::string& stream) {
    auto out = std::make_unique<Mapped>();
    EventMapper mapper(out->sink.sink());
    SseParser parser;
    parser.feed(stream, mapper);
    parser.finish(mapper);
    out->error = mapper.error();
    return out;
}

std::string delta(const std::string& json_text) {
    return "data: {\"type\":\"response.output_text.delta\",\"delta\":\"" + json_text + "\"}\n\n";
}

class InvalidUtf8 : public ::testing::TestWithParam<std::string> {};

TEST_P(InvalidUtf8, InATextDeltaIsAProtocolErrorAndNothingReachesTheSink) {
    auto m = map(delta("ok") + delta(GetParam()) + delta("after"));
    EXPECT_EQ(m->sink.of(KLAUDE_EVENT_TEXT_DELTA), std::vector<std::string>{"ok"});
    ASSERT_TRUE(m->error);
    EXPECT_EQ(m->error->status, KLAUDE_ERROR_PROTOCOL);
    EXPECT_EQ(m->error->message, "the server sent text that is not valid UTF-8");
}

INSTANTIATE_TEST_SUITE_P(Bytes, InvalidUtf8,
                         ::testing::Values(std::string("\xff"),
                                           std::string("a\xc3\x28"),         // bad continuation
                                           std::string("\xc0\xaf"),          // overlong '/'
                                           std::string("\xed\xa0\x80"),      // a surrogate, raw
                                           std::string("\\udc80"),           // a lone one, escaped
                                           std::string("\xf4\x90\x80\x80"),  // above U+10FFFF
                                           std::string("cut \xe2\x82")));    // a truncated sequence

TEST(InvalidUtf8Event, ValidMultibyteTextStillPasses) {
    auto m = map(delta("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \\u00e9 \\ud83d\\ude00"));
    EXPECT_FALSE(m->error);
    EXPECT_EQ(m->sink.joined(KLAUDE_EVENT_TEXT_DELTA),
              "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xc3\xa9 \xf0\x9f\x98\x80");
}

TEST(InvalidUtf8Event, InAnOutputItemIsCaughtToo) {
    auto m =
        map("data: {\"type\":\"response.output_item.done\",\"item\":{\"type\":\"message\","
            "\"content\":[{\"type\":\"output_text\",\"text\":\"bad \xfe\"}]}}\n\n");
    EXPECT_TRUE(m->sink.of(KLAUDE_EVENT_OUTPUT_ITEM).empty());
    ASSERT_TRUE(m->error);
    EXPECT_EQ(m->error->status, KLAUDE_ERROR_PROTOCOL);
}

TEST(InvalidUtf8Event, InAServerErrorMessageIsReplaced) {
    auto m = map("data: {\"type\":\"error\",\"code\":\"x\",\"message\":\"bad \xff\"}\n\n");
    ASSERT_TRUE(m->error);
    EXPECT_EQ(m->error->message, "the server reported an error in text that is not valid UTF-8");
}

TEST(OneLine, ControlCharactersBecomeSpaces) {
    EXPECT_EQ(one_line("red \x1b[31malert\x07 and\r\nmore\x7f!"), "red [31malert and more !");
    EXPECT_EQ(one_line("csi \xc2\x9b"
                       "2J, but caf\xc3\xa9 \xc2\xa0ok"),
              "csi 2J, but caf\xc3\xa9 \xc2\xa0ok");
}

TEST(RedirectMessage, NamesTheTargetAndTheFix) {
    const std::string message = default_http_error_message(
        307, "", {{"location", "https://elsewhere.example/v1/responses"}}, "OPENAI_API_KEY");
    EXPECT_THAT(message, HasSubstr("redirected the request (HTTP 307)"));
    EXPECT_THAT(message, HasSubstr("https://elsewhere.example/v1/responses"));
    EXPECT_THAT(message, HasSubstr("base_url"));
    EXPECT_THAT(default_http_error_message(301, "", {}, ""), HasSubstr("HTTP 301"));
}

TEST(SseParserBuffer, CountsAnUnfinishedEvent) {
    struct Ignore : SseParser::Handler {
        void on_event(const SseEvent&) override {}
    } ignore;
    SseParser parser;
    parser.feed("data: " + std::string(1000, 'a'), ignore);  // an unfinished line
    EXPECT_GE(parser.buffered_bytes(), 1000u);
    parser.feed("\ndata: " + std::string(1000, 'b') + "\n", ignore);  // two lines, no end
    EXPECT_GE(parser.buffered_bytes(), 2000u);
    parser.feed("\n", ignore);  // dispatched
    EXPECT_EQ(parser.buffered_bytes(), 0u);
}

}  // namespace
}  // namespace klaude::responses
