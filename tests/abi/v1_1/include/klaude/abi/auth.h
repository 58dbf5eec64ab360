/* klaude plugin ABI: auth providers, the hook behind `klaude auth login|logout|status`.
 *
 * Optional. A plugin that manages credentials for some of its providers returns a factory for
 * KLAUDE_AUTH_FACTORY_ID. The host never knows how a login works: it parses the options the
 * descriptor declares from the command line (GNU style, `--name` / `--name VALUE`), shows them
 * in `klaude auth login <provider> --help`, and passes them to the plugin as a JSON object
 * ({"no-browser":true,"port":1455}). Everything the login needs from the user goes through
 * the host services (print, open_url, ask, confirm).
 */
#ifndef KLAUDE_ABI_AUTH_H
#define KLAUDE_ABI_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KLAUDE_AUTH_FACTORY_ID "klaude.auth/1"

typedef enum klaude_option_type {
    KLAUDE_OPTION_FLAG = 0,    /* --name; JSON true when given */
    KLAUDE_OPTION_STRING = 1,  /* --name VALUE; JSON string */
    KLAUDE_OPTION_INTEGER = 2  /* --name N; JSON number */
} klaude_option_type_t;

typedef struct klaude_option {
    uint32_t struct_size;   /* sizeof(klaude_option_t) */
    const char* name;       /* without dashes: "no-browser" */
    uint32_t type;          /* klaude_option_type_t */
    const char* value_name; /* for help: "PORT"; NULL for flags */
    const char* help;       /* one line */
} klaude_option_t;

typedef struct klaude_auth_descriptor {
    uint32_t struct_size;   /* sizeof(klaude_auth_descriptor_t) */
    const char* provider_id;
    const char* summary;    /* one line for help: "Sign in with your ChatGPT account" */
    const klaude_option_t* const* login_options;
    uint32_t login_option_count;
    const klaude_option_t* const* logout_options;
    uint32_t logout_option_count;
} klaude_auth_descriptor_t;

typedef enum klaude_auth_state {
    KLAUDE_AUTH_NOT_LOGGED_IN = 0,
    KLAUDE_AUTH_LOGGED_IN = 1,
    KLAUDE_AUTH_EXPIRED_REFRESHABLE = 2, /* the access token expired, a refresh will renew it */
    KLAUDE_AUTH_INVALID = 3              /* stored credentials unusable; detail says why */
} klaude_auth_state_t;

/* Filled by the plugin's `status`. Allocated and zeroed by the host, which sets struct_size;
 * the plugin writes only fields that fit in struct_size. Strings are NUL-terminated UTF-8. */
typedef struct klaude_auth_status {
    uint32_t struct_size;
    int32_t state;       /* klaude_auth_state_t */
    int64_t expires_at;  /* epoch seconds of access-token expiry; 0 = unknown */
    char account[64];    /* masked account id ("4f2a9c1e…"); never a full id */
    char plan[32];       /* "plus", "pro", …; may be empty */
    char email[128];     /* may be empty */
    char detail[256];    /* one more line for the user (where to see usage, what is wrong) */
} klaude_auth_status_t;

typedef struct klaude_auth {
    uint32_t struct_size; /* sizeof(klaude_auth_t) */
    void* data;           /* the plugin's */

    /* [main-thread] Interactive login with the parsed options. May take minutes; polls the
     * host's is_cancelled. */
    klaude_status_t (*login)(struct klaude_auth* self, const char* options_json, char* err,
                             size_t err_capacity);
    /* [main-thread] Forgets the stored credentials. Asks the host to confirm unless the
     * options say otherwise. Not being logged in is not an error (print says so). */
    klaude_status_t (*logout)(struct klaude_auth* self, const char* options_json, char* err,
                              size_t err_capacity);
    /* [main-thread] Reports the login state without network access. */
    klaude_status_t (*status)(struct klaude_auth* self, klaude_auth_status_t* out, char* err,
                              size_t err_capacity);
    /* [main-thread] Frees the object. */
    void (*destroy)(struct klaude_auth* self);
} klaude_auth_t;

typedef struct klaude_auth_factory {
    uint32_t struct_size; /* sizeof(klaude_auth_factory_t) */

    /* [main-thread] The auth descriptor for `provider_id`, or NULL when this plugin does not
     * manage that provider's credentials. Valid until deinit. */
    const klaude_auth_descriptor_t* (*get_descriptor)(const struct klaude_auth_factory* self,
                                                      const char* provider_id);

    /* [main-thread] Creates the auth object for `provider_id` with the configured provider
     * (same JSON as create_client). */
    klaude_status_t (*create)(const struct klaude_auth_factory* self, const char* provider_id,
                              const char* config_json, klaude_auth_t** out, char* err,
                              size_t err_capacity);
} klaude_auth_factory_t;

#ifdef __cplusplus
}
#endif

#endif /* KLAUDE_ABI_AUTH_H */
