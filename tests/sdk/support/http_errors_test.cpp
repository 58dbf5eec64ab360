// The support library's HTTP error pieces, on the error bodies real APIs send.
#include "klaude/support/http_errors.h"

#include <gtest/gtest.h>

namespace klaude::support {
namespace {

TEST(HttpErrors, ReadsTheErrorBodiesOfTheCommonApiFamilies) {
    // OpenAI
    ServerError e = parse_error_body(
        R"({"error":{"message":"Incorrect API key","type":"invalid_request_error","code":"invalid_api_key"}})");
    EXPECT_EQ(e.message, "Incorrect API key");
    EXPECT_EQ(e.code, "invalid_api_key");
    EXPECT_EQ(e.type, "invalid_request_error");
    // Anthropic
    e = parse_error_body(
        R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})");
    EXPECT_EQ(e.message, "Overloaded");
    EXPECT_EQ(e.code, "overloaded_error");
    // The ChatGPT backend
    e = parse_error_body(R"({"detail":"The 'gpt-5.1-codex' model is not supported"})");
    EXPECT_EQ(e.message, "The 'gpt-5.1-codex' model is not supported");
    e = parse_error_body(R"({"detail":{"code":"deactivated_workspace","message":"gone"}})");
    EXPECT_EQ(e.code, "deactivated_workspace");
    // Ollama and small servers
    EXPECT_EQ(parse_error_body(R"({"error":"model 'x' not found"})").message,
              "model 'x' not found");
    EXPECT_EQ(parse_error_body(R"({"message":"nope","code":42})").code, "42");
    // Plain text is kept when short; an HTML page is not.
    EXPECT_EQ(parse_error_body("upstream connect error").message, "upstream connect error");
    EXPECT_EQ(parse_error_body("<html><body>502</body></html>").message, "");
    // Not an object, or an error that is a number: nothing, and no crash.
    EXPECT_EQ(parse_error_body("[1,2]").message, "");
    EXPECT_EQ(parse_error_body(R"({"error":7})").message, "");
}

TEST(HttpErrors, StatusMapping) {
    EXPECT_EQ(status_for_http(401, ""), KLAUDE_ERROR_AUTH);
    EXPECT_EQ(status_for_http(403, ""), KLAUDE_ERROR_AUTH);
    EXPECT_EQ(status_for_http(429, ""), KLAUDE_ERROR_RATE_LIMITED);
    EXPECT_EQ(status_for_http(500, ""), KLAUDE_ERROR_SERVER);
    EXPECT_EQ(status_for_http(529, ""), KLAUDE_ERROR_SERVER);
    EXPECT_EQ(status_for_http(400, R"({"error":{"message":"max_tokens: too large"}})"),
              KLAUDE_ERROR_SERVER);
    // Anthropic's unknown model, and a 404 of its kind that is about something else.
    EXPECT_EQ(status_for_http(404, R"({"type":"error","error":{"type":"not_found_error",)"
                                   R"("message":"model: claude-x"}})"),
              KLAUDE_ERROR_MODEL_UNAVAILABLE);
    EXPECT_EQ(status_for_http(404, R"({"type":"error","error":{"type":"not_found_error",)"
                                   R"("message":"file: f_1"}})"),
              KLAUDE_ERROR_SERVER);
    EXPECT_EQ(status_for_http(404, R"({"error":{"message":"The model `gpt-9` does not exist"}})"),
              KLAUDE_ERROR_MODEL_UNAVAILABLE);
    EXPECT_EQ(status_for_http(400, R"({"detail":"The 'gpt-5.1-codex' model is not supported )"
                                   R"(when using Codex with a ChatGPT account."})"),
              KLAUDE_ERROR_MODEL_UNAVAILABLE);
    EXPECT_EQ(status_for_http(404, R"({"error":{"code":"model_not_found","message":"x"}})"),
              KLAUDE_ERROR_MODEL_UNAVAILABLE);
    // Only 400 and 404 can refuse a model.
    EXPECT_FALSE(is_model_refusal(500, R"({"error":{"code":"model_not_found"}})"));
}

TEST(HttpErrors, OneLineNamesTheProviderAndTheServersWords) {
    EXPECT_EQ(http_error_line(401, R"({"error":{"message":"invalid x-api-key"}})", "anthropic"),
              "HTTP 401 from 'anthropic': invalid x-api-key");
    EXPECT_EQ(http_error_line(503, "", ""), "HTTP 503: server error");
    EXPECT_EQ(http_error_line(400, R"({"error":{"message":"line one\nline two"}})", "p"),
              "HTTP 400 from 'p': line one line two");
}

TEST(HttpErrors, OneLineDisarmsTerminalControls) {
    EXPECT_EQ(one_line("red \x1b[31malert\x07 and\r\nmore\x7f!"), "red [31malert and more !");
    EXPECT_EQ(one_line("csi \xc2\x9b"
                       "2J"),
              "csi 2J");
    const std::string cut = one_line("ééééé", 5);  // 2-byte characters: never split one
    EXPECT_EQ(cut, "éé…");
}

}  // namespace
}  // namespace klaude::support
