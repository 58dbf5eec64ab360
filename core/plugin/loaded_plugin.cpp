#include "core/plugin/loaded_plugin.h"

#include <dlfcn.h>
#include <link.h>

#include <cstring>
#include <regex>

#include "core/plugin/dll_import.h"
#include "core/plugin/elf_header.h"
#include "core/plugin/plugin_call.h"

namespace klaude::core {

namespace {

// The size of the v1.0 entry: every plugin of major 1 has at least these fields.
constexpr size_t kEntryV1Size = offsetof(klaude_plugin_entry_t, get_factory) + sizeof(void*);
// Anything bigger is not an entry struct but garbage.
constexpr uint32_t kMaxStructSize = 64 * 1024;
constexpr uint32_t kMaxProviders = 256;
constexpr uint32_t kMaxModels = 4096;
constexpr uint32_t kMaxOptions = 256;
constexpr size_t kMaxStringLength = 4096;
constexpr size_t kMaxCatalogLength = 4 << 20;

std::string version_string(klaude_version_t v) {
    return std::to_string(v.major) + "." + std::to_string(v.minor);
}

// Copies a plugin string, refusing NULL where required and absurd lengths.
std::string copy_string(const char* s, const std::string& what, bool required) {
    if (s == nullptr) {
        if (required) {
            throw PluginRejected(what + " is NULL");
        }
        return {};
    }
    const size_t n = strnlen(s, kMaxStringLength + 1);
    if (n > kMaxStringLength) {
        throw PluginRejected(what + " is longer than " + std::to_string(kMaxStringLength) +
                             " bytes");
    }
    return std::string(s, n);
}

void check_identifier(const std::string& id, const std::string& what) {
    static const std::regex kId(R"([a-z0-9][a-z0-9._-]{0,63})");
    if (!std::regex_match(id, kId)) {
        throw PluginRejected(what + " '" + id +
                             "' is not a valid id (lower-case letters, digits, '.', '_', '-')");
    }
}

// "…: undefined symbol: foo" out of Boost.DLL's "load() failed (dlerror system message: …)".
std::string dlopen_reason(const std::exception& e) {
    std::string what = e.what();
    const std::string marker = "dlerror system message: ";
    auto at = what.find(marker);
    if (at != std::string::npos) {
        what = what.substr(at + marker.size());
        if (!what.empty() && what.back() == ')') {
            what.pop_back();
        }
        // dlerror starts with the path, which `klaude plugins` prints anyway.
        auto colon = what.find(": ");
        if (colon != std::string::npos && what.compare(0, 1, "/") == 0) {
            what = what.substr(colon + 2);
        }
    }
    return what;
}

std::vector<OptionDescriptor> copy_options(const klaude_option_t* const* options, uint32_t count,
                                           const std::string& what) {
    std::vector<OptionDescriptor> out;
    if (count > kMaxOptions) {
        throw PluginRejected(what + " count " + std::to_string(count) + " is absurd");
    }
    if (count > 0 && options == nullptr) {
        throw PluginRejected(what + " is NULL but its count is " + std::to_string(count));
    }
    for (uint32_t i = 0; i < count; ++i) {
        const klaude_option_t* o = options[i];
        const std::string label = what + "[" + std::to_string(i) + "]";
        if (o == nullptr || o->struct_size < offsetof(klaude_option_t, help) + sizeof(void*) ||
            o->struct_size > kMaxStructSize) {
            throw PluginRejected(label + " is NULL or has a bad struct_size");
        }
        OptionDescriptor d;
        d.name = copy_string(o->name, label + ".name", true);
        if (o->type > KLAUDE_OPTION_INTEGER) {
            throw PluginRejected(label + " has unknown type " + std::to_string(o->type));
        }
        d.type = static_cast<klaude_option_type_t>(o->type);
        d.value_name = copy_string(o->value_name, label + ".value_name", false);
        d.help = copy_string(o->help, label + ".help", false);
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace

std::shared_ptr<LoadedPlugin> LoadedPlugin::load(const std::filesystem::path& path,
                                                 const klaude_host_t* host,
                                                 klaude_version_t host_abi) {
    if (std::string reason = check_elf_header(path); !reason.empty()) {
        throw PluginRejected(reason);
    }
    std::shared_ptr<LoadedPlugin> plugin(new LoadedPlugin);
    plugin->path_ = path;
    try {
        // rtld_now: an unresolved symbol is a load error now, not a crash later.
        // rtld_local: plugins never see each other's symbols. Never RTLD_DEEPBIND.
        plugin->library_.load(path.string(),
                              boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    } catch (const std::exception& e) {
        throw PluginRejected("cannot be loaded: " + dlopen_reason(e));
    }
#ifdef KLAUDE_KEEP_PLUGINS_LOADED
    // Sanitizer builds: never unmap plugin code, so leak and race reports at exit can still
    // name plugin frames. RTLD_NODELETE on the loaded library pins it.
    ::dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
#endif
    plugin->read_entry(host_abi);
    plugin->initialise(host);
    plugin->read_descriptors();
    return plugin;
}

void LoadedPlugin::read_entry(klaude_version_t host_version) {
    if (!library_.has(KLAUDE_PLUGIN_ENTRY_SYMBOL)) {
        throw PluginRejected(std::string("not a klaude plugin: no '") + KLAUDE_PLUGIN_ENTRY_SYMBOL +
                             "' symbol");
    }
    entry_ = import_data_symbol<const klaude_plugin_entry_t>(library_, KLAUDE_PLUGIN_ENTRY_SYMBOL);
    const void* address = entry_.get();

    // The symbol's size from the ELF symbol table: never read past it.
    Dl_info info{};
    void* symbol = nullptr;
    size_t symbol_size = 0;
    if (dladdr1(address, &info, &symbol, RTLD_DL_SYMENT) != 0 && symbol != nullptr) {
        symbol_size = static_cast<const ElfW(Sym)*>(symbol)->st_size;
    }
    constexpr size_t kHeader = offsetof(klaude_plugin_entry_t, struct_size) + sizeof(uint32_t);
    if (symbol_size != 0 && symbol_size < kHeader) {
        throw PluginRejected("entry symbol is " + std::to_string(symbol_size) +
                             " bytes, too small to be a klaude plugin entry");
    }

    const klaude_plugin_entry_t* e = entry_.get();
    abi_version_ = e->abi_version;
    if (e->abi_version.major != host_version.major) {
        throw PluginRejected("built for klaude plugin ABI " + version_string(e->abi_version) +
                             ", this klaude speaks ABI " + version_string(host_version) +
                             ": rebuild the plugin against the klaude " +
                             std::to_string(host_version.major) + ".x SDK");
    }
    if (e->abi_version.minor > host_version.minor) {
        throw PluginRejected("needs klaude plugin ABI " + version_string(e->abi_version) +
                             ", this klaude speaks ABI " + version_string(host_version) +
                             ": update klaude");
    }
    if (e->struct_size < kEntryV1Size || e->struct_size > kMaxStructSize) {
        throw PluginRejected("entry struct_size " + std::to_string(e->struct_size) +
                             " is invalid (ABI 1.0 entries are " + std::to_string(kEntryV1Size) +
                             " bytes)");
    }
    if (symbol_size != 0 && e->struct_size > symbol_size) {
        throw PluginRejected("entry struct_size " + std::to_string(e->struct_size) +
                             " is larger than the entry symbol (" + std::to_string(symbol_size) +
                             " bytes)");
    }
    if (e->init == nullptr || e->deinit == nullptr || e->get_factory == nullptr) {
        throw PluginRejected("entry has a NULL init, deinit or get_factory");
    }
    id_ = copy_string(e->id, "entry id", true);
    check_identifier(id_, "plugin id");
    name_ = copy_string(e->name, "entry name", false);
    version_ = copy_string(e->version, "entry version", false);
    if (name_.empty()) {
        name_ = id_;
    }
}

void LoadedPlugin::initialise(const klaude_host_t* host) {
    const klaude_plugin_entry_t* e = entry_.get();
    PluginCallResult result = call_plugin(
        "init", [&](char* err, size_t capacity) { return e->init(host, err, capacity); });
    if (result.status != KLAUDE_OK) {
        throw PluginRejected("init failed: " + result.message);
    }
    initialised_ = true;
}

void LoadedPlugin::read_descriptors() {
    const klaude_plugin_entry_t* e = entry_.get();
    const void* factory = nullptr;
    try {
        factory = e->get_factory(KLAUDE_PROVIDER_FACTORY_ID);
    } catch (...) {
        throw PluginRejected("get_factory threw an exception across the C ABI");
    }
    if (factory == nullptr) {
        throw PluginRejected(std::string("offers no providers (get_factory(\"") +
                             KLAUDE_PROVIDER_FACTORY_ID + "\") returned NULL)");
    }
    const auto* pf = static_cast<const klaude_provider_factory_t*>(factory);
    if (pf->struct_size < offsetof(klaude_provider_factory_t, create_client) + sizeof(void*) ||
        pf->struct_size > kMaxStructSize || pf->provider_count == nullptr ||
        pf->get_provider == nullptr || pf->create_client == nullptr) {
        throw PluginRejected("provider factory has a bad struct_size or a NULL function");
    }
    provider_factory_ = pf;

    const void* auth = nullptr;
    try {
        auth = e->get_factory(KLAUDE_AUTH_FACTORY_ID);
    } catch (...) {
        throw PluginRejected("get_factory threw an exception across the C ABI");
    }
    if (auth != nullptr) {
        const auto* af = static_cast<const klaude_auth_factory_t*>(auth);
        if (af->struct_size < offsetof(klaude_auth_factory_t, create) + sizeof(void*) ||
            af->struct_size > kMaxStructSize || af->get_descriptor == nullptr ||
            af->create == nullptr) {
            throw PluginRejected("auth factory has a bad struct_size or a NULL function");
        }
        auth_factory_ = af;
    }

    uint32_t count = 0;
    try {
        count = pf->provider_count(pf);
        if (count == 0) {
            throw PluginRejected("offers no providers (provider_count is 0)");
        }
        if (count > kMaxProviders) {
            throw PluginRejected("provider_count " + std::to_string(count) + " is absurd");
        }
        for (uint32_t i = 0; i < count; ++i) {
            const std::string label = "provider #" + std::to_string(i);
            const klaude_provider_descriptor_t* d = pf->get_provider(pf, i);
            if (d == nullptr) {
                throw PluginRejected(label + " descriptor is NULL");
            }
            if (d->struct_size <
                    offsetof(klaude_provider_descriptor_t, model_count) + sizeof(uint32_t) ||
                d->struct_size > kMaxStructSize) {
                throw PluginRejected(label + " descriptor has a bad struct_size (" +
                                     std::to_string(d->struct_size) + ")");
            }
            ProviderDescriptor p;
            p.id = copy_string(d->id, label + " id", true);
            check_identifier(p.id, "provider id");
            p.display_name = copy_string(d->display_name, label + " display_name", false);
            if (p.display_name.empty()) {
                p.display_name = p.id;
            }
            p.protocol = copy_string(d->protocol, label + " protocol", false);
            p.description = copy_string(d->description, label + " description", false);
            if (d->model_count > kMaxModels) {
                throw PluginRejected(label + " model_count is absurd");
            }
            if (d->model_count > 0 && d->models == nullptr) {
                throw PluginRejected(label + " models is NULL but model_count is " +
                                     std::to_string(d->model_count));
            }
            for (uint32_t m = 0; m < d->model_count; ++m) {
                const klaude_model_info_t* mi = d->models[m];
                const std::string mlabel = label + " model #" + std::to_string(m);
                if (mi == nullptr ||
                    mi->struct_size <
                        offsetof(klaude_model_info_t, capabilities) + sizeof(uint32_t) ||
                    mi->struct_size > kMaxStructSize) {
                    throw PluginRejected(mlabel + " is NULL or has a bad struct_size");
                }
                ModelDescriptor md;
                md.id = copy_string(mi->id, mlabel + " id", true);
                md.display_name = copy_string(mi->display_name, mlabel + " display_name", false);
                md.context_window = mi->context_window;
                md.max_output_tokens = mi->max_output_tokens;
                md.capabilities = mi->capabilities;
                p.models.push_back(std::move(md));
            }
            if (d->struct_size >= offsetof(klaude_provider_descriptor_t, catalog_json) +
                                      sizeof(d->catalog_json) &&
                d->catalog_json != nullptr) {
                // Kept as text: it is parsed (and a broken one reported) only by the commands
                // that need a catalog, not at every start-up.
                const size_t n = strnlen(d->catalog_json, kMaxCatalogLength + 1);
                if (n > kMaxCatalogLength) {
                    throw PluginRejected(label + " catalog_json is longer than " +
                                         std::to_string(kMaxCatalogLength) + " bytes");
                }
                p.catalog_json.assign(d->catalog_json, n);
            }
            if (auth_factory_ != nullptr) {
                const klaude_auth_descriptor_t* ad =
                    auth_factory_->get_descriptor(auth_factory_, p.id.c_str());
                if (ad != nullptr) {
                    if (ad->struct_size < offsetof(klaude_auth_descriptor_t, logout_option_count) +
                                              sizeof(uint32_t) ||
                        ad->struct_size > kMaxStructSize) {
                        throw PluginRejected(label + " auth descriptor has a bad struct_size");
                    }
                    AuthDescriptor a;
                    a.summary = copy_string(ad->summary, label + " auth summary", false);
                    a.login_options = copy_options(ad->login_options, ad->login_option_count,
                                                   label + " login option");
                    a.logout_options = copy_options(ad->logout_options, ad->logout_option_count,
                                                    label + " logout option");
                    p.auth = std::move(a);
                }
            }
            providers_.push_back(std::move(p));
        }
    } catch (const PluginRejected&) {
        throw;
    } catch (...) {
        throw PluginRejected("a provider descriptor call threw an exception across the C ABI");
    }
}

LoadedPlugin::~LoadedPlugin() {
    if (initialised_ && entry_) {
        try {
            entry_->deinit();
        } catch (...) {
            // Nothing sensible to do while unloading; the plugin broke the ABI contract.
        }
    }
}

}  // namespace klaude::core
