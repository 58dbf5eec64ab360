/* klaude plugin ABI: the services the host offers to plugins.
 *
 * The host passes a `const klaude_host_t*` to the plugin's `init`. It stays valid until the
 * plugin's `deinit` returns. A plugin links nothing from the host: everything it needs from
 * klaude reaches it through this struct.
 *
 * Forward compatibility: fields are only ever appended. Before reading a field that a newer
 * minor added, check `struct_size` with KLAUDE_HOST_HAS(host, field).
 */
#ifndef KLAUDE_ABI_HOST_H
#define KLAUDE_ABI_HOST_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"
#include "version.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum klaude_log_level {
    KLAUDE_LOG_DEBUG = 0,
    KLAUDE_LOG_INFO = 1,
    KLAUDE_LOG_WARNING = 2,
    KLAUDE_LOG_ERROR = 3,
    /* The other side broke the ABI contract (NULL where not allowed, wrong call order...).
     * Reported loudly instead of crashing. */
    KLAUDE_LOG_MISBEHAVIOUR = 4
} klaude_log_level_t;

/* A question for the user, see klaude_host_t::ask. Allocated by the plugin. */
typedef struct klaude_ask_request {
    uint32_t struct_size; /* sizeof(klaude_ask_request_t) */
    /* The prompt, shown as is (UTF-8, no trailing newline needed). */
    const char* prompt;
    /* Non-zero: do not echo what the user types (passwords, pasted codes). */
    int32_t secret;
    /* Give up after this many milliseconds (KLAUDE_ERROR_TIMEOUT). 0 or negative: no limit. */
    int32_t timeout_ms;
    /* Polled by the host every few tens of milliseconds, on the thread that called `ask`.
     * Returning non-zero ends the question with KLAUDE_ERROR_CANCELLED. This is how a plugin
     * waits for a typed answer and for a network event at once. May be NULL. */
    int32_t (*should_stop)(void* context);
    void* context;
} klaude_ask_request_t;

typedef struct klaude_host {
    uint32_t struct_size;           /* sizeof(klaude_host_t) as the host compiled it */
    klaude_version_t abi_version;   /* the ABI version the host speaks */
    const char* host_name;          /* "klaude" */
    const char* host_version;       /* "0.1.0" */
    void* host_data;                /* opaque, for the host */

    /* [thread-safe] Writes one line to the host's log. `message` has no trailing newline and
     * must never contain secrets. The host decides what reaches the user (-v, KLAUDE_LOG). */
    void (*log)(const struct klaude_host* host, klaude_log_level_t level, const char* message);

    /* [thread-safe] Shows a line to the user on the terminal (stderr) right away, flushed,
     * whatever the log level. For things the user must see: a login URL, a device code. */
    void (*print)(const struct klaude_host* host, const char* text);

    /* [main-thread] Opens `url` in the user's browser. Returns KLAUDE_ERROR_UNSUPPORTED when
     * no browser can be opened (headless machine); the plugin should have printed the URL. */
    klaude_status_t (*open_url)(const struct klaude_host* host, const char* url, char* err,
                                size_t err_capacity);

    /* [main-thread] Asks the user a question and waits for a line of input. On KLAUDE_OK the
     * answer (without the newline, NUL-terminated, truncated to fit) is in `answer`.
     * Other results: KLAUDE_ERROR_CANCELLED (should_stop said so, or Ctrl-C),
     * KLAUDE_ERROR_TIMEOUT, KLAUDE_ERROR_END_OF_INPUT (stdin closed: do not ask again),
     * KLAUDE_ERROR_UNSUPPORTED (no interactive input is available). The host never leaves a
     * thread blocked on input after `ask` returns. */
    klaude_status_t (*ask)(const struct klaude_host* host, const klaude_ask_request_t* request,
                           char* answer, size_t answer_capacity);

    /* [main-thread] Asks a yes/no question. `*out_yes` receives the answer; when the user
     * passed --yes the host answers yes without asking. Returns KLAUDE_ERROR_UNSUPPORTED
     * when it cannot ask (stdin not a terminal and no --yes). */
    klaude_status_t (*confirm)(const struct klaude_host* host, const char* question,
                               int32_t* out_yes);

    /* [thread-safe] The klaude home directory ($KLAUDE_HOME, default ~/.klaude), absolute,
     * without trailing slash. Created 0700 by the host before any plugin runs. Valid as long
     * as the host pointer. Plugins store their files here (mode 0600). */
    const char* (*home_dir)(const struct klaude_host* host);

    /* [thread-safe] Non-zero once the user asked to stop the current operation (Ctrl-C).
     * Long-running plugin calls that the host cannot cancel through an object (a sign-in
     * waiting for the browser, a token refresh) poll it, a few times a second, and return
     * KLAUDE_ERROR_CANCELLED. A client's `stream` is stopped through klaude_client_t.cancel;
     * polling this as well does no harm. */
    int32_t (*is_cancelled)(const struct klaude_host* host);
} klaude_host_t;

/* True when `host` is new enough to carry `field`. */
#define KLAUDE_HOST_HAS(host, field)                                                   \
    ((host) != NULL && (host)->struct_size >= offsetof(klaude_host_t, field) + sizeof((host)->field) && \
     (host)->field != NULL)

#ifdef __cplusplus
}
#endif

#endif /* KLAUDE_ABI_HOST_H */
