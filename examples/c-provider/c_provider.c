/* An example klaude provider plugin in plain C11, using only the C ABI (klaude/klaude.h):
 * provider "cecho", model "cecho-1". Its client answers with the text of the last user
 * message, in a few deltas, then reports usage and completion.
 *
 * Everything the host reads before init (the entry, the descriptors) is constant data:
 * no code runs when the library is loaded. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "klaude/klaude.h"

static const klaude_host_t* g_host = NULL; /* valid from init until deinit returns */

static void log_debug(const char* message) {
    if (KLAUDE_HOST_HAS(g_host, log)) {
        g_host->log(g_host, KLAUDE_LOG_DEBUG, message);
    }
}

/* ---- reading the request --------------------------------------------------------------
 * A real plugin uses a JSON parser. This example only scans for the last "role":"user" and
 * the first "text" string after it, which works for the compact JSON the host writes
 * ({"type":"message","role":"user","content":[{"type":"text","text":"…"}]}). */

/* Points after `"key"` + optional spaces + ':' + optional spaces, or NULL. */
static const char* after_key(const char* at, const char* end, const char* key) {
    size_t n = strlen(key);
    if ((size_t)(end - at) < n + 3 || at[0] != '"' || memcmp(at + 1, key, n) != 0 ||
        at[n + 1] != '"') {
        return NULL;
    }
    at += n + 2;
    while (at < end && (*at == ' ' || *at == '\n' || *at == '\t' || *at == '\r'))
        at++;
    if (at == end || *at != ':')
        return NULL;
    at++;
    while (at < end && (*at == ' ' || *at == '\n' || *at == '\t' || *at == '\r'))
        at++;
    return at;
}

/* Decodes the JSON string at `at` (which starts with '"') into a malloc'ed UTF-8 string. */
static char* decode_string(const char* at, const char* end) {
    char* out = malloc((size_t)(end - at) + 1); /* decoding never makes a string longer */
    size_t n = 0;
    if (out == NULL || at == end || *at++ != '"') {
        free(out);
        return NULL;
    }
    while (at < end && *at != '"') {
        if (*at != '\\') {
            out[n++] = *at++;
            continue;
        }
        if (++at == end)
            break;
        switch (*at++) {
            case 'n':
                out[n++] = '\n';
                break;
            case 't':
                out[n++] = '\t';
                break;
            case 'r':
                out[n++] = '\r';
                break;
            case 'b':
                out[n++] = '\b';
                break;
            case 'f':
                out[n++] = '\f';
                break;
            case 'u': { /* \uXXXX outside surrogates, as UTF-8 (enough for an example) */
                unsigned code = 0;
                for (int i = 0; i < 4 && at < end; ++i, ++at) {
                    const char* digits = "0123456789abcdef";
                    const char* d = strchr(digits, *at | 0x20); /* lower-case a hex letter */
                    code = code * 16 + (d != NULL && *d != '\0' ? (unsigned)(d - digits) : 0);
                }
                if (code < 0x80) {
                    out[n++] = (char)code;
                } else if (code < 0x800) {
                    out[n++] = (char)(0xC0 | (code >> 6));
                    out[n++] = (char)(0x80 | (code & 0x3F));
                } else {
                    out[n++] = (char)(0xE0 | (code >> 12));
                    out[n++] = (char)(0x80 | ((code >> 6) & 0x3F));
                    out[n++] = (char)(0x80 | (code & 0x3F));
                }
                break;
            }
            default:
                out[n++] = at[-1]; /* \" \\ \/ */
        }
    }
    out[n] = '\0';
    return out;
}

static char* last_user_text(const char* request, size_t size) {
    const char* end = request + size;
    const char* user = NULL;
    for (const char* at = request; at < end; ++at) {
        const char* value = after_key(at, end, "role");
        if (value != NULL && end - value >= 6 && memcmp(value, "\"user\"", 6) == 0) {
            user = value;
        }
    }
    for (const char* at = user; at != NULL && at < end; ++at) {
        const char* value = after_key(at, end, "text");
        if (value != NULL && *value == '"')
            return decode_string(value, end);
    }
    return NULL;
}

/* ---- the client ------------------------------------------------------------------------ */

typedef struct cecho_client {
    klaude_client_t c; /* first member: the host's klaude_client_t* is our object */
    atomic_int cancelled;
} cecho_client_t;

static void emit(const klaude_sink_t* sink, uint32_t type, const char* data, size_t size) {
    klaude_event_t event = {sizeof(klaude_event_t), type, data, size};
    sink->on_event(sink, &event);
}

static klaude_status_t cecho_stream(klaude_client_t* self, const char* request, size_t request_size,
                                    const klaude_sink_t* sink, char* err, size_t err_capacity) {
    cecho_client_t* client = (cecho_client_t*)self;
    char* text = last_user_text(request, request_size);
    if (text == NULL) {
        snprintf(err, err_capacity, "cecho: the request has no user message");
        return KLAUDE_ERROR_INVALID_ARGUMENT;
    }
    atomic_store(&client->cancelled, 0);
    /* A few deltas: the text in three pieces (cut at bytes that do not continue a UTF-8
     * sequence). The host copies what it keeps, so `text` may be freed afterwards. */
    size_t length = strlen(text), start = 0;
    for (int piece = 1; piece <= 3 && start < length; ++piece) {
        size_t cut = piece == 3 ? length : length * (size_t)piece / 3;
        while (cut < length && ((unsigned char)text[cut] & 0xC0) == 0x80)
            cut++;
        if (atomic_load(&client->cancelled)) {
            free(text);
            snprintf(err, err_capacity, "cecho: cancelled");
            return KLAUDE_ERROR_CANCELLED;
        }
        if (cut > start)
            emit(sink, KLAUDE_EVENT_TEXT_DELTA, text + start, cut - start);
        start = cut;
    }
    free(text);
    emit(sink, KLAUDE_EVENT_FLUSH, "", 0);
    char usage[160];
    int n = snprintf(usage, sizeof usage,
                     "{\"input_tokens\":%zu,\"cached_input_tokens\":0,\"output_tokens\":%zu,"
                     "\"reasoning_tokens\":0,\"total_tokens\":%zu}",
                     length, length, 2 * length);
    emit(sink, KLAUDE_EVENT_USAGE, usage, (size_t)n);
    static const char completed[] = "{\"response_id\":\"cecho-response\",\"status\":\"completed\"}";
    emit(sink, KLAUDE_EVENT_COMPLETED, completed, sizeof completed - 1);
    return KLAUDE_OK;
}

static void cecho_cancel(klaude_client_t* self) {
    atomic_store(&((cecho_client_t*)self)->cancelled, 1);
}

static void cecho_destroy(klaude_client_t* self) {
    free(self);
}

/* ---- the provider ---------------------------------------------------------------------- */

static const klaude_model_info_t g_model = {
    sizeof(klaude_model_info_t), "cecho-1", "C echo 1", 8192, 8192, 0};
static const klaude_model_info_t* const g_models[] = {&g_model};
/* Designated initialisers: fields a later minor appends stay NULL/0 without a warning. */
static const klaude_provider_descriptor_t g_provider = {
    .struct_size = sizeof(klaude_provider_descriptor_t),
    .id = "cecho",
    .display_name = "C echo",
    .protocol = "echo",
    .description = "Answers with your own last message (plain C)",
    .models = g_models,
    .model_count = 1,
    /* ABI 1.1: a built-in catalog (docs/plugin-authoring.md). This one lists no more than
     * `models`, but marks the model's order and says it has no reasoning levels. */
    .catalog_json = "{\"models\":[{\"id\":\"cecho-1\",\"display_name\":\"C echo 1\","
                    "\"context_window\":8192,\"max_output_tokens\":8192}]}"};

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
    (void)config_json;
    if (strcmp(provider_id, "cecho") != 0) {
        snprintf(err, err_capacity, "cecho: unknown provider '%s'", provider_id);
        return KLAUDE_ERROR_INVALID_ARGUMENT;
    }
    cecho_client_t* client = calloc(1, sizeof *client);
    if (client == NULL) {
        snprintf(err, err_capacity, "cecho: out of memory");
        return KLAUDE_ERROR;
    }
    client->c.struct_size = sizeof client->c;
    client->c.data = client;
    client->c.stream = cecho_stream;
    client->c.cancel = cecho_cancel;
    client->c.destroy = cecho_destroy;
    atomic_init(&client->cancelled, 0);
    log_debug("cecho: new client");
    *out = &client->c; /* the host frees it with destroy */
    return KLAUDE_OK;
}

static const klaude_provider_factory_t g_factory = {sizeof(klaude_provider_factory_t),
                                                    provider_count, get_provider, create_client};

/* ---- the entry ------------------------------------------------------------------------- */

static klaude_status_t cecho_init(const klaude_host_t* host, char* err, size_t err_capacity) {
    if (host == NULL) {
        snprintf(err, err_capacity, "cecho: no host services");
        return KLAUDE_ERROR_INVALID_ARGUMENT;
    }
    g_host = host;
    return KLAUDE_OK;
}

static void cecho_deinit(void) {
    g_host = NULL;
}

static const void* cecho_get_factory(const char* factory_id) {
    return strcmp(factory_id, KLAUDE_PROVIDER_FACTORY_ID) == 0 ? &g_factory : NULL;
}

KLAUDE_PLUGIN_ENTRY_DEFINE = {KLAUDE_ABI_VERSION_INIT,
                              sizeof(klaude_plugin_entry_t),
                              "com.example.cecho",
                              "C echo example",
                              "1.0.0",
                              "klaude examples",
                              "Answers with the last user message, in plain C",
                              cecho_init,
                              cecho_deinit,
                              cecho_get_factory};
