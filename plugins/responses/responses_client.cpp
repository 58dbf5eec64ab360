#include "plugins/responses/responses_client.h"

namespace klaude::responses {

void ResponsesClient::stream(std::string_view, const sdk::EventSink&) {
    throw sdk::Error(KLAUDE_ERROR_UNSUPPORTED, "responses: not implemented yet");
}

}  // namespace klaude::responses
