// The TLS client context every HTTPS request uses: peer verification on (chain and host
// name), TLS 1.2 or newer, the system CA store (OpenSSL's default verify paths) or one PEM file
// from options.ca_file, and a certificate handler that rejects: a bad certificate fails the
// request with a message; nothing ever asks on the console.
#pragma once

#include <string>

#include <Poco/Net/Context.h>

namespace klaude::support {

// Throws sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT) when ca_file cannot be loaded.
Poco::Net::Context::Ptr make_tls_context(const std::string& ca_file);

}  // namespace klaude::support
