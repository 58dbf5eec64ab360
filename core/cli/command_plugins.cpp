// `klaude plugins [--json] [--check FILE]`: what was loaded (id, version, ABI, path, providers
// and their models) and what was refused (path and reason). --json prints the same as one
// JSON document (schema "klaude.plugins/1", docs/plugins-json.md); --check loads only FILE and
// says whether klaude would accept it, and why not.
#include <iostream>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "core/cli/command.h"
#include "core/plugin/plugin_search_path.h"

namespace klaude::core {

namespace {

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void write_string(JsonWriter& w, const char* key, const std::string& value) {
    w.Key(key);
    w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void write_version(JsonWriter& w, const char* key, klaude_version_t v) {
    w.Key(key);
    w.StartObject();
    w.Key("major");
    w.Uint(v.major);
    w.Key("minor");
    w.Uint(v.minor);
    w.Key("patch");
    w.Uint(v.patch);
    w.EndObject();
}

void write_provider(JsonWriter& w, const ProviderDescriptor& p) {
    w.StartObject();
    write_string(w, "id", p.id);
    write_string(w, "display_name", p.display_name);
    write_string(w, "protocol", p.protocol);
    write_string(w, "description", p.description);
    w.Key("has_login");
    w.Bool(p.auth.has_value());
    w.Key("models");
    w.StartArray();
    for (const ModelDescriptor& m : p.models) {
        w.StartObject();
        write_string(w, "id", m.id);
        write_string(w, "display_name", m.display_name);
        w.Key("context_window");
        w.Uint(m.context_window);
        w.Key("max_output_tokens");
        w.Uint(m.max_output_tokens);
        w.Key("capabilities");
        w.StartArray();
        if (m.capabilities & KLAUDE_MODEL_REASONING)
            w.String("reasoning");
        if (m.capabilities & KLAUDE_MODEL_TOOLS)
            w.String("tools");
        if (m.capabilities & KLAUDE_MODEL_IMAGES)
            w.String("images");
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
}

std::string to_json(const PluginRegistry& registry,
                    const std::vector<std::filesystem::path>* dirs) {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.SetIndent(' ', 2);
    w.StartObject();
    write_string(w, "schema", "klaude.plugins/1");
    write_version(w, "host_abi", kHostAbiVersion);
    if (dirs != nullptr) {
        w.Key("search_path");
        w.StartArray();
        for (const auto& dir : *dirs) {
            w.String(dir.string().c_str());
        }
        w.EndArray();
    }
    w.Key("plugins");
    w.StartArray();
    for (const auto& plugin : registry.plugins()) {
        w.StartObject();
        write_string(w, "id", plugin->id());
        write_string(w, "name", plugin->name());
        write_string(w, "version", plugin->version());
        write_version(w, "abi", plugin->abi_version());
        write_string(w, "path", plugin->path().string());
        w.Key("providers");
        w.StartArray();
        for (const auto& provider : registry.providers()) {
            if (provider.plugin == plugin) {
                write_provider(w, *provider.descriptor);
            }
        }
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
    w.Key("rejected");
    w.StartArray();
    for (const auto& rejection : registry.rejections()) {
        w.StartObject();
        write_string(w, "path", rejection.path.string());
        write_string(w, "reason", rejection.reason);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

void print_text(const PluginRegistry& registry) {
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
}

int run_check(App& app, const std::string& file, bool json) {
    PluginRegistry& registry = app.plugins_for_check(file);
    if (json) {
        std::cout << to_json(registry, nullptr);
    } else if (registry.plugins().empty()) {
        const std::string reason =
            registry.rejections().empty() ? "not loaded" : registry.rejections().front().reason;
        std::cout << file << ": rejected: " << reason << "\n";
    } else {
        const auto& plugin = registry.plugins().front();
        const klaude_version_t abi = plugin->abi_version();
        std::cout << file << ": ok: " << plugin->id() << " " << plugin->version() << " (ABI "
                  << abi.major << "." << abi.minor << "), providers:";
        for (const auto& provider : registry.providers()) {
            std::cout << " " << provider.descriptor->id;
        }
        std::cout << "\n";
    }
    return registry.plugins().empty() ? kExitFailure : kExitOk;
}

int run_plugins(App& app, const ParsedArgs& args) {
    if (!args.positionals().empty()) {
        throw UsageError("unexpected argument '" + args.positionals().front() + "'");
    }
    if (auto file = args.value("check")) {
        return run_check(app, *file, args.has("json"));
    }
    app.quiet_rejections();
    PluginRegistry& registry = app.plugins();
    if (args.has("json")) {
        const auto dirs = app.plugin_search_path();
        std::cout << to_json(registry, &dirs);
    } else {
        print_text(registry);
    }
    return kExitOk;
}

}  // namespace

Command plugins_command() {
    Command command;
    command.name = "plugins";
    command.usage = "klaude plugins [--json] [--check FILE] [options]";
    command.summary = "list loaded plugins and the files that were refused";
    command.details =
        "Plugins are searched in every --plugin-dir, then KLAUDE_PLUGIN_PATH, then the\n"
        "plugin directory next to the klaude binary (../lib/klaude/plugins). New or changed\n"
        "files are first loaded in a child process (KLAUDE_PLUGIN_SCAN=0 turns that off).\n";
    command.options = {
        {"json", 0, false, "", "print JSON (schema klaude.plugins/1, docs/plugins-json.md)"},
        {"check", 0, true, "FILE", "load only FILE and say whether klaude accepts it"},
    };
    command.run = &run_plugins;
    return command;
}

}  // namespace klaude::core
