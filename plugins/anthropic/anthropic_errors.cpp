#include "plugins/anthropic/anthropic_errors.h"

namespace klaude::anthropic {

std::string http_error_message(int status, const std::string& body, const AnthropicConfig& config) {
    std::string text = support::http_error_line(status, body, config.id);
    if (status == 401 || status == 403) {
        text += " (check the key in " + config.api_key_env + ")";
    }
    return text;
}

}  // namespace klaude::anthropic
