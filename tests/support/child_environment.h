// The environment a test gives a child process (klaude, a peer server, a pty session): this
// process's own, with overrides applied. One definition for every launcher in the tests.
#pragma once

#include <unistd.h>  // environ (g++ defines _GNU_SOURCE)

#include <map>
#include <string>
#include <vector>

namespace klaude::testing {

// This process's environment with `overrides` applied; an override with an empty value removes
// the variable (so a test can make sure, say, KLAUDE_PLUGIN_PATH is unset).
inline std::map<std::string, std::string> environment_with(
    const std::map<std::string, std::string>& overrides) {
    std::map<std::string, std::string> vars;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        const std::string entry = *e;
        const auto eq = entry.find('=');
        if (eq != std::string::npos) {
            vars[entry.substr(0, eq)] = entry.substr(eq + 1);
        }
    }
    for (const auto& [name, value] : overrides) {
        if (value.empty()) {
            vars.erase(name);
        } else {
            vars[name] = value;
        }
    }
    return vars;
}

// "NAME=value" strings, for execve-style environments.
inline std::vector<std::string> environment_strings(
    const std::map<std::string, std::string>& vars) {
    std::vector<std::string> out;
    out.reserve(vars.size());
    for (const auto& [name, value] : vars) {
        out.push_back(name + "=" + value);
    }
    return out;
}

}  // namespace klaude::testing
