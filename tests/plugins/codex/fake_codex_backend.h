// A loopback stand-in for ChatGPT's Codex backend that checks every header and body rule
// klaude must follow (those of the Codex CLI's golden capture, tests/plugins/codex/golden/):
//
//   POST /backend-api/codex/responses, answered with a short SSE stream
//     headers  Authorization: Bearer <unexpired JWT whose account matches chatgpt-account-id>,
//              chatgpt-account-id, version: <client version>, originator: codex_exec,
//              session-id (non-empty), Accept: text/event-stream, a User-Agent,
//              Content-Type: application/json
//     body     store false, stream true, instructions a non-empty string, no
//              max_output_tokens, no temperature, include has reasoning.encrypted_content
//   GET /backend-api/codex/models?client_version=<client version>, answered with catalog()
//     headers  Authorization, chatgpt-account-id, version, originator as above
//
// A broken rule answers 400 and is recorded in violations().
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "tests/support/loopback_server.h"

namespace klaude::codex::testing {

class FakeCodexBackend {
  public:
    struct Request {
        std::string method;
        std::string uri;                              // path and query
        std::map<std::string, std::string> headers;  // lower-case names
        std::string body;
    };

    // The catalog GET …/models answers with ({"models":[…]} in the backend's form). Default:
    // three listed models (gpt-6.2-sol first), one hidden, and gpt-5.1-codex hidden with an
    // upgrade to gpt-6.2-sol.
    static std::string default_catalog();

    FakeCodexBackend();
    ~FakeCodexBackend();

    std::string base_url() const;  // …/backend-api/codex

    // Requests with this access token get 401 (as if the backend revoked it).
    void reject_token(const std::string& access_token);
    void reject_every_token();
    // The next request gets this answer instead of a stream.
    void fail_next(int status, const std::string& body);
    // Requests for this model id get the backend's 400 for a retired model.
    void refuse_model(const std::string& model_id);
    // What GET …/models answers (status 200 unless `status` says otherwise).
    void set_catalog(const std::string& body, int status = 200);
    // The client version the rules expect (default "0.171.0").
    void expect_client_version(const std::string& version);

    int requests() const;         // POSTs to …/responses
    int model_requests() const;   // GETs of …/models
    Request last_request() const;  // the last POST to …/responses
    std::vector<Request> all_requests() const;
    std::vector<std::string> violations() const;

  private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
    std::unique_ptr<klaude::testing::LoopbackServer> server_;
};

}  // namespace klaude::codex::testing
