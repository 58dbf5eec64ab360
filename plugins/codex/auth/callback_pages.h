// The small HTML pages the callback server shows in the browser.
#pragma once

#include <string>
#include <string_view>

namespace klaude::codex {

// & < > " ' escaped: text from the sign-in server never reaches a page raw.
std::string html_escape(std::string_view text);

std::string success_page();
// `message` is plain text; it is escaped here.
std::string error_page(const std::string& title, const std::string& message);

}  // namespace klaude::codex
