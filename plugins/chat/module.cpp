// The `chat` plugin: ChatClient as the provider "chat", the protocol of any OpenAI-compatible
// Chat Completions server. It has no built-in models: the server's list (GET /models) is the
// catalog, and `-m provider/model` names any model the server has.
#include "klaude/sdk/plugin.hpp"
#include "plugins/chat/chat_client.h"

namespace klaude::chat {
namespace {

class ChatPlugin : public sdk::Plugin {
  public:
    explicit ChatPlugin(sdk::Host host) : Plugin(host) {
        add_provider({"chat",
                      "OpenAI-compatible Chat Completions",
                      "openai-chat-completions",
                      "Any model behind a /chat/completions endpoint (Ollama, vLLM, llama.cpp, "
                      "LM Studio, OpenRouter…)",
                      {}});
    }

    std::unique_ptr<sdk::LlmClient> create_client(const std::string&,
                                                  std::string_view config_json) override {
        return std::make_unique<ChatClient>(ChatConfig::from_json(config_json), host());
    }
};

}  // namespace
}  // namespace klaude::chat

KLAUDE_PLUGIN(klaude::chat::ChatPlugin, "dev.klaude.chat", "Chat Completions", KLAUDE_VERSION,
              "klaude", "OpenAI-compatible Chat Completions client (streaming SSE, tools)");
