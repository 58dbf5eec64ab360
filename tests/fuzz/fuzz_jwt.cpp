// The JWT decoder, three ways: the input as a token (and, split at the first newline, as an
// access token and an id token), and the input as the JSON payload of a well-formed token.
// Only JwtError may come out; base64url must round-trip.
#include <cstdint>
#include <string>

#include "plugins/codex/auth/base64url.h"
#include "plugins/codex/auth/jwt.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using klaude::codex::JwtError;
using klaude::codex::JwtErrorKind;

void read_token(std::string_view token) {
    try {
        klaude::codex::read_jwt_claims(token);
    } catch (const JwtError&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input = klaude::fuzz::as_text(data, size);

    read_token(input);

    const size_t newline = input.find('\n');
    if (newline != std::string_view::npos) {
        try {
            const auto identity = klaude::codex::identity_from_tokens(input.substr(0, newline),
                                                                      input.substr(newline + 1));
            KLAUDE_FUZZ_CHECK(!identity.account_id.empty());
        } catch (const JwtError&) {
        }
    }

    // The input as a payload: the token is well-formed, so only kNotJson may be thrown.
    const std::string encoded = klaude::codex::base64url_encode(input);
    KLAUDE_FUZZ_CHECK(klaude::codex::base64url_decode(encoded) == input);
    const std::string token = "eyJhbGciOiJSUzI1NiJ9." + encoded + ".c2ln";
    try {
        klaude::codex::read_jwt_claims(token);
    } catch (const JwtError& e) {
        KLAUDE_FUZZ_CHECK(e.kind() == JwtErrorKind::kNotJson ||
                          (input.empty() && e.kind() == JwtErrorKind::kMalformed));
    }
    return 0;
}
