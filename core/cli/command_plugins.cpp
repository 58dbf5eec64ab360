// `klaude plugins`: what was loaded (id, version, ABI, path, providers) and what was refused
// (path and reason).
#include <iostream>

#include "core/cli/command.h"

namespace klaude::core {

namespace {

int run_plugins(App& app, const ParsedArgs& args) {
    (void)args;
    app.quiet_rejections();
    PluginRegistry& registry = app.plugins();
    std::ostream& out = std::cout;
    out << "Loaded plugins (" << registry.plugins().size() << "):\n";
    if (registry.plugins().empty()) {
        out << "  (none)\n";
    }
    for (const auto& plugin : registry.plugins()) {
        const klaude_version_t abi = plugin->abi_version();
        out << "  " << plugin->id() << " " << plugin->version() << "  (" << plugin->name()
            << ", ABI " << abi.major << "." << abi.minor << ")\n";
        out << "    path:      " << plugin->path().string() << "\n";
        out << "    providers:";
        for (const auto& provider : registry.providers()) {
            if (provider.plugin == plugin) {
                out << " " << provider.descriptor->id;
                if (provider.descriptor->auth) {
                    out << " (with login)";
                }
            }
        }
        out << "\n";
    }
    if (!registry.rejections().empty()) {
        out << "Rejected (" << registry.rejections().size() << "):\n";
        for (const auto& rejection : registry.rejections()) {
            out << "  " << rejection.path.string() << ": " << rejection.reason << "\n";
        }
    }
    return kExitOk;
}

}  // namespace

Command plugins_command() {
    Command command;
    command.name = "plugins";
    command.usage = "klaude plugins [options]";
    command.summary = "list loaded plugins and the files that were refused";
    command.details =
        "Plugins are searched in every --plugin-dir, then KLAUDE_PLUGIN_PATH, then the\n"
        "plugin directory next to the klaude binary (../lib/klaude/plugins).\n";
    command.run = &run_plugins;
    return command;
}

}  // namespace klaude::core
