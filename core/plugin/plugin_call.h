// Calls into plugin code with an error buffer the host can trust: the plugin gets `capacity`
// bytes, followed by a guard zone the host checks afterwards. A plugin that writes past its
// capacity, forgets the terminator, or throws a C++ exception through the C ABI is caught here
// and reported instead of corrupting the host.
#pragma once

#include <array>
#include <cstring>
#include <string>

#include "klaude/abi/status.h"

namespace klaude::core {

class PluginErrorBuffer {
  public:
    static constexpr size_t kCapacity = 1024;

    PluginErrorBuffer() {
        storage_.fill(kGuardByte);
        storage_[0] = '\0';
    }
    char* data() { return storage_.data(); }
    size_t capacity() const { return kCapacity; }

    // True when the plugin stayed inside its capacity.
    bool guard_intact() const {
        for (size_t i = kCapacity; i < storage_.size(); ++i) {
            if (storage_[i] != kGuardByte) {
                return false;
            }
        }
        return true;
    }
    // The message, bounded by the capacity even when the plugin forgot the terminator.
    std::string message() const {
        return std::string(storage_.data(), strnlen(storage_.data(), kCapacity));
    }

  private:
    static constexpr char kGuardByte = '\x5A';
    std::array<char, kCapacity + 64> storage_{};
};

struct PluginCallResult {
    klaude_status_t status = KLAUDE_ERROR;
    std::string message;  // empty on success
};

// Runs `call(err, capacity)` (which returns a klaude_status_t) and turns every way a plugin can
// misbehave into a result with a message.
template <typename Call>
PluginCallResult call_plugin(const char* what, Call&& call) noexcept {
    PluginErrorBuffer buffer;
    PluginCallResult result;
    try {
        result.status = call(buffer.data(), buffer.capacity());
    } catch (...) {
        result.status = KLAUDE_ERROR;
        result.message = std::string(what) + " threw an exception across the C ABI";
        return result;
    }
    if (!buffer.guard_intact()) {
        result.status = result.status == KLAUDE_OK ? KLAUDE_ERROR : result.status;
        result.message = std::string(what) + " wrote past the end of its error buffer";
        return result;
    }
    if (result.status != KLAUDE_OK) {
        result.message = buffer.message();
        if (result.message.empty()) {
            result.message =
                std::string(what) + " failed (" + klaude_status_name(result.status) + ")";
        }
    }
    return result;
}

}  // namespace klaude::core
