// The host's handle on a client a plugin created: streams a request into a C++ callback,
// forwards cancel, destroys the client, and keeps the plugin loaded while the client lives.
#pragma once

#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/agent/model_client.h"
#include "core/plugin/loaded_plugin.h"
#include "klaude/abi/client.h"
#include "klaude/abi/events.h"

namespace klaude::core {

// A failed plugin call: the plugin's status and its one-line message.
class PluginError : public std::runtime_error {
  public:
    PluginError(klaude_status_t status, const std::string& message, std::string code = {})
        : std::runtime_error(message), status_(status), code_(std::move(code)) {}
    klaude_status_t status() const { return status_; }
    // A machine-readable reason when the host made the error itself ("plugin_contract"…);
    // empty for a plugin's own failure (its KLAUDE_EVENT_ERROR carried the code).
    const std::string& code() const { return code_; }

  private:
    klaude_status_t status_;
    std::string code_;
};

class PluginClient : public ModelClient {
  public:
    // Throws PluginError when the plugin refuses.
    PluginClient(std::shared_ptr<LoadedPlugin> plugin, const std::string& provider_id,
                 const std::string& config_json);
    ~PluginClient() override;
    PluginClient(const PluginClient&) = delete;
    PluginClient& operator=(const PluginClient&) = delete;

    // Streams `request_json`; throws PluginError on failure (the message is one line).
    // `on_event` may throw: the exception cancels the stream and is rethrown once the plugin
    // has returned, so it never unwinds through plugin frames.
    void stream(std::string_view request_json, const EventCallback& on_event) override;

    // [thread-safe] Asks a running stream to stop.
    void cancel() noexcept override;

    // Whether the client can list models live (ABI 1.1 list_models present).
    bool can_list_models() const;
    // [main-thread, never during stream] The live catalog JSON (docs/plugin-authoring.md).
    // Bounded by `timeout` even when the plugin overruns it: the client is cancelled at the
    // deadline. Throws PluginError: KLAUDE_ERROR_UNSUPPORTED when the plugin cannot list,
    // KLAUDE_ERROR_TIMEOUT past the deadline, the plugin's status otherwise.
    std::string list_models(std::chrono::milliseconds timeout);

  private:
    std::shared_ptr<LoadedPlugin> plugin_;
    klaude_client_t* client_ = nullptr;
};

}  // namespace klaude::core
