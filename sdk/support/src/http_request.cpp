#include "klaude/support/http_request.h"

#include <utility>

namespace klaude::support {

HttpResponse http_request(const std::string& method, const std::string& url,
                          const HeaderList& headers, const std::string& body,
                          const HttpOptions& options, size_t max_body,
                          std::shared_ptr<CancelSignal> cancel) {
    HttpStream http(options, cancel ? std::move(cancel) : std::make_shared<CancelSignal>());
    HttpResponse response;
    response.status = http.send(method, url, headers, body);
    response.headers = http.response_headers();
    for (const auto& [name, value] : response.headers) {
        if (name == "content-type") {
            response.content_type = value;
        }
    }
    response.body = http.read_all(max_body);
    return response;
}

}  // namespace klaude::support
