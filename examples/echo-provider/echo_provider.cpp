// An example klaude provider plugin written with the C++ SDK: provider "echo", model "echo-1".
// Its client answers with the text of the last user message in the request, streamed word by
// word, then reports usage and completion like a real provider would.
#include <rapidjson/document.h>

#include <atomic>
#include <memory>
#include <string>
#include <string_view>

#include "klaude/sdk.hpp"

namespace {

using klaude::sdk::Error;

// The provider-neutral request (klaude/abi/client.h) carries the conversation in "input";
// a user message is {"type":"message","role":"user","content":[{"type":"text","text":"…"}]}.
std::string last_user_text(std::string_view request_json) {
    rapidjson::Document request;
    request.Parse(request_json.data(), request_json.size());
    if (request.HasParseError() || !request.IsObject() || !request.HasMember("input") ||
        !request["input"].IsArray()) {
        throw Error(KLAUDE_ERROR_INVALID_ARGUMENT, "echo: the request has no input array");
    }
    const auto& input = request["input"].GetArray();
    for (auto item = input.End(); item != input.Begin();) {
        --item;
        if (!item->IsObject() || !item->HasMember("role") || (*item)["role"] != "user" ||
            !item->HasMember("content") || !(*item)["content"].IsArray()) {
            continue;
        }
        std::string text;
        for (const auto& part : (*item)["content"].GetArray()) {
            if (part.IsObject() && part.HasMember("text") && part["text"].IsString()) {
                text.append(part["text"].GetString(), part["text"].GetStringLength());
            }
        }
        return text;
    }
    throw Error(KLAUDE_ERROR_INVALID_ARGUMENT, "echo: the request has no user message");
}

class EchoClient : public klaude::sdk::LlmClient {
  public:
    // Runs on the thread the host chose; events go to the sink on this same thread.
    void stream(std::string_view request_json, const klaude::sdk::EventSink& sink) override {
        cancelled_ = false;
        const std::string text = last_user_text(request_json);
        sink.created(R"({"response_id":"echo-response","model":"echo-1"})");
        // One delta per word (with its trailing space): a pointer and a length, no JSON.
        size_t words = 0;
        for (size_t start = 0; start < text.size(); ++words) {
            if (cancelled_) {
                throw Error(KLAUDE_ERROR_CANCELLED, "echo: cancelled");
            }
            size_t end = text.find(' ', start);
            end = end == std::string::npos ? text.size() : end + 1;
            sink.text_delta(std::string_view(text).substr(start, end - start));
            start = end;
        }
        sink.flush();
        const std::string n = std::to_string(words);
        sink.usage(R"({"input_tokens":)" + n + R"(,"cached_input_tokens":0,"output_tokens":)" + n +
                   R"(,"reasoning_tokens":0,"total_tokens":)" + std::to_string(2 * words) + "}");
        sink.completed(R"({"response_id":"echo-response","status":"completed"})");
    }

    // [thread-safe] Called by the host (Ctrl-C) while stream() runs on another thread.
    void cancel() noexcept override { cancelled_ = true; }

  private:
    std::atomic<bool> cancelled_{false};
};

class EchoPlugin : public klaude::sdk::Plugin {
  public:
    // Runs in the entry's init, never at load time: describe providers and models here.
    explicit EchoPlugin(klaude::sdk::Host host) : Plugin(host) {
        add_provider({"echo",
                      "Echo",
                      "echo",
                      "Answers with your own last message",
                      {{"echo-1", "Echo 1", 8192, 8192, 0}}});
    }

    std::unique_ptr<klaude::sdk::LlmClient> create_client(const std::string& provider_id,
                                                          std::string_view config_json) override {
        (void)config_json;  // {"id":…,"protocol":"echo",…}: nothing to configure here
        host().debug("echo: new client for provider " + provider_id);
        return std::make_unique<EchoClient>();
    }
};

}  // namespace

KLAUDE_PLUGIN(EchoPlugin, "com.example.echo", "Echo example", "1.0.0", "klaude examples",
              "Answers with the last user message");
