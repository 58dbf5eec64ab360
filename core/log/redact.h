// Removes secrets from text before it reaches a log: bearer tokens, API keys, JWTs, cookies and
// the values of token-like JSON fields and form parameters. Used by the logger on every line, so
// a careless debug message still cannot leak a credential.
#pragma once

#include <string>
#include <string_view>

namespace klaude::core {

std::string redact_secrets(std::string_view text);

// "4f2a9c1e-…" -> "4f2a9c1e…": the first 8 characters of an account id and an ellipsis.
std::string mask_account_id(std::string_view id);

}  // namespace klaude::core
