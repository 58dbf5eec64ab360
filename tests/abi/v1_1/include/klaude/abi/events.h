/* klaude plugin ABI: the events a client streams back to the host.
 *
 * The hot path (text and reasoning deltas) passes a pointer and a length into the plugin's
 * own buffer: no JSON encoding per token. Every other event carries a compact JSON object in
 * `data`/`size`, whose fields are documented below; fields are only ever added.
 *
 * Ownership: `data` belongs to the plugin and is valid only during the `on_event` call; the
 * host copies what it keeps. Text is UTF-8 and not necessarily NUL-terminated.
 */
#ifndef KLAUDE_ABI_EVENTS_H
#define KLAUDE_ABI_EVENTS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Values are stable; new types are only appended. A host ignores types it does not know. */
typedef enum klaude_event_type {
    /* A fragment of the assistant's answer text. data = UTF-8 text. */
    KLAUDE_EVENT_TEXT_DELTA = 1,
    /* A fragment of reasoning (a summary, or raw reasoning text). data = UTF-8 text. */
    KLAUDE_EVENT_REASONING_DELTA = 2,
    /* The model calls a tool. data = {"call_id":"…","name":"…","arguments":"<JSON text>"}
     * The one source of truth for tool calls: the host runs exactly the calls reported here.
     * Send the matching function_call KLAUDE_EVENT_OUTPUT_ITEM too (same call_id) when the
     * protocol has one; when a plugin sends only this event, the host adds the item. A
     * function_call item whose call_id no TOOL_CALL event of the same stream named breaks the
     * contract: the host fails the call with KLAUDE_ERROR_PROTOCOL naming the plugin (since
     * 1.1; a 1.0 host skipped such items silently). */
    KLAUDE_EVENT_TOOL_CALL = 3,
    /* Token usage of the response. data = {"input_tokens":N,"cached_input_tokens":N,
     * "output_tokens":N,"reasoning_tokens":N,"total_tokens":N} */
    KLAUDE_EVENT_USAGE = 4,
    /* Rate-limit information from the server. data = {"headers":{"x-ratelimit-…":"…"},
     * optional "primary_used_percent":N,"secondary_used_percent":N,"resets_at":epoch} */
    KLAUDE_EVENT_RATE_LIMIT = 5,
    /* The response finished. data = {"response_id":"…","status":"completed"|"incomplete",
     * optional "reason":"max_output_tokens"|"content_filter"|…}. Always the last event of a
     * successful stream: a stream call that returns KLAUDE_OK without it breaks the contract,
     * and the host fails the call with KLAUDE_ERROR_PROTOCOL naming the plugin (since 1.1). */
    KLAUDE_EVENT_COMPLETED = 6,
    /* The response failed. data = {"status":"<klaude_status_name>","code":"…","message":"…"}.
     * The stream call also returns a non-OK status. code: the server's reason
     * ("overloaded_error", "context_length_exceeded"…), else the status name. */
    KLAUDE_EVENT_ERROR = 7,
    /* A finished output item, in the provider-neutral input-item form (see client.h), that
     * the host appends to the conversation as is: an assistant message, a reasoning item
     * (with encrypted_content or provider_state when the provider gives one), or a
     * function_call. */
    KLAUDE_EVENT_OUTPUT_ITEM = 8,
    /* The server accepted the request. data = {"response_id":"…","model":"…"} */
    KLAUDE_EVENT_CREATED = 9,
    /* A new reasoning summary part begins (the host may print a paragraph break). data = {} */
    KLAUDE_EVENT_REASONING_BREAK = 10,
    /* The client has delivered everything it received so far (sent once per network read).
     * The host flushes its output here, not after every delta. data = "" (size 0). */
    KLAUDE_EVENT_FLUSH = 11
} klaude_event_type_t;

typedef struct klaude_event {
    uint32_t struct_size; /* sizeof(klaude_event_t) */
    uint32_t type;        /* klaude_event_type_t */
    const char* data;     /* see the event type */
    size_t size;          /* bytes in data */
} klaude_event_t;

/* Where a client delivers events. Allocated by the host, valid during one `stream` call. */
typedef struct klaude_sink {
    uint32_t struct_size; /* sizeof(klaude_sink_t) */
    void* data;           /* the host's */
    /* Called on the thread that called `stream`, in order. Must not be called after
     * `stream` returned. */
    void (*on_event)(const struct klaude_sink* self, const klaude_event_t* event);
} klaude_sink_t;

#ifdef __cplusplus
}
#endif

#endif /* KLAUDE_ABI_EVENTS_H */
