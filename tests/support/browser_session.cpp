#include "tests/support/browser_session.h"

#include <stdexcept>

#include <Poco/Net/DNS.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HostEntry.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <Poco/URI.h>

namespace klaude::testing {

namespace {

bool is_redirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// RFC 6265 5.1.4: the directory of the request path is the default cookie path.
std::string default_cookie_path(const std::string& request_path) {
    auto slash = request_path.rfind('/');
    if (request_path.empty() || request_path[0] != '/' || slash == 0) {
        return "/";
    }
    return request_path.substr(0, slash);
}

// RFC 6265 5.1.4 path-match.
bool path_matches(const std::string& cookie_path, const std::string& request_path) {
    if (request_path == cookie_path) {
        return true;
    }
    if (request_path.compare(0, cookie_path.size(), cookie_path) != 0) {
        return false;
    }
    return cookie_path.back() == '/' || request_path[cookie_path.size()] == '/';
}

bool same_origin(const Poco::URI& a, const Poco::URI& b) {
    return Poco::icompare(a.getScheme(), b.getScheme()) == 0 &&
           Poco::icompare(a.getHost(), b.getHost()) == 0 && a.getPort() == b.getPort();
}

// Where `host` may be reached, in resolver order. A browser tries each (e.g. ::1, then
// 127.0.0.1 for "localhost"); so do we, so a server on either loopback address is found.
std::vector<Poco::Net::IPAddress> addresses_of(const std::string& host) {
    Poco::Net::IPAddress ip;
    if (Poco::Net::IPAddress::tryParse(host, ip)) {
        return {ip};
    }
    return Poco::Net::DNS::hostByName(host).addresses();
}

std::string shorten(const std::string& text) {
    constexpr std::size_t kMax = 2000;
    return text.size() <= kMax ? text : text.substr(0, kMax) + "…";
}

}  // namespace

BrowserSession::BrowserSession(int max_redirects, std::chrono::seconds timeout)
    : max_redirects_(max_redirects), timeout_(timeout) {}

std::string BrowserSession::follow_until(const std::string& url, const std::string& stop_at) {
    const Poco::URI stop(stop_at);
    std::string current = url;
    for (int hop = 0; hop <= max_redirects_; ++hop) {
        Response response = get(current);
        if (response.location.empty()) {
            throw std::runtime_error(
                "GET " + current + " answered " + std::to_string(response.status) +
                " instead of redirecting towards " + stop_at + ": " + shorten(response.body));
        }
        if (same_origin(Poco::URI(response.location), stop)) {
            return response.location;
        }
        current = response.location;
    }
    throw std::runtime_error("more than " + std::to_string(max_redirects_) +
                             " redirects without reaching " + stop_at + ", last at " + current);
}

BrowserSession::Page BrowserSession::follow(const std::string& url) {
    std::string current = url;
    for (int hop = 0; hop <= max_redirects_; ++hop) {
        Response response = get(current);
        if (response.location.empty()) {
            return Page{current, response.status, std::move(response.body)};
        }
        current = response.location;
    }
    throw std::runtime_error("more than " + std::to_string(max_redirects_) +
                             " redirects, last at " + current);
}

std::size_t BrowserSession::cookie_count(const std::string& host) const {
    std::size_t n = 0;
    for (const auto& [key, value] : cookies_) {
        n += Poco::icompare(std::get<0>(key), host) == 0 ? 1 : 0;
    }
    return n;
}

std::string BrowserSession::cookie_header(const std::string& host, const std::string& path) const {
    Poco::Net::NameValueCollection matching;
    for (const auto& [key, value] : cookies_) {
        const auto& [cookie_host, name, cookie_path] = key;
        if (Poco::icompare(cookie_host, host) == 0 && path_matches(cookie_path, path)) {
            matching.add(name, value);
        }
    }
    std::string header;
    for (const auto& [name, value] : matching) {
        header += (header.empty() ? "" : "; ") + name + "=" + value;
    }
    return header;
}

BrowserSession::Response BrowserSession::get(const std::string& url) {
    visited_.push_back(url);
    const Poco::URI uri(url);
    if (uri.getScheme() != "http") {
        throw std::runtime_error("BrowserSession speaks plain http only, not " + url);
    }
    const std::string host = Poco::toLower(uri.getHost());
    const std::string path = uri.getPath().empty() ? "/" : uri.getPath();

    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, uri.getPathAndQuery(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setHost(uri.getHost(), uri.getPort());
    std::string cookies = cookie_header(host, path);
    if (!cookies.empty()) {
        request.set("Cookie", cookies);
    }

    Poco::Net::HTTPResponse response;
    std::string body;
    std::string refused;
    bool answered = false;
    for (const auto& address : addresses_of(uri.getHost())) {
        Poco::Net::HTTPClientSession session(Poco::Net::SocketAddress(address, uri.getPort()));
        session.setTimeout(Poco::Timespan(static_cast<long>(timeout_.count()), 0));
        try {
            session.sendRequest(request);
        } catch (const Poco::Net::ConnectionRefusedException&) {
            refused += (refused.empty() ? "" : ", ") + address.toString();
            continue;  // nothing was sent: try the next address
        }
        std::istream& in = session.receiveResponse(response);
        Poco::StreamCopier::copyToString(in, body);
        answered = true;
        break;
    }
    if (!answered) {
        throw std::runtime_error("GET " + url + ": connection refused (tried " + refused + ")");
    }

    std::vector<Poco::Net::HTTPCookie> set_cookies;
    response.getCookies(set_cookies);
    for (const auto& cookie : set_cookies) {
        auto key = std::make_tuple(
            host, cookie.getName(),
            cookie.getPath().empty() ? default_cookie_path(path) : cookie.getPath());
        // Poco turns Expires into a max-age: 0 or a past date (below -1; -1 means "session
        // cookie") is the server deleting the cookie.
        if (cookie.getMaxAge() == 0 || cookie.getMaxAge() < -1) {
            cookies_.erase(key);
        } else {
            cookies_[key] = cookie.getValue();
        }
    }

    Response out;
    out.status = static_cast<int>(response.getStatus());
    out.body = std::move(body);
    if (is_redirect(out.status) && response.has("Location")) {
        const std::string& location = response.get("Location");
        if (Poco::URI(location).isRelative()) {
            Poco::URI resolved(uri);
            resolved.resolve(location);
            out.location = resolved.toString();
        } else {
            out.location = location;
        }
    }
    return out;
}

}  // namespace klaude::testing
