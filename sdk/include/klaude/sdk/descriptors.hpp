// klaude C++ SDK: providers, models and auth options described with C++ types. The SDK turns
// them into the C descriptors of klaude/abi/provider.h and auth.h and keeps those alive.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "klaude/abi/auth.h"
#include "klaude/abi/provider.h"

namespace klaude::sdk {

struct ModelInfo {
    std::string id;
    std::string display_name;        // empty: same as id
    uint32_t context_window = 0;     // tokens, 0 = unknown
    uint32_t max_output_tokens = 0;  // tokens, 0 = unknown
    uint32_t capabilities = 0;       // KLAUDE_MODEL_* flags
};

struct ProviderInfo {
    std::string id;
    std::string display_name;
    std::string protocol;
    std::string description;
    std::vector<ModelInfo> models;
};

struct OptionInfo {
    std::string name;  // without dashes
    klaude_option_type_t type = KLAUDE_OPTION_FLAG;
    std::string value_name;
    std::string help;
};

struct AuthInfo {
    std::string provider_id;
    std::string summary;
    std::vector<OptionInfo> login_options;
    std::vector<OptionInfo> logout_options;
};

namespace detail {

// Owns C descriptors and everything they point to. Elements never move once added
// (std::deque / unique_ptr), so the C pointers stay valid until the table is destroyed.
class DescriptorTable {
public:
    const klaude_provider_descriptor_t* add(ProviderInfo info, std::string catalog_json = {}) {
        auto& p = providers_.emplace_back(std::make_unique<ProviderEntry>());
        p->info = std::move(info);
        p->catalog_json = std::move(catalog_json);
        for (const ModelInfo& m : p->info.models) {
            klaude_model_info_t& c = p->models.emplace_back();
            c.struct_size = sizeof c;
            c.id = m.id.c_str();
            c.display_name = m.display_name.empty() ? m.id.c_str() : m.display_name.c_str();
            c.context_window = m.context_window;
            c.max_output_tokens = m.max_output_tokens;
            c.capabilities = m.capabilities;
        }
        for (const klaude_model_info_t& c : p->models) {
            p->model_pointers.push_back(&c);
        }
        p->c.struct_size = sizeof p->c;
        p->c.id = p->info.id.c_str();
        p->c.display_name = p->info.display_name.c_str();
        p->c.protocol = p->info.protocol.c_str();
        p->c.description = p->info.description.empty() ? nullptr : p->info.description.c_str();
        p->c.models = p->model_pointers.data();
        p->c.model_count = static_cast<uint32_t>(p->model_pointers.size());
        p->c.catalog_json = p->catalog_json.empty() ? nullptr : p->catalog_json.c_str();
        return &p->c;
    }

    const klaude_auth_descriptor_t* add(AuthInfo info) {
        auto& a = auths_.emplace_back(std::make_unique<AuthEntry>());
        a->info = std::move(info);
        fill_options(a->info.login_options, a->login, a->login_pointers);
        fill_options(a->info.logout_options, a->logout, a->logout_pointers);
        a->c.struct_size = sizeof a->c;
        a->c.provider_id = a->info.provider_id.c_str();
        a->c.summary = a->info.summary.c_str();
        a->c.login_options = a->login_pointers.data();
        a->c.login_option_count = static_cast<uint32_t>(a->login_pointers.size());
        a->c.logout_options = a->logout_pointers.data();
        a->c.logout_option_count = static_cast<uint32_t>(a->logout_pointers.size());
        return &a->c;
    }

    size_t provider_count() const { return providers_.size(); }
    const klaude_provider_descriptor_t* provider(size_t i) const {
        return i < providers_.size() ? &providers_[i]->c : nullptr;
    }
    const klaude_auth_descriptor_t* auth_for(const std::string& provider_id) const {
        for (const auto& a : auths_) {
            if (a->info.provider_id == provider_id) {
                return &a->c;
            }
        }
        return nullptr;
    }
    bool has_auth() const { return !auths_.empty(); }

private:
    struct ProviderEntry {
        ProviderInfo info;
        std::string catalog_json;
        std::deque<klaude_model_info_t> models;
        std::vector<const klaude_model_info_t*> model_pointers;
        klaude_provider_descriptor_t c{};
    };
    struct AuthEntry {
        AuthInfo info;
        std::deque<klaude_option_t> login, logout;
        std::vector<const klaude_option_t*> login_pointers, logout_pointers;
        klaude_auth_descriptor_t c{};
    };

    static void fill_options(const std::vector<OptionInfo>& in, std::deque<klaude_option_t>& out,
                             std::vector<const klaude_option_t*>& pointers) {
        for (const OptionInfo& o : in) {
            klaude_option_t& c = out.emplace_back();
            c.struct_size = sizeof c;
            c.name = o.name.c_str();
            c.type = static_cast<uint32_t>(o.type);
            c.value_name = o.value_name.empty() ? nullptr : o.value_name.c_str();
            c.help = o.help.c_str();
        }
        for (const klaude_option_t& c : out) {
            pointers.push_back(&c);
        }
    }

    std::vector<std::unique_ptr<ProviderEntry>> providers_;
    std::vector<std::unique_ptr<AuthEntry>> auths_;
};

}  // namespace detail
}  // namespace klaude::sdk
