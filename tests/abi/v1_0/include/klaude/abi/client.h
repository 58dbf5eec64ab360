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

    /* [thread-safe] Asks a running `stream` to stop as soon as possible (it then returns
     * KLAUDE_ERROR_CANCELLED). Harmless when nothing runs. */
    void (*cancel)(struct klaude_client* self);

    /* [same thread as stream, never during it] Frees the client. `self` is invalid after. */
    void (*destroy)(struct klaude_client* self);
} klaude_client_t;

#ifdef __cplusplus
}
#endif

#endif /* KLAUDE_ABI_CLIENT_H */
