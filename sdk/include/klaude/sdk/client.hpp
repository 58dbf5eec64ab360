// klaude C++ SDK: base class for LLM clients. Subclass, override stream(), and return an
// instance from Plugin::create_client. The C vtable (klaude_client_t) lives inside the object.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "klaude/abi/client.h"
#include "klaude/sdk/error.hpp"
#include "klaude/sdk/event_sink.hpp"

namespace klaude::sdk {

class LlmClient {
public:
    LlmClient() noexcept {
        c_.struct_size = sizeof c_;
        c_.data = this;
        c_.stream = &LlmClient::stream_trampoline;
        c_.cancel = &LlmClient::cancel_trampoline;
        c_.destroy = &LlmClient::destroy_trampoline;
        c_.list_models = &LlmClient::list_models_trampoline;
    }
    virtual ~LlmClient() = default;
    LlmClient(const LlmClient&) = delete;
    LlmClient& operator=(const LlmClient&) = delete;

    // Sends the provider-neutral request (klaude/abi/client.h) and streams events into `sink`
    // until the response completes. Throw klaude::sdk::Error on failure.
    virtual void stream(std::string_view request_json, const EventSink& sink) = 0;

    // [thread-safe] Makes a running stream() or list_models() stop soon and throw
    // Error(KLAUDE_ERROR_CANCELLED).
    virtual void cancel() noexcept {}

    // [main-thread, never during stream] The models the server offers now, as a catalog JSON
    // document (docs/plugin-authoring.md, "The model catalog"), fetched within `timeout`.
    // Throw Error(KLAUDE_ERROR_TIMEOUT) past it, KLAUDE_ERROR_NOT_LOGGED_IN without
    // credentials. The default says the provider cannot list models: the host then uses the
    // descriptor's static catalog.
    virtual std::string list_models(std::chrono::milliseconds timeout) {
        (void)timeout;
        throw Error(KLAUDE_ERROR_UNSUPPORTED, "this provider cannot list its models");
    }

    // Hands ownership to the C side: the host frees it with destroy().
    static klaude_client_t* release_to_c(std::unique_ptr<LlmClient> client) noexcept {
        return client ? &client.release()->c_ : nullptr;
    }

private:
    static klaude_status_t stream_trampoline(klaude_client_t* self, const char* request,
                                             size_t request_size, const klaude_sink_t* sink,
                                             char* err, size_t err_capacity) noexcept {
        if (self == nullptr || request == nullptr) {
            write_message(err, err_capacity, "stream: NULL client or request");
            return KLAUDE_ERROR_INVALID_ARGUMENT;
        }
        auto* me = static_cast<LlmClient*>(self->data);
        return detail::guarded(err, err_capacity, [&] {
            me->stream(std::string_view(request, request_size), EventSink(sink));
        });
    }
    static klaude_status_t list_models_trampoline(klaude_client_t* self,
                                                  const klaude_catalog_request_t* request,
                                                  char* err, size_t err_capacity) noexcept {
        if (self == nullptr || request == nullptr || request->on_catalog == nullptr ||
            request->struct_size < offsetof(klaude_catalog_request_t, on_catalog) +
                                       sizeof(request->on_catalog)) {
            write_message(err, err_capacity, "list_models: NULL client or bad request");
            return KLAUDE_ERROR_INVALID_ARGUMENT;
        }
        auto* me = static_cast<LlmClient*>(self->data);
        return detail::guarded(err, err_capacity, [&] {
            const std::string catalog =
                me->list_models(std::chrono::milliseconds(request->timeout_ms > 0 ? request->timeout_ms : 1));
            request->on_catalog(request, catalog.data(), catalog.size());
        });
    }
    static void cancel_trampoline(klaude_client_t* self) noexcept {
        if (self != nullptr) {
            static_cast<LlmClient*>(self->data)->cancel();
        }
    }
    static void destroy_trampoline(klaude_client_t* self) noexcept {
        if (self != nullptr) {
            delete static_cast<LlmClient*>(self->data);
        }
    }

    klaude_client_t c_{};
};

}  // namespace klaude::sdk
