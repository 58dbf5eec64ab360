// Network faults against the real `klaude exec` (the openai provider, OPENAI_BASE_URL at a raw
// TCP fault server): a server that closes in the middle of an event, sends text that is not
// UTF-8, sends a 10 MB event, never answers, answers 200 with a web page, redirects, stalls
// the TLS handshake, or does not speak HTTP. Each run must end in ONE line on stderr, a
// non-zero exit that is not a crash, within a bound derived from the configured timeouts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <sstream>

#include "tests/stress/fault_server.h"
#include "tests/stress/stress_env.h"
#include "tests/support/temp_dir.h"

namespace klaude::stress {
namespace {

using klaude::testing::ProcessResult;
using ::testing::HasSubstr;
using ::testing::Not;
using Clock = std::chrono::steady_clock;

// Small timeouts, two attempts, short backoff: a fault costs at most ~2 × 800 ms of waiting.
// These faults are the model call's: the provider does not ask the fault server for its models
// list (the catalog request's own faults are tests/e2e/codex_catalog_e2e_test.cpp's), so the
// connection counts below are the model call's attempts.
constexpr const char* kConfig = R"({
  "providers": [{"id": "openai", "list_models": false, "options": {
    "connect_timeout_ms": 800, "idle_timeout_ms": 800, "max_attempts": 2, "retry_base_ms": 50}}]
})";
// Generous: the configured waits plus process start-up on a loaded 2-core machine.
constexpr std::chrono::seconds kBound{15};

std::string sse_event(const std::string& json) {
    return "event: x\ndata: " + json + "\n\n";
}
std::string created_event() {
    return sse_event(
        R"({"type":"response.created","response":{"id":"resp_fault","model":"gpt-5.1"}})");
}
// `text` goes into the JSON as is: callers pass JSON string content (escapes allowed).
std::string delta_event(const std::string& text) {
    return sse_event(R"({"type":"response.output_text.delta","delta":")" + text + R"("})");
}
std::string completed_event() {
    return sse_event(
        R"({"type":"response.completed","response":{"id":"resp_fault","status":"completed"}})");
}
std::string sse_head() {
    return http_head(200, "OK", {{"Content-Type", "text/event-stream"}});
}

// A server that answers every request with `bytes`, then closes.
FaultServer::Script answer(std::string bytes) {
    return [bytes](Poco::Net::StreamSocket& socket, FaultServer&) {
        if (!read_http_request(socket).empty()) {
            send_all(socket, bytes);
        }
    };
}

// Every line of `out` must be a JSON object, in valid UTF-8.
void expect_json_lines(const std::string& out) {
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        rapidjson::Document doc;
        doc.Parse<rapidjson::kParseValidateEncodingFlag>(line.c_str());
        EXPECT_FALSE(doc.HasParseError()) << "not a whole JSON line in valid UTF-8: " << line;
    }
}

class NetworkFault : public ::testing::Test {
  protected:
    NetworkFault() { home_.write("config.json", kConfig); }

    ProcessResult exec(const std::string& base_url, std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"exec"};
        args.insert(args.end(), extra.begin(), extra.end());
        args.insert(args.end(), {"-m", "openai/gpt-5.1", "hi"});
        const auto start = Clock::now();
        ProcessResult result =
            klaude::testing::run_klaude(args, openai_env(home_.path().string(), base_url));
        elapsed_ = Clock::now() - start;
        return result;
    }

    void expect_one_line_failure(const ProcessResult& result) {
        klaude::stress::expect_one_line_failure(result, elapsed_, kBound);
        EXPECT_THAT(result.err, Not(HasSubstr("sk-stress")));  // never the key
    }

    klaude::testing::TempDir home_{"klaude-stress-net"};
    Clock::duration elapsed_{};
};

TEST_F(NetworkFault, ServerClosesInTheMiddleOfAnEvent) {
    FaultServer server(answer(sse_head() + created_event() + delta_event("partial answer") +
                              R"(data: {"type":"response.output_text.de)"));
    const ProcessResult result = exec(server.http_url() + "/v1");
    expect_one_line_failure(result);
    EXPECT_THAT(result.err, HasSubstr("stream closed before response.completed"));
    EXPECT_EQ(result.out, "partial answer\n");  // what came is shown, nothing torn after it
    EXPECT_EQ(server.connections(), 1);         // output went out: no retry repeats it
}

TEST_F(NetworkFault, ServerClosesInTheMiddleOfAnEventWithJsonOutput) {
    FaultServer server(answer(sse_head() + created_event() + delta_event("partial") +
                              R"(data: {"type":"response.output_text.delta","delta":"cu)"));
    const ProcessResult result = exec(server.http_url() + "/v1", {"--json"});
    EXPECT_NE(result.exit_code, 0);
    EXPECT_FALSE(died_of_signal(result.exit_code));
    EXPECT_LT(elapsed_, kBound);
    expect_json_lines(result.out);
    EXPECT_THAT(result.out, HasSubstr(R"("text":"partial")"));
    EXPECT_THAT(result.out, HasSubstr("stream closed before response.completed"));
}

// Cut before any output: a connection failure like any other, retried, then reported.
TEST_F(NetworkFault, ServerClosesInTheFirstEventOnEveryAttempt) {
    FaultServer server(answer(sse_head() + R"(data: {"type":"response.cre)"));
    const ProcessResult result = exec(server.http_url() + "/v1");
    expect_one_line_failure(result);
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(server.connections(), 2);  // max_attempts
}

TEST_F(NetworkFault, InvalidUtf8InATextDeltaNeverReachesStdout) {
    FaultServer server(answer(sse_head() + created_event() + delta_event("fine ") +
                              delta_event("bad \xff\xfe and \xc3\x28 here") + completed_event()));
    const ProcessResult result = exec(server.http_url() + "/v1");
    expect_one_line_failure(result);
    EXPECT_THAT(result.err, HasSubstr("not valid UTF-8"));
    EXPECT_EQ(result.out, "fine \n");
}

TEST_F(NetworkFault, InvalidUtf8InATextDeltaKeepsJsonOutputValid) {
    FaultServer server(
        answer(sse_head() + created_event() + delta_event("bad \xed\xa0\x80") + completed_event()));
    const ProcessResult result = exec(server.http_url() + "/v1", {"--json"});
    EXPECT_NE(result.exit_code, 0);
    EXPECT_FALSE(died_of_signal(result.exit_code));
    expect_json_lines(result.out);
    EXPECT_THAT(result.out, HasSubstr("not valid UTF-8"));
    EXPECT_THAT(result.out, Not(HasSubstr("text.delta")));
}

// A JSON escape of a lone surrogate is valid JSON but decodes to no character: RapidJSON
// would turn it into the bytes of a surrogate, which are not UTF-8 either.
TEST_F(NetworkFault, AnEscapedLoneSurrogateIsInvalidUtf8Too) {
    FaultServer server(
        answer(sse_head() + created_event() + delta_event(R"(x \udc80 y)") + completed_event()));
    const ProcessResult result = exec(server.http_url() + "/v1");
    expect_one_line_failure(result);
    EXPECT_THAT(result.err, HasSubstr("not valid UTF-8"));
    EXPECT_EQ(result.out, "");
}

TEST_F(NetworkFault, ATenMegabyteEventIsRefused) {
    FaultServer server(answer(sse_head() + created_event() +
                              delta_event(std::string(10 * 1000 * 1000, 'a')) + completed_event()));
    const ProcessResult result = exec(server.http_url() + "/v1");
    expect_one_line_failure(result);
    EXPECT_THAT(result.err, HasSubstr("larger than 8 MiB"));
    EXPECT_EQ(result.out, "");
}

TEST_F(NetworkFault, AServerThatNeverSendsAByteTimesOut) {
    FaultServer server([](Poco::Net::StreamSocket& socket, FaultServer& self) {
        read_http_request(socket);
        self.stall(std::chrono::seconds(60));
    });
    const ProcessResult result = exec(server.http_url() + "/v1");
    expect_one_line_failure(result);
    EXPECT_THAT(result.err, HasSubstr("timed out"));
    EXPECT_THAT(result.err, HasSubstr("idle_timeout_ms"));
    // Two attempts of 800 ms each, not the 5-minute default.
    EXPECT_GE(elapsed_, std::chrono::milliseconds(1600));
    EXPECT_EQ(server.connections(), 2);
}

TEST_F(NetworkFault, AStreamThatGoesSilentTimesOut) {
    FaultServer server([](Poco::Net::StreamSocket& socket, FaultServer& self) {
        read_http_request(socket);
        send_all(socket, sse_head() + created_event() + delta_event("thinking"));
        self.stall(std::chrono::seconds(60));
    });
    const ProcessResult result = exec(server.http_url() + "/v1");
    expect_one_line_failure(result);
    EXPECT_THAT(result.err, HasSubstr("timed out"));
    EXPECT_EQ(result.out, "thinking\n");
}

TEST_F(NetworkFault, Http200WithAWebPageSaysWhatCameInstead) {
    const std::string page =
        "<!DOCTYPE html><html><body><h1>Welcome to the hotel Wi-Fi</h1>"
        "<p>Please sign in.</p></body></html>";
    FaultServer server(answer(http_head(200, "OK",
                                        {{"Content-Type", "text/html; charset=utf-8"},
                                         {"Content-Length", std::to_string(page.size())}}) +
                              page));
    const ProcessResult result = exec(server.http_url() + "/v1");
    expect_one_line_failure(result);
    EXPECT_THAT(result.err, HasSubstr("text/html"));
    EXPECT_THAT(result.err, HasSubstr("base_url"));
    EXPECT_THAT(result.err, Not(HasSubstr("<")));
    EXPECT_EQ(server.connections(), 1);  // a web page does not turn into a stream by retrying
}

// Redirects are not followed: the POST, with the API key, would go where the server says.
class Redirect : public NetworkFault, public ::testing::WithParamInterface<int> {};

TEST_P(Redirect, IsReportedWithItsTargetAndNotFollowed) {
    FaultServer target(
        answer(sse_head() + created_event() + delta_event("hijacked") + completed_event()));
    const std::string location = target.http_url() + "/elsewhere/v1/responses";
    FaultServer server(
        answer(http_head(GetParam(), "Moved", {{"Location", location}, {"Content-Length", "0"}})));
    const ProcessResult result = exec(server.http_url() + "/v1");
    expect_one_line_failure(result);
    EXPECT_THAT(result.err, HasSubstr("redirected"));
    EXPECT_THAT(result.err, HasSubstr(location));
    EXPECT_THAT(result.err, HasSubstr("HTTP " + std::to_string(GetParam())));
    EXPECT_EQ(target.connections(), 0);
    EXPECT_EQ(result.out, "");
}

INSTANTIATE_TEST_SUITE_P(Statuses, Redirect, ::testing::Values(301, 302, 307, 308));

// An https:// base URL whose server accepts the connection and never answers the ClientHello.
// One attempt with a 2 s connect timeout: it must end after about 2 s, not after the several
// timeouts a blocking handshake strings together (about 10 s before the fix).
TEST_F(NetworkFault, AStalledTlsHandshakeTimesOutWithinTheConnectTimeout) {
    home_.write("config.json", R"({"providers": [{"id": "openai", "list_models": false, "options": {
        "connect_timeout_ms": 2000, "max_attempts": 1}}]})");
    FaultServer server(
        [](Poco::Net::StreamSocket&, FaultServer& self) { self.stall(std::chrono::seconds(60)); });
    const ProcessResult result = exec(server.https_url() + "/v1");
    expect_one_line_failure(result);
    EXPECT_THAT(result.err, HasSubstr("TLS handshake"));
    EXPECT_THAT(result.err, HasSubstr("connect_timeout_ms"));
    EXPECT_GE(elapsed_, std::chrono::milliseconds(2000));
    EXPECT_LT(elapsed_, std::chrono::seconds(6));  // the timeout plus a generous start-up
    EXPECT_EQ(server.connections(), 1);
}

TEST_F(NetworkFault, AServerThatDoesNotSpeakHttp) {
    FaultServer server(answer("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"));
    const ProcessResult result = exec(server.http_url() + "/v1");
    expect_one_line_failure(result);
    EXPECT_EQ(result.out, "");
}

}  // namespace
}  // namespace klaude::stress
