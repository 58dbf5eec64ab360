// The part of a web browser an OAuth login needs: GET a URL, follow redirects, keep cookies.
// Tests use it to "sign in" at the OAuth peer (tests/peers/oidc-server.mjs), whose login and
// consent complete automatically, and to land on the callback URL with code, state and iss.
//
// Plain http only. Cookies are kept per host name (not per port, as browsers do), honour Path,
// and are dropped when the server expires them; Domain, Secure and SameSite are ignored (every
// request here is a top-level GET on loopback).
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace klaude::testing {

class BrowserSession {
  public:
    struct Page {
        std::string url;  // the last URL requested
        int status = 0;
        std::string body;
    };

    explicit BrowserSession(int max_redirects = 20,
                            std::chrono::seconds timeout = std::chrono::seconds(30));

    // GETs `url` and follows redirects until the next Location points at `stop_at`'s scheme,
    // host and port (e.g. "http://localhost:1455"); returns that Location, absolute, without
    // requesting it. Throws std::runtime_error (with status and body) when a response is not a
    // redirect first, or after max_redirects.
    std::string follow_until(const std::string& url, const std::string& stop_at);

    // GETs `url` and follows every redirect; returns the first response that is not one.
    Page follow(const std::string& url);

    // Every URL requested so far, in order.
    const std::vector<std::string>& visited() const { return visited_; }
    // Number of cookies held for `host` (e.g. "localhost").
    std::size_t cookie_count(const std::string& host) const;

  private:
    struct Response {
        int status = 0;
        std::string location;  // absolute, empty when not a redirect
        std::string body;
    };
    // (host, name, path) -> value
    using CookieJar = std::map<std::tuple<std::string, std::string, std::string>, std::string>;

    Response get(const std::string& url);
    std::string cookie_header(const std::string& host, const std::string& path) const;

    int max_redirects_;
    std::chrono::seconds timeout_;
    CookieJar cookies_;
    std::vector<std::string> visited_;
};

}  // namespace klaude::testing
