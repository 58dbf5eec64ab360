/* klaude plugin ABI: providers, the models they offer, and how the host creates clients.
 *
 * A plugin offers providers through the factory it returns for KLAUDE_PROVIDER_FACTORY_ID.
 * A provider is a protocol implementation ("responses", "codex"); the user's configuration
 * names it as the `protocol` of a configured provider (which may point it at another base
 * URL, key, headers...). Descriptors are owned by the plugin and stay valid, unchanged, from
 * a successful `init` until `deinit`.
 */
#ifndef KLAUDE_ABI_PROVIDER_H
#define KLAUDE_ABI_PROVIDER_H

#include <stddef.h>
#include <stdint.h>

#include "client.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KLAUDE_PROVIDER_FACTORY_ID "klaude.provider/1"

/* Model capability flags. */
enum {
    KLAUDE_MODEL_REASONING = 1u << 0, /* accepts reasoning effort, streams reasoning */
    KLAUDE_MODEL_TOOLS = 1u << 1,     /* supports function tools */
    KLAUDE_MODEL_IMAGES = 1u << 2     /* accepts image inputs */
};

typedef struct klaude_model_info {
    uint32_t struct_size;       /* sizeof(klaude_model_info_t) */
    const char* id;             /* the provider's model id, e.g. "gpt-5.1-codex" */
    const char* display_name;   /* for humans; may equal id */
    uint32_t context_window;    /* tokens; 0 = unknown */
    uint32_t max_output_tokens; /* tokens; 0 = unknown */
    uint32_t capabilities;      /* KLAUDE_MODEL_* flags */
} klaude_model_info_t;

typedef struct klaude_provider_descriptor {
    uint32_t struct_size;     /* sizeof(klaude_provider_descriptor_t) */
    const char* id;           /* unique across plugins: [a-z0-9][a-z0-9._-]*, e.g. "responses" */
    const char* display_name; /* "OpenAI Responses API" */
    const char* protocol;     /* the wire protocol, informational: "openai-responses" */
    const char* description;  /* one line, may be NULL */
    /* Models the provider offers by default; users may still name any model id. */
    const klaude_model_info_t* const* models;
    uint32_t model_count;

    /* ---- ABI 1.1 (check struct_size before reading; a 1.0 descriptor ends above) ---- */

    /* A model catalog built into the plugin, as a NUL-terminated JSON document in the schema
     * list_models answers (docs/plugin-authoring.md), or NULL. Richer than `models` (listed
     * or hidden, reasoning efforts, upgrade hints, order); the host uses it when neither the
     * server (client.h, list_models) nor its cache can answer. When set, `models` should name
     * the same ids. */
    const char* catalog_json;
} klaude_provider_descriptor_t;

typedef struct klaude_provider_factory {
    uint32_t struct_size; /* sizeof(klaude_provider_factory_t) */

    /* [main-thread] How many providers this plugin offers. */
    uint32_t (*provider_count)(const struct klaude_provider_factory* self);

    /* [main-thread] The descriptor at `index` (< provider_count), or NULL. */
    const klaude_provider_descriptor_t* (*get_provider)(const struct klaude_provider_factory* self,
                                                        uint32_t index);

    /* [main-thread] Creates a client for the provider `provider_id`.
     * `config_json` is the configured provider, as a JSON object:
     *   {"id":"openai","protocol":"responses","base_url":"…","base_url_env":"OPENAI_BASE_URL",
     *    "api_key_env":"OPENAI_API_KEY","headers":{"name":"value"},
     *    "options":{…provider specific…}}
     * (all fields but "id" and "protocol" optional). The plugin applies the environment:
     * when the variable named by base_url_env is set and not empty it beats base_url, and the
     * key is read from the variable named by api_key_env at call time (the host never copies
     * secrets into the config). On KLAUDE_OK `*out` is a client the
     * host frees with its `destroy`. */
    klaude_status_t (*create_client)(const struct klaude_provider_factory* self,
                                     const char* provider_id, const char* config_json,
                                     klaude_client_t** out, char* err, size_t err_capacity);
} klaude_provider_factory_t;

#ifdef __cplusplus
}
#endif

#endif /* KLAUDE_ABI_PROVIDER_H */
