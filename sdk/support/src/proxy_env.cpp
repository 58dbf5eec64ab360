#include "klaude/support/proxy_env.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include <Poco/Exception.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/StringTokenizer.h>
#include <Poco/URI.h>

#include "klaude/sdk/error.hpp"

namespace klaude::support {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string first_set(const EnvLookup& env, const char* upper_name, const char* lower_name) {
    // curl prefers the lower-case form; so do we.
    std::string value = env(lower_name);
    return value.empty() ? env(upper_name) : value;
}

bool is_loopback(const std::string& host) {
    if (lower(host) == "localhost") {
        return true;
    }
    Poco::Net::IPAddress address;
    return Poco::Net::IPAddress::tryParse(host, address) && address.isLoopback();
}

}  // namespace

std::string real_env(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? std::string(value) : std::string();
}

bool no_proxy_matches(const std::string& no_proxy, const std::string& host_in, uint16_t port) {
    const std::string host = lower(host_in);
    Poco::StringTokenizer entries(
        no_proxy, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (std::string entry : entries) {
        entry = lower(entry);
        if (entry == "*") {
            return true;
        }
        // An entry may carry a port ("example.com:8080", "[::1]:8080"); a bare IPv6 address
        // has several colons and no port.
        std::string entry_port;
        if (!entry.empty() && entry.front() == '[') {
            size_t close = entry.find(']');
            if (close == std::string::npos) {
                continue;
            }
            if (close + 1 < entry.size() && entry[close + 1] == ':') {
                entry_port = entry.substr(close + 2);
            }
            entry = entry.substr(1, close - 1);
        } else if (size_t colon = entry.find(':');
                   colon != std::string::npos && entry.find(':', colon + 1) == std::string::npos) {
            entry_port = entry.substr(colon + 1);
            entry.resize(colon);
        }
        if (!entry_port.empty() && entry_port != std::to_string(port)) {
            continue;
        }
        if (!entry.empty() && entry.front() == '.') {
            entry.erase(0, 1);
        }
        if (host == entry) {
            return true;
        }
        if (host.size() > entry.size() &&
            host.compare(host.size() - entry.size(), entry.size(), entry) == 0 &&
            host[host.size() - entry.size() - 1] == '.') {
            return true;  // a subdomain of a listed domain
        }
    }
    return false;
}

std::optional<ProxyTarget> proxy_for(const std::string& scheme, const std::string& host,
                                     uint16_t port, const EnvLookup& env) {
    if (is_loopback(host)) {
        return std::nullopt;
    }
    std::string proxy = scheme == "https" ? first_set(env, "HTTPS_PROXY", "https_proxy")
                                          : first_set(env, "HTTP_PROXY", "http_proxy");
    if (proxy.empty()) {
        return std::nullopt;
    }
    if (no_proxy_matches(first_set(env, "NO_PROXY", "no_proxy"), host, port)) {
        return std::nullopt;
    }
    const char* variable = scheme == "https" ? "HTTPS_PROXY" : "HTTP_PROXY";
    if (proxy.find("://") == std::string::npos) {
        proxy = "http://" + proxy;  // "proxy:3128" is common shorthand
    }
    ProxyTarget target;
    try {
        Poco::URI uri(proxy);
        if (uri.getScheme() != "http" || uri.getHost().empty()) {
            throw sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT,
                             std::string(variable) +
                                 " must be an http:// proxy URL (https:// proxies are not "
                                 "supported); unset it or add the host to NO_PROXY");
        }
        target.host = uri.getHost();
        target.port = uri.getPort();
        const std::string user_info = uri.getUserInfo();
        if (size_t colon = user_info.find(':'); colon != std::string::npos) {
            Poco::URI::decode(user_info.substr(0, colon), target.username);
            Poco::URI::decode(user_info.substr(colon + 1), target.password);
        } else {
            Poco::URI::decode(user_info, target.username);
        }
    } catch (const Poco::Exception&) {
        throw sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT,
                         std::string(variable) + " is not a valid proxy URL; fix or unset it");
    }
    return target;
}

}  // namespace klaude::support
