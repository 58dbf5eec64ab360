#include "plugins/codex/codex_identity.h"

#include <sys/utsname.h>

#include <cctype>
#include <cstdlib>
#include <fstream>

namespace klaude::codex {

namespace {

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

std::string unquote(std::string value) {
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
        value = value.substr(1, value.size() - 2);
    }
    return value;
}

// "12" -> "12.0.0", "22.04" -> "22.4.0": the semantic-version form the Codex CLI prints.
std::string semantic_version(const std::string& version) {
    std::string out;
    size_t parts = 0;
    size_t i = 0;
    while (i < version.size() && parts < 3) {
        size_t j = i;
        while (j < version.size() && std::isdigit(static_cast<unsigned char>(version[j]))) {
            ++j;
        }
        if (j == i) {
            break;
        }
        out += (parts == 0 ? "" : ".") + std::to_string(std::strtoul(version.substr(i, j - i).c_str(), nullptr, 10));
        ++parts;
        i = j < version.size() && version[j] == '.' ? j + 1 : version.size();
    }
    if (parts == 0) {
        return "";
    }
    for (; parts < 3; ++parts) {
        out += ".0";
    }
    return out;
}

// Visible ASCII only (RFC 9110 field values); anything else would make the request invalid.
std::string header_safe(const std::string& text) {
    std::string out;
    for (char c : text) {
        out += (c >= 0x20 && c < 0x7f) ? c : '_';
    }
    return out;
}

}  // namespace

PlatformInfo current_platform() {
    PlatformInfo info;
    std::ifstream release("/etc/os-release");
    std::string line;
    while (std::getline(release, line)) {
        if (line.rfind("NAME=", 0) == 0) {
            std::string name = unquote(line.substr(5));
            info.os_name = name.substr(0, name.find(' '));
        } else if (line.rfind("VERSION_ID=", 0) == 0) {
            info.os_version = semantic_version(unquote(line.substr(11)));
        }
    }
    struct utsname uts {};
    if (::uname(&uts) == 0) {
        if (info.os_name.empty()) {
            info.os_name = uts.sysname;
        }
        info.arch = uts.machine;
    }
    if (info.os_name.empty()) {
        info.os_name = "Unknown";
    }
    if (info.os_version.empty()) {
        info.os_version = "unknown";
    }
    if (info.arch.empty()) {
        info.arch = "unknown";
    }
    const std::string program = env("TERM_PROGRAM");
    const std::string program_version = env("TERM_PROGRAM_VERSION");
    if (!program.empty()) {
        info.terminal = program_version.empty() ? program : program + "/" + program_version;
    } else if (!env("TERM").empty()) {
        info.terminal = env("TERM");
    } else {
        info.terminal = "unknown";
    }
    return info;
}

std::string codex_user_agent(const std::string& originator, const std::string& version,
                             const PlatformInfo& platform) {
    return header_safe(originator + "/" + version + " (" + platform.os_name + " " +
                       platform.os_version + "; " + platform.arch + ") " + platform.terminal);
}

std::string user_agent_for(const CodexSettings& settings) {
    if (!settings.user_agent.empty()) {
        return header_safe(settings.user_agent);
    }
    return codex_user_agent(settings.originator, settings.client_version, current_platform());
}

}  // namespace klaude::codex
