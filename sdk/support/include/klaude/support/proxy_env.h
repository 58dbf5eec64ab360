// Which proxy a request goes through, from HTTPS_PROXY / HTTP_PROXY / NO_PROXY (and their
// lower-case forms), the way curl reads them. Poco does not look at these variables itself.
// Loopback targets never use a proxy: a proxy cannot reach our loopback anyway.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace klaude::support {

struct ProxyTarget {
    std::string host;
    uint16_t port = 0;
    std::string username;  // empty: no Proxy-Authorization
    std::string password;
};

// Looks up an environment variable; returns "" when unset. Tests pass a fake one.
using EnvLookup = std::function<std::string(const char* name)>;
std::string real_env(const char* name);

// The proxy for a request to scheme://host:port, or nullopt for a direct connection.
// Throws sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT) when the proxy variable is not a URL.
std::optional<ProxyTarget> proxy_for(const std::string& scheme, const std::string& host,
                                     uint16_t port, const EnvLookup& env = real_env);

// True when NO_PROXY (a comma-separated list of host names, domain suffixes, IP addresses,
// optionally with :port, or "*") excludes `host`.
bool no_proxy_matches(const std::string& no_proxy, const std::string& host, uint16_t port);

}  // namespace klaude::support
