#include "plugins/chat/chat_errors.h"

namespace klaude::chat {

std::string http_error_message(int status, const std::string& body, const ChatConfig& config) {
    std::string text = support::http_error_line(status, body, config.id);
    if (status == 401 || status == 403) {
        text += config.api_key_env.empty()
                    ? " (the server wants an API key: name its variable in api_key_env)"
                    : " (check the key in " + config.api_key_env + ")";
    }
    return text;
}

}  // namespace klaude::chat
