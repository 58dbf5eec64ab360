#include "plugins/codex/auth/http_post.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/URI.h>

#include <istream>
#include <memory>

#include "klaude/sdk/error.hpp"

namespace klaude::codex {
namespace {

constexpr size_t kMaxBody = 1 << 20;

std::unique_ptr<Poco::Net::HTTPClientSession> open_session(const Poco::URI& uri,
                                                           const HttpOptions& options) {
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (uri.getScheme() == "https") {
        // Verify the peer against the system CAs (or the given bundle); Poco checks the host
        // name for VERIFY_RELAXED and up.
        Poco::Net::Context::Ptr context =
            new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", options.ca_file,
                                   Poco::Net::Context::VERIFY_RELAXED, 9, options.ca_file.empty());
        session =
            std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), context);
    } else if (uri.getScheme() == "http") {
        session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    } else {
        throw sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT,
                         "unsupported URL scheme '" + uri.getScheme() + "' (use http or https)");
    }
    session->setTimeout(Poco::Timespan(options.timeout.count() * 1000));
    return session;
}

HttpResult exchange(const std::string& method, const std::string& url,
                    const std::string& content_type, const std::string* body,
                    const HttpOptions& options) {
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception&) {
        throw sdk::Error(KLAUDE_ERROR_INVALID_ARGUMENT, "not a valid URL: " + url);
    }
    try {
        auto session = open_session(uri, options);
        Poco::Net::HTTPRequest request(method, uri.getPathAndQuery(),
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        request.set("Accept", "application/json");
        if (body != nullptr) {
            request.setContentType(content_type);
            request.setContentLength(static_cast<std::streamsize>(body->size()));
        }
        std::ostream& out = session->sendRequest(request);
        if (body != nullptr) {
            out << *body;
        }
        Poco::Net::HTTPResponse response;
        std::istream& in = session->receiveResponse(response);
        HttpResult result;
        result.status = static_cast<int>(response.getStatus());
        result.content_type = response.getContentType();
        char buffer[8192];
        while (in.good() && result.body.size() < kMaxBody) {
            in.read(buffer, sizeof buffer);
            result.body.append(buffer, static_cast<size_t>(in.gcount()));
        }
        return result;
    } catch (const sdk::Error&) {
        throw;
    } catch (const Poco::Exception& e) {
        throw sdk::Error(KLAUDE_ERROR_NETWORK, "cannot reach " + uri.getScheme() + "://" +
                                                   uri.getAuthority() + ": " + e.displayText());
    } catch (const std::exception& e) {
        throw sdk::Error(KLAUDE_ERROR_NETWORK, "cannot reach " + uri.getScheme() + "://" +
                                                   uri.getAuthority() + ": " + e.what());
    }
}

}  // namespace

HttpResult http_post(const std::string& url, const std::string& content_type,
                     const std::string& body, const HttpOptions& options) {
    return exchange(Poco::Net::HTTPRequest::HTTP_POST, url, content_type, &body, options);
}

HttpResult http_get(const std::string& url, const HttpOptions& options) {
    return exchange(Poco::Net::HTTPRequest::HTTP_GET, url, "", nullptr, options);
}

}  // namespace klaude::codex
