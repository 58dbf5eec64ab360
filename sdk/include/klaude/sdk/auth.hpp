// klaude C++ SDK: base class for auth providers (the `klaude auth …` hook).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "klaude/abi/auth.h"
#include "klaude/sdk/error.hpp"

namespace klaude::sdk {

struct AuthStatus {
    klaude_auth_state_t state = KLAUDE_AUTH_NOT_LOGGED_IN;
    int64_t expires_at = 0;   // epoch seconds, 0 = unknown
    std::string account;      // already masked
    std::string plan;
    std::string email;
    std::string detail;
};

class AuthProvider {
public:
    AuthProvider() noexcept {
        c_.struct_size = sizeof c_;
        c_.data = this;
        c_.login = [](klaude_auth_t* self, const char* options, char* err, size_t cap) noexcept {
            return detail::guarded(err, cap, [&] { me(self)->login(options ? options : "{}"); });
        };
        c_.logout = [](klaude_auth_t* self, const char* options, char* err, size_t cap) noexcept {
            return detail::guarded(err, cap, [&] { me(self)->logout(options ? options : "{}"); });
        };
        c_.status = [](klaude_auth_t* self, klaude_auth_status_t* out, char* err,
                       size_t cap) noexcept {
            if (out == nullptr) {
                write_message(err, cap, "status: NULL output");
                return static_cast<klaude_status_t>(KLAUDE_ERROR_INVALID_ARGUMENT);
            }
            return detail::guarded(err, cap, [&] { fill(me(self)->status(), out); });
        };
        c_.destroy = [](klaude_auth_t* self) noexcept { delete me(self); };
    }
    virtual ~AuthProvider() = default;
    AuthProvider(const AuthProvider&) = delete;
    AuthProvider& operator=(const AuthProvider&) = delete;

    // Options arrive as the JSON object the host built from the declared options.
    virtual void login(std::string_view options_json) = 0;
    virtual void logout(std::string_view options_json) = 0;
    virtual AuthStatus status() = 0;

    static klaude_auth_t* release_to_c(std::unique_ptr<AuthProvider> auth) noexcept {
        return auth ? &auth.release()->c_ : nullptr;
    }

private:
    static AuthProvider* me(klaude_auth_t* self) { return static_cast<AuthProvider*>(self->data); }

    template <size_t N>
    static void copy(char (&dst)[N], const std::string& src) noexcept {
        write_message(dst, N, src);
    }
    static void fill(const AuthStatus& s, klaude_auth_status_t* out) noexcept {
        // Write only what the host's struct has room for.
        const size_t size = out->struct_size;
#define KLAUDE_SDK_FITS(field) (size >= offsetof(klaude_auth_status_t, field) + sizeof(out->field))
        if (KLAUDE_SDK_FITS(state)) out->state = s.state;
        if (KLAUDE_SDK_FITS(expires_at)) out->expires_at = s.expires_at;
        if (KLAUDE_SDK_FITS(account)) copy(out->account, s.account);
        if (KLAUDE_SDK_FITS(plan)) copy(out->plan, s.plan);
        if (KLAUDE_SDK_FITS(email)) copy(out->email, s.email);
        if (KLAUDE_SDK_FITS(detail)) copy(out->detail, s.detail);
#undef KLAUDE_SDK_FITS
    }

    klaude_auth_t c_{};
};

}  // namespace klaude::sdk
