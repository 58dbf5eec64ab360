#include "plugins/codex/auth/pkce.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>

#include "plugins/codex/auth/base64url.h"

namespace klaude::codex {

std::string random_bytes(size_t count) {
    std::string bytes(count, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1) {
        throw std::runtime_error("the system random generator failed");
    }
    return bytes;
}

std::string s256_challenge(std::string_view verifier) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(verifier.data(), verifier.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("SHA-256 failed");
    }
    return base64url_encode(std::string_view(reinterpret_cast<const char*>(digest), length));
}

PkceCodes generate_pkce() {
    PkceCodes codes;
    codes.verifier = base64url_encode(random_bytes(64));
    codes.challenge = s256_challenge(codes.verifier);
    return codes;
}

std::string generate_state() {
    return base64url_encode(random_bytes(32));
}

}  // namespace klaude::codex
