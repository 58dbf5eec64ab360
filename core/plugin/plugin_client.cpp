#include "core/plugin/plugin_client.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/plugin/plugin_call.h"
#include "core/plugin/stream_contract.h"

namespace klaude::core {

namespace {

constexpr size_t kClientV1Size = offsetof(klaude_client_t, destroy) + sizeof(void*);
constexpr size_t kClientV11Size = offsetof(klaude_client_t, list_models) + sizeof(void*);
// A catalog is a few hundred KB at most; more is a broken or hostile server.
constexpr size_t kMaxCatalogBytes = 8 << 20;

struct SinkState {
    const PluginClient::EventCallback* callback;
    PluginClient* client;
    std::exception_ptr failure;
    StreamContract contract;
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
        const auto type = static_cast<klaude_event_type_t>(event->type);
        const std::string_view data(event->data == nullptr ? "" : event->data, event->size);
        state->contract.observe(type, data);
        (*state->callback)(type, data);
    } catch (...) {
        // Never let a host exception unwind through plugin frames: park it and cancel.
        state->failure = std::current_exception();
        state->client->cancel();
    }
}

struct CatalogState {
    std::string json;
    bool delivered = false;
    bool too_large = false;
};

void on_catalog(const klaude_catalog_request_t* request, const char* json, size_t size) noexcept {
    auto* state = static_cast<CatalogState*>(request->data);
    if (state == nullptr || (json == nullptr && size != 0)) {
        return;
    }
    if (size > kMaxCatalogBytes) {
        state->too_large = true;
        return;
    }
    try {
        state->json.assign(json == nullptr ? "" : json, size);
        state->delivered = true;
    } catch (...) {
        state->too_large = true;  // out of memory: treat like an oversized answer
    }
}

// Cancels `client` if the call it guards is still running at the deadline, so a plugin that
// ignores the timeout it was given still cannot hold the host up.
class Watchdog {
  public:
    Watchdog(PluginClient& client, std::chrono::milliseconds after)
        : thread_([this, &client, after] {
              std::unique_lock<std::mutex> lock(mutex_);
              if (!cv_.wait_for(lock, after, [this] { return done_; })) {
                  fired_ = true;
                  lock.unlock();
                  client.cancel();
              }
          }) {}
    ~Watchdog() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            done_ = true;
        }
        cv_.notify_all();
        thread_.join();
    }
    bool fired() {
        std::lock_guard<std::mutex> lock(mutex_);
        return fired_;
    }

  private:
    std::mutex mutex_;
    std::condition_variable cv_;
    bool done_ = false;
    bool fired_ = false;
    std::thread thread_;
};

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
    SinkState state{&callback, this, nullptr, {}};
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
    if (auto broken = state.contract.violation()) {
        throw PluginError(KLAUDE_ERROR_PROTOCOL,
                          "plugin " + plugin_->id() + " broke the ABI contract: " + *broken +
                              "; report it to the plugin's author",
                          "plugin_contract");
    }
}

bool PluginClient::can_list_models() const {
    return client_->struct_size >= kClientV11Size && client_->list_models != nullptr;
}

std::string PluginClient::list_models(std::chrono::milliseconds timeout) {
    if (!can_list_models()) {
        throw PluginError(KLAUDE_ERROR_UNSUPPORTED,
                          "plugin " + plugin_->id() + " cannot list models (ABI 1.0)");
    }
    CatalogState state;
    klaude_catalog_request_t request{};
    request.struct_size = sizeof request;
    request.timeout_ms = static_cast<int32_t>(std::max<int64_t>(1, timeout.count()));
    request.data = &state;
    request.on_catalog = &on_catalog;
    PluginCallResult result;
    bool overran = false;
    {
        // A grace period past the plugin's own deadline, for its timeout message to win.
        Watchdog watchdog(*this, timeout + std::chrono::milliseconds(250));
        result = call_plugin("list_models", [&](char* err, size_t capacity) {
            return client_->list_models(client_, &request, err, capacity);
        });
        overran = watchdog.fired();
    }
    if (overran && result.status != KLAUDE_OK) {
        throw PluginError(KLAUDE_ERROR_TIMEOUT,
                          "no answer within " + std::to_string(timeout.count()) + " ms");
    }
    if (result.status != KLAUDE_OK) {
        throw PluginError(result.status, result.message);
    }
    if (state.too_large) {
        throw PluginError(
            KLAUDE_ERROR_PROTOCOL,
            "the catalog is larger than " + std::to_string(kMaxCatalogBytes >> 20) + " MiB");
    }
    if (!state.delivered) {
        throw PluginError(KLAUDE_ERROR_PROTOCOL,
                          "plugin " + plugin_->id() + " returned no catalog from list_models");
    }
    return std::move(state.json);
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
