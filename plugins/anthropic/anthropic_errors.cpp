#include "plugins/anthropic/anthropic_errors.h"

namespace klaude::anthropic {

klaude_status_t status_for_answer(int status, const std::string& body) {
    if (status == 404) {
        const support::ServerError error = parse_error_body(body);
        if (error.type == "not_found_error" && error.message.rfind("model:", 0) == 0) {
            return KLAUDE_ERROR_MODEL_UNAVAILABLE;
        }
    }
    return status_for_http(status, body);
}

std::string http_error_message(int status, const std::string& body, const AnthropicConfig& config) {
    std::string text = support::http_error_line(status, body, config.id);
    if (status == 401 || status == 403) {
        text += " (check the key in " + config.api_key_env + ")";
    }
    return text;
}

}  // namespace klaude::anthropic
