/* klaude plugin ABI: status codes and error messages.
 *
 * Every fallible ABI function returns a klaude_status_t and, on failure, writes a one-line,
 * human-readable, NUL-terminated UTF-8 message into a caller-provided buffer
 * (`char* err, size_t err_capacity`). The callee must never write more than `err_capacity`
 * bytes (terminator included); a message that does not fit is truncated. `err` may be NULL
 * when `err_capacity` is 0. Messages say what went wrong and what to do about it, and never
 * contain secrets (tokens, keys, cookies).
 *
 * No exception, C++ type or allocator ever crosses the ABI.
 */
#ifndef KLAUDE_ABI_STATUS_H
#define KLAUDE_ABI_STATUS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef int32_t klaude_status_t;

/* Values are stable; new codes are only appended. Unknown codes are treated as KLAUDE_ERROR. */
enum {
    KLAUDE_OK = 0,
    KLAUDE_ERROR = 1,                /* anything not covered below */
    KLAUDE_ERROR_INVALID_ARGUMENT = 2, /* bad request JSON, unknown option, NULL where not allowed */
    KLAUDE_ERROR_UNSUPPORTED = 3,    /* the plugin does not offer this */
    KLAUDE_ERROR_CANCELLED = 4,      /* the user or the host cancelled */
    KLAUDE_ERROR_TIMEOUT = 5,        /* a deadline passed */
    KLAUDE_ERROR_NOT_LOGGED_IN = 6,  /* credentials are missing; the message says how to log in */
    KLAUDE_ERROR_AUTH = 7,           /* credentials were rejected or could not be refreshed */
    KLAUDE_ERROR_RATE_LIMITED = 8,   /* 429 / usage limit; the message names the reset time */
    KLAUDE_ERROR_NETWORK = 9,        /* connect/read failures, cut streams */
    KLAUDE_ERROR_SERVER = 10,        /* the server answered with an error (4xx/5xx, failed) */
    KLAUDE_ERROR_PROTOCOL = 11,      /* the server answered something we cannot understand */
    KLAUDE_ERROR_IO = 12,            /* local files */
    KLAUDE_ERROR_END_OF_INPUT = 13,  /* host ask service: the input stream reached EOF */
    /* ABI 1.1. The server refused the model id: retired, not in the user's plan, or it needs
     * a newer client. The message quotes the server. The host answers with the catalog's
     * upgrade target or listed models (see client.h, list_models). */
    KLAUDE_ERROR_MODEL_UNAVAILABLE = 14
};

/* A short, stable, lower-case name for a status ("ok", "not_logged_in", ...). */
static inline const char* klaude_status_name(klaude_status_t status) {
    switch (status) {
        case KLAUDE_OK: return "ok";
        case KLAUDE_ERROR_INVALID_ARGUMENT: return "invalid_argument";
        case KLAUDE_ERROR_UNSUPPORTED: return "unsupported";
        case KLAUDE_ERROR_CANCELLED: return "cancelled";
        case KLAUDE_ERROR_TIMEOUT: return "timeout";
        case KLAUDE_ERROR_NOT_LOGGED_IN: return "not_logged_in";
        case KLAUDE_ERROR_AUTH: return "auth";
        case KLAUDE_ERROR_RATE_LIMITED: return "rate_limited";
        case KLAUDE_ERROR_NETWORK: return "network";
        case KLAUDE_ERROR_SERVER: return "server";
        case KLAUDE_ERROR_PROTOCOL: return "protocol";
        case KLAUDE_ERROR_IO: return "io";
        case KLAUDE_ERROR_END_OF_INPUT: return "end_of_input";
        case KLAUDE_ERROR_MODEL_UNAVAILABLE: return "model_unavailable";
        default: return "error";
    }
}

#ifdef __cplusplus
}
#endif

#endif /* KLAUDE_ABI_STATUS_H */
