#include "tests/plugins/codex/test_browser.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/URI.h>

#include <iterator>

namespace klaude::codex::testing {
namespace {

struct Hop {
    int status = 0;
    std::string location, body, content_type;
};

Hop get(const std::string& url) {
    Hop hop;
    try {
        const Poco::URI uri(url);
        Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
        session.setTimeout(Poco::Timespan(30, 0));
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, uri.getPathAndQuery(),
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        std::istream& in = session.receiveResponse(response);
        hop.status = static_cast<int>(response.getStatus());
        hop.location = response.get("Location", "");
        hop.content_type = response.getContentType();
        hop.body.assign(std::istreambuf_iterator<char>(in), {});
    } catch (const Poco::Exception&) {
        hop.status = 0;
    }
    return hop;
}

}  // namespace

BrowserVisit browse(const std::string& url, int max_redirects) {
    BrowserVisit visit;
    std::string next = url;
    for (int i = 0; i <= max_redirects; ++i) {
        visit.urls.push_back(next);
        const Hop hop = get(next);
        visit.status = hop.status;
        visit.body = hop.body;
        visit.content_type = hop.content_type;
        if (hop.status < 300 || hop.status >= 400 || hop.location.empty()) {
            break;
        }
        Poco::URI base(next);
        base.resolve(hop.location);
        next = base.toString();
    }
    return visit;
}

std::string redirect_target(const std::string& url) {
    return get(url).location;
}

}  // namespace klaude::codex::testing
