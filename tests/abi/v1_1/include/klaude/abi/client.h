/* klaude plugin ABI: an LLM client, created by a provider (see provider.h).
 *
 * The request is a provider-neutral JSON document (UTF-8):
 *
 *   {
 *     "model": "gpt-5.1",                      required, the provider's model id
 *     "instructions": "You are…",              optional system prompt
 *     "session_id": "0b6f…",                   optional, stable per conversation
 *     "input": [ item… ],                      required, the conversation so far
 *     "tools": [ {"name":"…","description":"…","parameters":{JSON schema}} ],
 *     "parallel_tool_calls": true,
 *     "reasoning": {"effort":"low|medium|high","summary":"auto|concise|detailed"},
 *     "verbosity": "low|medium|high",
 *     "max_output_tokens": 4096
 *   }
 *
 * Input items (the same shape as KLAUDE_EVENT_OUTPUT_ITEM, so output can be fed back):
 *   {"type":"message","role":"user"|"assistant"|"developer",
 *    "content":[{"type":"text","text":"…"} | {"type":"image_url","url":"…"}]}
 *   {"type":"function_call","call_id":"…","name":"…","arguments":"<JSON text>"}
 *   {"type":"function_call_output","call_id":"…","output":"…"}
 *   {"type":"reasoning","id":"…","summary":["…"],"encrypted_content":"…"}
 * Unknown fields are ignored; providers pass through what they understand.
 *
 * Opaque provider state (ABI 1.1). Any output item may carry "provider_state": <any JSON>,
 * state only its maker understands (a thinking block with its signature, redacted thinking,
 * an encrypted reasoning blob). The host keeps it with the item in the saved session and sends
 * it back untouched on later requests to the same plugin provider, never to another one: when
 * a conversation moves to another provider (the user switched model), the host drops that
 * provider's reasoning items and removes provider_state and encrypted_content from its other
 * items. To know which is which, the host adds "origin":"<plugin provider id>" to every output
 * item it stores; plugins ignore that field like any unknown one.
 */
#ifndef KLAUDE_ABI_CLIENT_H
#define KLAUDE_ABI_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "events.h"
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ABI 1.1. What the host asks of list_models, and where the answer goes. Allocated by the
 * host; valid during one list_models call. */
typedef struct klaude_catalog_request {
    uint32_t struct_size; /* sizeof(klaude_catalog_request_t) as the host compiled it */
    /* The whole fetch (connect, TLS, request, reading the answer) must end within this many
     * milliseconds, else return KLAUDE_ERROR_TIMEOUT. Always > 0. The host keeps the call short
     * (a few seconds): a dead network must never hold a command up for long. */
    int32_t timeout_ms;
    void* data; /* the host's */
    /* Call once, on success, before returning KLAUDE_OK, with the catalog as a JSON document
     * (UTF-8, need not be NUL-terminated; the host copies it). The schema is the "model
     * catalog" of docs/plugin-authoring.md: {"models":[{"id":"…","display_name":"…",
     * "context_window":N,"reasoning_efforts":["low",…],"visibility":"list"|"hide",…}]}. */
    void (*on_catalog)(const struct klaude_catalog_request* self, const char* json, size_t size);
} klaude_catalog_request_t;

typedef struct klaude_client {
    uint32_t struct_size; /* sizeof(klaude_client_t) as the plugin compiled it */
    void* data;           /* the plugin's */

    /* [any thread, one call at a time per client] Sends `request` and blocks until the
     * response is complete, failed or cancelled, delivering events to `sink` on this thread.
     * Returns KLAUDE_OK after KLAUDE_EVENT_COMPLETED; otherwise an error status with the
     * message in `err` (and usually a KLAUDE_EVENT_ERROR before it). A stream that ends
     * without completion is an error. `request` need not be NUL-terminated. */
    klaude_status_t (*stream)(struct klaude_client* self, const char* request,
                              size_t request_size, const klaude_sink_t* sink, char* err,
                              size_t err_capacity);

    /* [thread-safe] Asks a running `stream` (or `list_models`) to stop as soon as possible:
     * it then returns KLAUDE_ERROR_CANCELLED, within a fraction of a second even while it is
     * blocked in a connect or a read (shut the socket down; do not wait for the next byte).
     * Called from another thread than the one in `stream`, often from a signal-driven one:
     * only set a flag and wake the blocked call here, never free or lock what `stream` may
     * hold. Harmless when nothing runs, and a cancel that arrives between calls must not
     * cancel the next one. The host also flags Ctrl-C through klaude_host_t.is_cancelled. */
    void (*cancel)(struct klaude_client* self);

    /* [same thread as stream, never during it] Frees the client. `self` is invalid after. */
    void (*destroy)(struct klaude_client* self);

    /* ---- ABI 1.1 (check struct_size before reading; a 1.0 client ends above) ---- */

    /* [main-thread, never during stream] Asks the server which models it offers now, with
     * the credentials and endpoint this client was created with, and delivers the catalog
     * through request->on_catalog. The host caches the answer (under $KLAUDE_HOME/cache/) and
     * falls back to the cache, then to the descriptor's catalog_json / models, when this
     * fails; so fail fast and say why in one line. `cancel` (any thread) makes a running call
     * return KLAUDE_ERROR_CANCELLED. Return KLAUDE_ERROR_UNSUPPORTED when the provider has no
     * way to list models (the host then quietly uses the static list), and
     * KLAUDE_ERROR_NOT_LOGGED_IN when credentials are missing. May be NULL (same as
     * UNSUPPORTED). */
    klaude_status_t (*list_models)(struct klaude_client* self,
                                   const klaude_catalog_request_t* request, char* err,
                                   size_t err_capacity);
} klaude_client_t;

#ifdef __cplusplus
}
#endif

#endif /* KLAUDE_ABI_CLIENT_H */
