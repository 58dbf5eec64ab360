// klaude C++ SDK: errors. Throw klaude::sdk::Error from any SDK hook; the trampolines turn it
// (and any other exception) into a status code and a message, so nothing crosses the C ABI.
#pragma once

#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

#include "klaude/abi/status.h"

namespace klaude::sdk {

class Error : public std::runtime_error {
public:
    Error(klaude_status_t status, const std::string& message)
        : std::runtime_error(message), status_(status) {}
    klaude_status_t status() const noexcept { return status_; }

private:
    klaude_status_t status_;
};

// Copies `message` into an ABI error buffer, truncating (at a UTF-8 boundary) to fit.
inline void write_message(char* out, size_t capacity, std::string_view message) noexcept {
    if (out == nullptr || capacity == 0) {
        return;
    }
    size_t n = message.size() < capacity - 1 ? message.size() : capacity - 1;
    // Do not cut a multi-byte UTF-8 sequence in half.
    if (n < message.size()) {
        while (n > 0 && (static_cast<unsigned char>(message[n]) & 0xC0) == 0x80) {
            --n;
        }
    }
    std::memcpy(out, message.data(), n);
    out[n] = '\0';
}

namespace detail {

// Runs `fn` and converts every exception into a status + message. Used by all trampolines.
template <typename Fn>
klaude_status_t guarded(char* err, size_t err_capacity, Fn&& fn) noexcept {
    try {
        fn();
        return KLAUDE_OK;
    } catch (const Error& e) {
        write_message(err, err_capacity, e.what());
        return e.status() == KLAUDE_OK ? KLAUDE_ERROR : e.status();
    } catch (const std::exception& e) {
        write_message(err, err_capacity, std::string("internal error: ") + e.what());
        return KLAUDE_ERROR;
    } catch (...) {
        write_message(err, err_capacity, "internal error: unknown exception");
        return KLAUDE_ERROR;
    }
}

}  // namespace detail
}  // namespace klaude::sdk
