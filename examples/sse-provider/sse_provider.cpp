// A provider for a simple server-sent-events API, in a page of code thanks to
// klaude::sdk_support: it POSTs the request JSON to a URL, streams each `data:` of the answer
// to klaude as text, and ends at `event: done`. The URL comes from the provider's config
// ("base_url") or from $KLAUDE_SSE_EXAMPLE_URL.
#include <cstdlib>
#include <memory>
#include <string>

#include "klaude/sdk.hpp"
#include "klaude/support/http_stream.h"
#include "klaude/support/sse_parser.h"

namespace {

using klaude::sdk::Error;
using klaude::sdk::EventSink;

// Forwards `data:` lines as text until `event: done`.
class AnswerHandler : public klaude::support::SseParser::Handler {
  public:
    explicit AnswerHandler(const EventSink& sink) : sink_(sink) {}
    void on_event(const klaude::support::SseEvent& event) override {
        if (event.type == "done") {
            done_ = true;
        } else if (!done_) {
            sink_.text_delta(event.data);
        }
    }
    bool done() const { return done_; }

  private:
    const EventSink& sink_;
    bool done_ = false;
};

class SseClient : public klaude::sdk::LlmClient {
  public:
    explicit SseClient(std::string url)
        : url_(std::move(url)), cancel_(std::make_shared<klaude::support::CancelSignal>()) {}

    void stream(std::string_view request, const EventSink& sink) override {
        if (url_.empty()) {
            throw Error(KLAUDE_ERROR_INVALID_ARGUMENT,
                        "no URL: set base_url in the config or KLAUDE_SSE_EXAMPLE_URL");
        }
        cancel_->reset();
        klaude::support::HttpStream http(klaude::support::HttpOptions{}, cancel_);
        const int status =
            http.post(url_, {{"Content-Type", "application/json"}, {"Accept", "text/event-stream"}},
                      std::string(request));
        if (status != 200) {
            throw Error(KLAUDE_ERROR_SERVER, "the server answered HTTP " + std::to_string(status));
        }
        AnswerHandler handler(sink);
        klaude::support::SseParser parser;
        for (std::string_view chunk = http.read_some(); !chunk.empty() && !handler.done();
             chunk = http.read_some()) {
            parser.feed(chunk, handler);
            sink.flush();  // once per network read
        }
        parser.finish(handler);
        if (!handler.done()) {
            throw Error(KLAUDE_ERROR_NETWORK, "the stream ended before its done event");
        }
        sink.completed(R"({"status":"completed"})");
    }

    void cancel() noexcept override { cancel_->cancel(); }

  private:
    std::string url_;
    std::shared_ptr<klaude::support::CancelSignal> cancel_;
};

// "base_url" from the provider's config JSON (a plain search keeps the example small; a real
// plugin would use a JSON parser).
std::string base_url(std::string_view config) {
    const std::string key = "\"base_url\":\"";
    const auto at = config.find(key);
    if (at == std::string_view::npos) {
        const char* env = std::getenv("KLAUDE_SSE_EXAMPLE_URL");
        return env != nullptr ? env : "";
    }
    const auto start = at + key.size();
    return std::string(config.substr(start, config.find('"', start) - start));
}

class SsePlugin : public klaude::sdk::Plugin {
  public:
    explicit SsePlugin(klaude::sdk::Host host) : Plugin(host) {
        add_provider({"sse",
                      "SSE example",
                      "example-sse",
                      "Streams text from an SSE endpoint",
                      {{"sse-1", "SSE example model", 8192, 1024, 0}}});
    }
    std::unique_ptr<klaude::sdk::LlmClient> create_client(const std::string&,
                                                          std::string_view config) override {
        return std::make_unique<SseClient>(base_url(config));
    }
};

}  // namespace

KLAUDE_PLUGIN(SsePlugin, "com.example.sse", "SSE example", "1.0.0", "Example Inc.",
              "A provider for a simple SSE API, built on klaude::sdk_support");
