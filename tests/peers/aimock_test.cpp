// The Responses API peer (tests/peers/aimock-server.mjs, @copilotkit/aimock) streams a fixture's
// answer as Responses API server-sent events, ending in response.completed.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include <Poco/TemporaryFile.h>

#include "tests/peers/http_helpers.h"
#include "tests/support/peer_process.h"

namespace klaude::testing {
namespace {

struct SseEvent {
    std::string event;
    std::string data;
};

// Just enough SSE for a well-formed stream: blocks separated by a blank line, `event:` and
// (possibly several) `data:` lines.
std::vector<SseEvent> split_events(const std::string& body) {
    std::vector<SseEvent> events;
    SseEvent current;
    std::size_t pos = 0;
    while (pos <= body.size()) {
        std::size_t end = body.find('\n', pos);
        std::string line =
            body.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty()) {
            if (!current.event.empty() || !current.data.empty()) {
                events.push_back(current);
            }
            current = SseEvent{};
        } else if (line.rfind("event:", 0) == 0) {
            current.event = line.substr(line.find_first_not_of(' ', 6));
        } else if (line.rfind("data:", 0) == 0) {
            std::size_t start = line.size() > 5 && line[5] == ' ' ? 6 : 5;
            current.data += (current.data.empty() ? "" : "\n") + line.substr(start);
        }
        if (end == std::string::npos) {
            break;
        }
        pos = end + 1;
    }
    if (!current.event.empty() || !current.data.empty()) {
        events.push_back(current);
    }
    return events;
}

std::string request_body(const std::string& prompt) {
    return R"({"model":"gpt-5","stream":true,"input":[{"role":"user","content":[)"
           R"({"type":"input_text","text":")" +
           prompt + R"("}]}]})";
}

HttpResult ask(const PeerProcess& peer, const std::string& prompt) {
    return post_json(peer.base_url() + "/v1/responses", request_body(prompt),
                     {{"Authorization", "Bearer test-key"}, {"Accept", "text/event-stream"}});
}

TEST(AimockPeer, StreamsFixtureTextAndEndsWithResponseCompleted) {
    PeerProcess peer("aimock-server.mjs");
    HttpResult result = ask(peer, "Please: Say hello to klaude");

    ASSERT_EQ(result.status, 200) << result.body;
    EXPECT_EQ(result.content_type.rfind("text/event-stream", 0), 0u) << result.content_type;
    std::vector<SseEvent> events = split_events(result.body);
    ASSERT_GE(events.size(), 3u) << result.body;
    EXPECT_EQ(events.front().event, "response.created");
    EXPECT_EQ(events.back().event, "response.completed");

    std::string streamed;
    int deltas = 0;
    for (const auto& e : events) {
        rapidjson::Document data = parse_json(e.data);
        ASSERT_TRUE(data.HasMember("type"));
        EXPECT_EQ(e.event, data["type"].GetString());  // the event name repeats the type
        if (e.event == "response.output_text.delta") {
            streamed += data["delta"].GetString();
            ++deltas;
        }
    }
    EXPECT_EQ(streamed, "Hello from aimock, klaude!");
    EXPECT_GT(deltas, 1) << "expected the text in several deltas";

    rapidjson::Document completed = parse_json(events.back().data);
    const auto& output = completed["response"]["output"];
    ASSERT_TRUE(output.IsArray() && output.Size() == 1u);
    EXPECT_STREQ(output[0]["content"][0]["text"].GetString(), "Hello from aimock, klaude!");
    EXPECT_STREQ(completed["response"]["status"].GetString(), "completed");
}

TEST(AimockPeer, UnmatchedPromptIsAnErrorNotAnAnswer) {
    PeerProcess peer("aimock-server.mjs");
    HttpResult result = ask(peer, "nothing in the fixtures looks like this");
    EXPECT_EQ(result.status, 503) << result.body;
    EXPECT_NE(result.body.find("no_fixture_match"), std::string::npos) << result.body;
}

TEST(AimockPeer, ServesFixturesGivenOnTheCommandLine) {
    Poco::TemporaryFile file;
    {
        std::ofstream out(file.path());
        out << R"({"fixtures":[{"match":{"userMessage":"ping"},"response":{"content":"pong"}}]})";
    }
    PeerProcess peer("aimock-server.mjs", {"--fixtures", file.path()});
    HttpResult result = ask(peer, "ping");
    ASSERT_EQ(result.status, 200) << result.body;
    std::string streamed;
    for (const auto& e : split_events(result.body)) {
        if (e.event == "response.output_text.delta") {
            streamed += parse_json(e.data)["delta"].GetString();
        }
    }
    EXPECT_EQ(streamed, "pong");
}

}  // namespace
}  // namespace klaude::testing
