// A minimal "browser" for tests: GETs a URL and follows redirects (no cookies needed by the
// fake OAuth server), recording every URL it visited.
#pragma once

#include <string>
#include <vector>

namespace klaude::codex::testing {

struct BrowserVisit {
    int status = 0;                 // of the last response
    std::string body;               // of the last response
    std::string content_type;       // of the last response
    std::vector<std::string> urls;  // every URL requested, in order
};

// Follows up to `max_redirects` redirects. Connection failures give status 0.
BrowserVisit browse(const std::string& url, int max_redirects = 5);

// The Location of the first response to GET `url` ("" when it is not a redirect).
std::string redirect_target(const std::string& url);

}  // namespace klaude::codex::testing
