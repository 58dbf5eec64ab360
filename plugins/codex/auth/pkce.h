// PKCE (RFC 7636, method S256) and the OAuth `state`, from OpenSSL's CSPRNG.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace klaude::codex {

// `count` bytes from OpenSSL's RAND_bytes. Throws std::runtime_error if it fails.
std::string random_bytes(size_t count);

struct PkceCodes {
    std::string verifier;   // base64url of 64 random bytes: 86 characters
    std::string challenge;  // base64url(SHA-256(verifier))
};

PkceCodes generate_pkce();

// base64url(SHA-256(verifier)), the S256 transformation.
std::string s256_challenge(std::string_view verifier);

// base64url of 32 random bytes: binds the callback to this login attempt.
std::string generate_state();

}  // namespace klaude::codex
