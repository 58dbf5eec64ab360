#include "core/mcp/tool_names.h"

#include <cctype>
#include <cstdint>
#include <cstdio>

namespace klaude::core::mcp {

namespace {

std::string sanitize(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') {
            c = '_';
        }
    }
    return out;
}

// FNV-1a, 32 bits: stable across runs, platforms and builds.
uint32_t fnv1a(std::string_view text) {
    uint32_t hash = 2166136261u;
    for (char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 16777619u;
    }
    return hash;
}

}  // namespace

std::string mcp_tool_name(std::string_view server, std::string_view tool) {
    std::string name = "mcp__" + sanitize(server) + "__" + sanitize(tool);
    if (name.size() <= kMaxToolNameChars) {
        return name;
    }
    // The hash covers the original names, so two long tools that sanitize alike still differ.
    std::string original(server);
    original += '\0';
    original.append(tool);
    char suffix[10];
    std::snprintf(suffix, sizeof suffix, "_%08x", fnv1a(original));
    return name.substr(0, kMaxToolNameChars - 9) + suffix;
}

}  // namespace klaude::core::mcp
