#include "core/plugin/plugin_client.h"

#include "core/plugin/plugin_call.h"

namespace klaude::core {

namespace {

constexpr size_t kClientV1Size = offsetof(klaude_client_t, destroy) + sizeof(void*);

struct SinkState {
    const PluginClient::EventCallback* callback;
    PluginClient* client;
    std::exception_ptr failure;
};

void on_event(const klaude_sink_t* sink, const klaude_event_t* event) noexcept {
    auto* state = static_cast<SinkState*>(sink->data);
    if (state->failure || event == nullptr ||
        event->struct_size < offsetof(klaude_event_t, size) + sizeof(size_t)) {
        return;
    }
    if (event->data == nullptr && event->size != 0) {
        return;  // a broken event: ignore rather than read through NULL
    }
    try {
        (*state->callback)(
            static_cast<klaude_event_type_t>(event->type),
            std::string_view(event->data == nullptr ? "" : event->data, event->size));
    } catch (...) {
        // Never let a host exception unwind through plugin frames: park it and cancel.
        state->failure = std::current_exception();
        state->client->cancel();
    }
}

}  // namespace

PluginClient::PluginClient(std::shared_ptr<LoadedPlugin> plugin, const std::string& provider_id,
                           const std::string& config_json)
    : plugin_(std::move(plugin)) {
    const klaude_provider_factory_t* factory = plugin_->provider_factory();
    klaude_client_t* created = nullptr;
    PluginCallResult result = call_plugin("create_client", [&](char* err, size_t capacity) {
        return factory->create_client(factory, provider_id.c_str(), config_json.c_str(), &created,
                                      err, capacity);
    });
    if (result.status != KLAUDE_OK) {
        throw PluginError(result.status, result.message);
    }
    if (created == nullptr || created->struct_size < kClientV1Size || created->stream == nullptr ||
        created->destroy == nullptr) {
        throw PluginError(KLAUDE_ERROR, "plugin " + plugin_->id() +
                                            " returned an invalid client for provider '" +
                                            provider_id + "'");
    }
    client_ = created;
}

PluginClient::~PluginClient() {
    if (client_ != nullptr) {
        try {
            client_->destroy(client_);
        } catch (...) {
        }
    }
}

void PluginClient::stream(std::string_view request_json, const EventCallback& callback) {
    SinkState state{&callback, this, nullptr};
    klaude_sink_t sink{};
    sink.struct_size = sizeof sink;
    sink.data = &state;
    sink.on_event = &on_event;
    PluginCallResult result = call_plugin("stream", [&](char* err, size_t capacity) {
        return client_->stream(client_, request_json.data(), request_json.size(), &sink, err,
                               capacity);
    });
    if (state.failure) {
        std::rethrow_exception(state.failure);
    }
    if (result.status != KLAUDE_OK) {
        throw PluginError(result.status, result.message);
    }
}

void PluginClient::cancel() noexcept {
    if (client_ != nullptr && client_->cancel != nullptr) {
        try {
            client_->cancel(client_);
        } catch (...) {
        }
    }
}

}  // namespace klaude::core
