#include "plugins/codex/auth/callback_pages.h"

namespace klaude::codex {
namespace {

std::string page(const std::string& title, const std::string& body_html) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           "<title>" +
           title +
           "</title><style>body{font-family:system-ui,sans-serif;max-width:36em;margin:4em "
           "auto;padding:0 1em;line-height:1.5}</style></head><body>" +
           body_html + "</body></html>\n";
}

}  // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string success_page() {
    return page("Signed in to klaude",
                "<h1>Signed in to klaude</h1><p>You can close this tab and return to the "
                "terminal.</p>");
}

std::string error_page(const std::string& title, const std::string& message) {
    return page(html_escape(title), "<h1>" + html_escape(title) + "</h1><p>" +
                                        html_escape(message) +
                                        "</p><p>Return to the terminal for details.</p>");
}

}  // namespace klaude::codex
