/* A benchmark-only plugin in plain C11, for two jobs:
 *
 *  - discovery: bench/make_plugin_dir copies this .so N times and rewrites the placeholder
 *    "zzzzzz" (in the plugin id "bench.plugin.zzzzzz" and the provider id "bench-zzzzzz") to
 *    a distinct number in each copy, so N files load as N distinct plugins instead of one
 *    plugin and N-1 duplicates. The placeholder keeps its length, so the ELF stays valid.
 *  - host overhead: its client streams text deltas with no network and no parsing at all,
 *    so what a benchmark measures around PluginClient::stream is the host's own cost per
 *    delta (ABI trampoline, agent loop, exec output). The client config
 *    {"deltas":N,"per_flush":K} sets the count and how many deltas share one
 *    KLAUDE_EVENT_FLUSH (a network read carries several deltas in a real stream).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "klaude/klaude.h"

#define BENCH_PROVIDER_ID "bench-zzzzzz"

typedef struct bench_client {
    klaude_client_t base; /* first: the host sees a klaude_client_t */
    long deltas;
    long per_flush;
} bench_client_t;

/* The integer after "key": in a flat JSON object, or `fallback`. Enough for a bench config. */
static long config_number(const char* json, const char* key, long fallback) {
    const char* at = json == NULL ? NULL : strstr(json, key);
    if (at == NULL || (at = strchr(at + strlen(key), ':')) == NULL) {
        return fallback;
    }
    long value = strtol(at + 1, NULL, 10);
    return value > 0 ? value : fallback;
}

static void emit(const klaude_sink_t* sink, uint32_t type, const char* data, size_t size) {
    klaude_event_t event;
    event.struct_size = sizeof event;
    event.type = type;
    event.data = data;
    event.size = size;
    sink->on_event(sink, &event);
}

static klaude_status_t client_stream(klaude_client_t* self, const char* request,
                                     size_t request_size, const klaude_sink_t* sink, char* err,
                                     size_t err_capacity) {
    static const char* const words[] = {" the",  " quick", " brown", " fox", " jumps",
                                        " over", " lazy",  " dogs",  ",",    "\n"};
    const bench_client_t* client = (const bench_client_t*)self;
    if (request == NULL || request_size == 0) {
        snprintf(err, err_capacity, "bench: empty request");
        return KLAUDE_ERROR_INVALID_ARGUMENT;
    }
    for (long i = 0; i < client->deltas; ++i) {
        const char* word = words[i % 10];
        emit(sink, KLAUDE_EVENT_TEXT_DELTA, word, strlen(word));
        if ((i + 1) % client->per_flush == 0) {
            emit(sink, KLAUDE_EVENT_FLUSH, "", 0);
        }
    }
    static const char usage[] =
        "{\"input_tokens\":3,\"cached_input_tokens\":0,\"output_tokens\":2,"
        "\"reasoning_tokens\":0,\"total_tokens\":5}";
    emit(sink, KLAUDE_EVENT_USAGE, usage, sizeof usage - 1);
    static const char completed[] = "{\"response_id\":\"bench-1\",\"status\":\"completed\"}";
    emit(sink, KLAUDE_EVENT_COMPLETED, completed, sizeof completed - 1);
    return KLAUDE_OK;
}

static void client_cancel(klaude_client_t* self) {
    (void)self;
}
static void client_destroy(klaude_client_t* self) {
    free(self);
}

static const klaude_model_info_t g_model = {
    sizeof(klaude_model_info_t), "bench-model", "Bench model", 0, 0, 0};
static const klaude_model_info_t* const g_models[] = {&g_model};
static const klaude_provider_descriptor_t g_provider = {
    sizeof(klaude_provider_descriptor_t), BENCH_PROVIDER_ID, "Bench", "none", NULL, g_models, 1};

static uint32_t provider_count(const klaude_provider_factory_t* self) {
    (void)self;
    return 1;
}

static const klaude_provider_descriptor_t* get_provider(const klaude_provider_factory_t* self,
                                                        uint32_t index) {
    (void)self;
    return index == 0 ? &g_provider : NULL;
}

static klaude_status_t create_client(const klaude_provider_factory_t* self, const char* provider_id,
                                     const char* config_json, klaude_client_t** out, char* err,
                                     size_t err_capacity) {
    (void)self;
    if (strcmp(provider_id, BENCH_PROVIDER_ID) != 0) {
        snprintf(err, err_capacity, "bench: unknown provider %s", provider_id);
        return KLAUDE_ERROR_INVALID_ARGUMENT;
    }
    bench_client_t* client = (bench_client_t*)calloc(1, sizeof *client);
    if (client == NULL) {
        snprintf(err, err_capacity, "bench: out of memory");
        return KLAUDE_ERROR;
    }
    client->base.struct_size = sizeof client->base;
    client->base.stream = client_stream;
    client->base.cancel = client_cancel;
    client->base.destroy = client_destroy;
    client->deltas = config_number(config_json, "\"deltas\"", 4000);
    client->per_flush = config_number(config_json, "\"per_flush\"", 1);
    *out = &client->base;
    return KLAUDE_OK;
}

static const klaude_provider_factory_t g_factory = {sizeof(klaude_provider_factory_t),
                                                    provider_count, get_provider, create_client};

static klaude_status_t bench_init(const klaude_host_t* host, char* err, size_t err_capacity) {
    (void)host;
    (void)err;
    (void)err_capacity;
    return KLAUDE_OK;
}

static void bench_deinit(void) {}

static const void* bench_get_factory(const char* id) {
    return strcmp(id, KLAUDE_PROVIDER_FACTORY_ID) == 0 ? &g_factory : NULL;
}

KLAUDE_PLUGIN_ENTRY_DEFINE = {
    KLAUDE_ABI_VERSION_INIT,
    sizeof(klaude_plugin_entry_t),
    "bench.plugin.zzzzzz",
    "Bench",
    "1.0.0",
    "klaude bench",
    "a benchmark plugin (no network)",
    bench_init,
    bench_deinit,
    bench_get_factory,
};
