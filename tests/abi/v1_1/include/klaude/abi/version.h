/* klaude plugin ABI: version numbers and the compatibility rule.
 *
 * The ABI is versioned {major, minor, patch}:
 *  - major: a breaking change. A host loads only plugins of its own major.
 *  - minor: additive changes (new fields appended to structs, new factory/extension ids).
 *    A plugin built for minor N loads in every host of minor >= N. A plugin that needs a newer
 *    minor than the host offers is refused, with a message naming both versions.
 *  - patch: documentation and clarifications only; never affects loading.
 *
 * Changelog (append only):
 *  1.0.0  first release: entry, host services, provider factory, client, events, auth.
 *  1.1.0  live model catalogs: klaude_client_t.list_models and klaude_catalog_request_t
 *         (client.h), klaude_provider_descriptor_t.catalog_json (provider.h), the catalog
 *         JSON schema (docs/plugin-authoring.md), status KLAUDE_ERROR_MODEL_UNAVAILABLE.
 *         Provider-neutral items: opaque "provider_state" on output items, returned only to
 *         their maker (client.h); the host enforces KLAUDE_EVENT_COMPLETED and
 *         KLAUDE_EVENT_TOOL_CALL as the one source of tool calls (events.h).
 */
#ifndef KLAUDE_ABI_VERSION_H
#define KLAUDE_ABI_VERSION_H

#include <stdint.h>

#define KLAUDE_ABI_VERSION_MAJOR 1
#define KLAUDE_ABI_VERSION_MINOR 1
#define KLAUDE_ABI_VERSION_PATCH 0

#ifdef __cplusplus
extern "C" {
#endif

typedef struct klaude_version {
    uint32_t major;
    uint32_t minor;
    uint32_t patch;
} klaude_version_t;

#define KLAUDE_ABI_VERSION_INIT \
    { KLAUDE_ABI_VERSION_MAJOR, KLAUDE_ABI_VERSION_MINOR, KLAUDE_ABI_VERSION_PATCH }

/* Non-zero when a host speaking `host` can load a plugin built for `plugin`. */
static inline int klaude_version_is_compatible(klaude_version_t host, klaude_version_t plugin) {
    return host.major == plugin.major && plugin.minor <= host.minor;
}

#ifdef __cplusplus
}
#endif

#endif /* KLAUDE_ABI_VERSION_H */
