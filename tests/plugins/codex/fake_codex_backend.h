// A loopback stand-in for ChatGPT's Codex backend (POST /backend-api/codex/responses) that
// checks every header and body rule klaude must follow, and answers with a short SSE stream:
//
//   headers  Authorization: Bearer <unexpired JWT whose account matches chatgpt-account-id>,
//            chatgpt-account-id, OpenAI-Beta: responses=experimental, originator: codex_cli_rs,
//            session_id (non-empty), Accept: text/event-stream, a User-Agent,
//            Content-Type: application/json
//   body     store false, stream true, instructions a non-empty string, no max_output_tokens,
//            no temperature, include has reasoning.encrypted_content
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
        std::map<std::string, std::string> headers;  // lower-case names
        std::string body;
    };

    FakeCodexBackend();
    ~FakeCodexBackend();

    std::string base_url() const;  // …/backend-api/codex

    // Requests with this access token get 401 (as if the backend revoked it).
    void reject_token(const std::string& access_token);
    void reject_every_token();
    // The next request gets this answer instead of a stream.
    void fail_next(int status, const std::string& body);

    int requests() const;
    Request last_request() const;
    std::vector<std::string> violations() const;

  private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
    std::unique_ptr<klaude::testing::LoopbackServer> server_;
};

}  // namespace klaude::codex::testing
