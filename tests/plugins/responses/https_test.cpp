// HTTPS against a loopback TLS server (Poco SecureServerSocket) with certificates made at test
// time: the configured CA is trusted; an unknown CA, a host-name mismatch and the system store
// (which does not know the test CA) are all rejected, without retries.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <iostream>
#include <thread>

#include <Poco/Net/Context.h>

#include "plugins/responses/responses_client.h"
#include "tests/plugins/responses/recording_sink.h"
#include "tests/plugins/responses/replay_server.h"
#include "tests/plugins/responses/test_pki.h"
#include "tests/plugins/responses/transcripts.h"

namespace klaude::responses {
namespace {

using testing::RecordingSink;
using testing::ReplayServer;
using testing::Reply;
using testing::TestPki;

const std::string kRequest =
    R"({"model":"gpt-5.1","input":[{"type":"message","role":"user","content":"hi"}]})";

class Https : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { pki_ = new TestPki(TestPki::create()); }
    static void TearDownTestSuite() {
        pki_->remove();
        delete pki_;
        pki_ = nullptr;
    }
    void SetUp() override { setenv("KLAUDE_HTTPS_TEST_KEY", "k", 1); }

    static Poco::Net::Context::Ptr server_context(const std::string& cert, const std::string& key) {
        Poco::Net::Context::Params params;
        params.privateKeyFile = key;
        params.certificateFile = cert;
        params.verificationMode = Poco::Net::Context::VERIFY_NONE;
        return new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
    }

    struct Result {
        klaude_status_t status = KLAUDE_OK;
        std::string message;
        RecordingSink sink;
    };

    std::unique_ptr<Result> run(const ReplayServer& server, bool trust_test_ca,
                                const std::string& more_options = "") {
        std::string options =
            trust_test_ca ? R"({"ca_file":")" + pki_->ca + "\"" + more_options + "}" : "{}";
        ResponsesClient client(
            ResponsesConfig::from_json(
                R"({"id":"t","base_url":")" + server.base_url() +
                R"(/v1","base_url_env":"","api_key_env":"KLAUDE_HTTPS_TEST_KEY","options":)" +
                options + "}"),
            sdk::Host(nullptr));
        auto result = std::make_unique<Result>();
        try {
            client.stream(kRequest, result->sink.sink());
        } catch (const sdk::Error& e) {
            result->status = e.status();
            result->message = e.what();
        }
        return result;
    }

    static TestPki* pki_;
};

TestPki* Https::pki_ = nullptr;

TEST_F(Https, TrustedCaSucceeds) {
    ReplayServer server({Reply::sse(testing::load_transcript("text.sse"), 100)},
                        server_context(pki_->localhost_cert, pki_->localhost_key));
    auto r = run(server, true);
    EXPECT_EQ(r->status, KLAUDE_OK) << r->message;
    EXPECT_EQ(r->sink.joined(KLAUDE_EVENT_TEXT_DELTA), "Hello! How can I help you today?");
    ASSERT_EQ(server.requests().size(), 1u);
    EXPECT_EQ(server.requests()[0].header("Authorization"), "Bearer k");
}

TEST_F(Https, SequentialCallsShareOneTlsConnection) {
    ReplayServer server({Reply::sse(testing::load_transcript("text.sse"), 100)},
                        server_context(pki_->localhost_cert, pki_->localhost_key));
    ResponsesClient client(
        ResponsesConfig::from_json(
            R"({"id":"t","base_url":")" + server.base_url() +
            R"(","base_url_env":"","api_key_env":"","options":{"ca_file":")" + pki_->ca + R"("}})"),
        sdk::Host(nullptr));
    for (int i = 0; i < 5; ++i) {
        RecordingSink sink;
        client.stream(kRequest, sink.sink());
        EXPECT_EQ(sink.joined(KLAUDE_EVENT_TEXT_DELTA), "Hello! How can I help you today?");
    }
    EXPECT_EQ(server.requests().size(), 5u);
    EXPECT_EQ(server.connections(), 1);  // one TCP connection, one TLS handshake
}

TEST_F(Https, IdleTimeoutAppliesInsideTls) {
    const std::string text = testing::load_transcript("text.sse");
    Reply slow = Reply::sse(text);
    slow.cut_after = text.find("event: response.in_progress");
    slow.stall = std::chrono::milliseconds(10000);
    ReplayServer server({slow}, server_context(pki_->localhost_cert, pki_->localhost_key));
    auto start = std::chrono::steady_clock::now();
    auto r = run(server, true, R"(,"idle_timeout_ms":300)");
    auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_EQ(r->status, KLAUDE_ERROR_TIMEOUT) << r->message;
    EXPECT_LT(elapsed, std::chrono::seconds(5));
    EXPECT_EQ(r->sink.of(KLAUDE_EVENT_CREATED).size(), 1u);
}

TEST_F(Https, CancelAbortsABlockedTlsRead) {
    const std::string text = testing::load_transcript("text.sse");
    Reply slow = Reply::sse(text);
    slow.cut_after = text.find("event: response.in_progress");
    slow.stall = std::chrono::milliseconds(10000);
    ReplayServer server({slow}, server_context(pki_->localhost_cert, pki_->localhost_key));
    ResponsesClient client(
        ResponsesConfig::from_json(
            R"({"id":"t","base_url":")" + server.base_url() +
            R"(","base_url_env":"","api_key_env":"","options":{"ca_file":")" + pki_->ca + R"("}})"),
        sdk::Host(nullptr));
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        client.cancel();
    });
    RecordingSink sink;
    auto start = std::chrono::steady_clock::now();
    klaude_status_t status = KLAUDE_OK;
    try {
        client.stream(kRequest, sink.sink());
    } catch (const sdk::Error& e) {
        status = e.status();
    }
    auto elapsed = std::chrono::steady_clock::now() - start;
    canceller.join();
    EXPECT_EQ(status, KLAUDE_ERROR_CANCELLED);
    EXPECT_LT(elapsed, std::chrono::milliseconds(1300));  // 300 ms until cancel + a generous bound
}

TEST_F(Https, UnknownCaIsRejected) {
    ReplayServer server({Reply::sse(testing::load_transcript("text.sse"))},
                        server_context(pki_->unknown_ca_cert, pki_->unknown_ca_key));
    auto r = run(server, true);
    EXPECT_EQ(r->status, KLAUDE_ERROR_NETWORK);
    EXPECT_NE(r->message.find("certificate"), std::string::npos) << r->message;
    EXPECT_TRUE(server.requests().empty());
    std::cout << "    rejected with: " << r->message << "\n";
}

TEST_F(Https, HostNameMismatchIsRejected) {
    ReplayServer server({Reply::sse(testing::load_transcript("text.sse"))},
                        server_context(pki_->wrong_name_cert, pki_->wrong_name_key));
    auto r = run(server, true);
    EXPECT_EQ(r->status, KLAUDE_ERROR_NETWORK);
    EXPECT_NE(r->message.find("certificate"), std::string::npos) << r->message;
    EXPECT_TRUE(server.requests().empty());
    std::cout << "    rejected with: " << r->message << "\n";
}

TEST_F(Https, SystemStoreDoesNotTrustTheTestCa) {
    ReplayServer server({Reply::sse(testing::load_transcript("text.sse"))},
                        server_context(pki_->localhost_cert, pki_->localhost_key));
    auto r = run(server, false);
    EXPECT_EQ(r->status, KLAUDE_ERROR_NETWORK);
    EXPECT_NE(r->message.find("certificate"), std::string::npos) << r->message;
    EXPECT_TRUE(server.requests().empty());
    std::cout << "    rejected with: " << r->message << "\n";
}

TEST_F(Https, MissingCaFileIsAClearConfigError) {
    ReplayServer server({Reply::sse(testing::load_transcript("text.sse"))},
                        server_context(pki_->localhost_cert, pki_->localhost_key));
    ResponsesClient client(
        ResponsesConfig::from_json(
            R"({"id":"t","base_url":")" + server.base_url() +
            R"(","base_url_env":"","api_key_env":"","options":{"ca_file":"/nonexistent/ca.pem"}})"),
        sdk::Host(nullptr));
    RecordingSink sink;
    try {
        client.stream(kRequest, sink.sink());
        ADD_FAILURE() << "no error";
    } catch (const sdk::Error& e) {
        EXPECT_EQ(e.status(), KLAUDE_ERROR_INVALID_ARGUMENT);
        EXPECT_NE(std::string(e.what()).find("/nonexistent/ca.pem"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace klaude::responses
