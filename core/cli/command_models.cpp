// `klaude models [PROVIDER] [--refresh] [--all] [--json]`: the models each configured provider
// offers, from its catalog (core/catalog: the cache, the server, or the plugin's list), with
// context window and reasoning levels; hidden models with --all. JSON: docs/models-json.md.
#include <ctime>
#include <iostream>

#include "core/catalog/catalog_json.h"
#include "core/cli/command.h"
#include "core/cli/model_choice.h"
#include "core/cli/model_table.h"

namespace klaude::core {

namespace {

std::string source_text(const ProviderCatalog& catalog) {
    const int64_t now = static_cast<int64_t>(std::time(nullptr));
    switch (catalog.source) {
        case CatalogSource::kServer:
            return "from the server just now";
        case CatalogSource::kCache:
            return "cached, fetched " + age_text(catalog.fetched_at, now);
        case CatalogSource::kStaleCache:
            return "cached, fetched " + age_text(catalog.fetched_at, now) + " (not refreshed)";
        case CatalogSource::kPlugin:
            return "the plugin's built-in list";
    }
    return "";
}

void print_text(const ProviderConfig& provider, const ProviderCatalog& catalog, bool all,
                const std::string& default_id) {
    std::cout << provider.id << " (" << provider.protocol << "), " << source_text(catalog) << ":\n";
    std::vector<std::vector<std::string>> rows;
    for (const CatalogModel& m : catalog.catalog.models) {
        if (!m.listed && !all) {
            continue;
        }
        rows.push_back({m.id == default_id ? "*" : "", m.id, m.display_name,
                        context_text(m.context_window), reasoning_text(m),
                        m.listed ? "" : "hidden"});
    }
    if (rows.empty()) {
        std::cout << "  (no models)\n";
    }
    print_table(std::cout, rows, "  ");
    const size_t hidden = catalog.catalog.models.size() - catalog.catalog.listed_count();
    if (hidden > 0 && !all) {
        std::cout << "  (" << hidden << " hidden; --all shows them; they work by id)\n";
    }
}

void write_json(JsonWriter& w, const ProviderConfig& provider, const ProviderCatalog& catalog,
                const std::string& default_id) {
    w.StartObject();
    w.Key("id");
    w.String(provider.id.c_str());
    w.Key("protocol");
    w.String(provider.protocol.c_str());
    w.Key("source");
    w.String(to_string(catalog.source));
    w.Key("fetched_at");
    if (catalog.fetched_at > 0) {
        w.Int64(catalog.fetched_at);
    } else {
        w.Null();
    }
    if (!catalog.note.empty()) {
        w.Key("note");
        w.String(catalog.note.c_str());
    }
    w.Key("models");
    w.StartArray();
    for (const CatalogModel& m : catalog.catalog.models) {
        w.StartObject();
        write_catalog_model_fields(w, m);
        w.Key("default");
        w.Bool(m.id == default_id);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
}

int run_models(App& app, const ParsedArgs& args) {
    if (args.positionals().size() > 1) {
        throw UsageError("models takes at most one provider: klaude models [PROVIDER]");
    }
    const Config& config = app.config();
    std::vector<const ProviderConfig*> providers;
    if (!args.positionals().empty()) {
        providers.push_back(&app.provider(args.positionals().front()));
    } else {
        for (const ProviderConfig& p : config.providers) {
            providers.push_back(&p);
        }
    }
    const bool json = args.has("json");
    const bool refresh = args.has("refresh");
    // The model `exec` would use with no -m, marked in the lists.
    std::string default_provider, default_id;
    try {
        ModelChoice choice = choose_model(app, choose_model_spec(""));
        default_provider = choice.resolved.provider.id;
        default_id = choice.resolved.model.model_id;
    } catch (const std::exception&) {
        // No usable default: nothing to mark.
    }

    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    if (json) {
        w.StartObject();
        w.Key("schema");
        w.String("klaude.models/1");
        w.Key("providers");
        w.StartArray();
    }
    bool first = true;
    for (const ProviderConfig* provider : providers) {
        if (app.plugin_for(*provider) == nullptr && !json) {
            std::cout << (first ? "" : "\n") << provider->id << " (" << provider->protocol
                      << "): unavailable, no loaded plugin provides '" << provider->protocol
                      << "'\n";
            first = false;
            continue;
        }
        // In JSON the note is a field; on a terminal it is the usual stderr line.
        const ProviderCatalog& catalog = app.catalog(*provider, refresh, /*quiet=*/json);
        const std::string& marked = provider->id == default_provider ? default_id : std::string();
        if (json) {
            write_json(w, *provider, catalog, marked);
        } else {
            std::cout << (first ? "" : "\n");
            print_text(*provider, catalog, args.has("all"), marked);
        }
        first = false;
    }
    if (json) {
        w.EndArray();
        w.EndObject();
        std::cout << buffer.GetString() << "\n";
    }
    return kExitOk;
}

}  // namespace

Command models_command() {
    Command command;
    command.name = "models";
    command.usage = "klaude models [PROVIDER] [options]";
    command.summary = "list the models each provider offers now (live, cached, or built in)";
    command.details =
        "The list comes from the provider's server when the cached one is older than\n"
        "catalog_ttl_s (config, default 300 s), else from the cache under $KLAUDE_HOME/cache;\n"
        "when the server cannot answer within catalog_timeout_ms (default 5000 ms) the cache,\n"
        "else the plugin's built-in list is used, with a note on stderr. * marks the model\n"
        "used without -m. Hidden models are not listed (--all shows them) but work by id.\n"
        "--json: docs/models-json.md.\n";
    command.options = {
        {"refresh", 0, false, "", "ask the servers now, whatever the cache's age"},
        {"all", 0, false, "", "also list hidden models"},
        {"json", 0, false, "", "one JSON document on stdout (docs/models-json.md)"},
    };
    command.run = &run_models;
    return command;
}

}  // namespace klaude::core
