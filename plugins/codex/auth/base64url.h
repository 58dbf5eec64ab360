// base64url without padding (RFC 4648 §5), the alphabet of JWT segments and PKCE values.
// Poco does the coding; this only fixes the options and the padding rules in one place.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace klaude::codex {

std::string base64url_encode(std::string_view bytes);

// Accepts input with or without '=' padding. Throws std::invalid_argument on characters
// outside the alphabet or an impossible length.
std::string base64url_decode(std::string_view text);

}  // namespace klaude::codex
