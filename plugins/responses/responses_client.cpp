#include "plugins/responses/responses_client.h"

#include "plugins/responses/cancel_signal.h"

namespace klaude::responses {

ResponsesClient::ResponsesClient(ResponsesConfig config, sdk::Host host)
    : config_(std::move(config)), host_(host), cancel_(std::make_shared<CancelSignal>()) {}

ResponsesClient::~ResponsesClient() = default;

void ResponsesClient::cancel() noexcept {
    cancel_->cancel();
}

void ResponsesClient::stream(std::string_view, const sdk::EventSink&) {
    throw sdk::Error(KLAUDE_ERROR_UNSUPPORTED, "responses: not implemented yet");
}

std::string ResponsesClient::endpoint_url() const {
    return config_.base_url + "/responses";
}

void ResponsesClient::add_headers(HeaderList&) {}

void ResponsesClient::finish_body(rapidjson::Document&) {}

bool ResponsesClient::refresh_after_unauthorized() {
    return false;
}

std::string ResponsesClient::describe_http_error(int status, const std::string&,
                                                 const HeaderList&) const {
    return "HTTP " + std::to_string(status);
}

std::string ResponsesClient::rate_limit_event(const HeaderList&) const {
    return {};
}

bool ResponsesClient::is_hard_rate_limit(const std::string&) const {
    return false;
}

}  // namespace klaude::responses
