/* klaude plugin ABI: the plugin entry, the one symbol a plugin exports.
 *
 * A plugin is a shared library exporting one constant data symbol, `klaude_plugin_entry`, of
 * type klaude_plugin_entry_t. The host reads `abi_version` and `struct_size` before it runs any
 * plugin code, refuses incompatible plugins, then calls `init`, `get_factory` and, before
 * unloading, `deinit`.
 *
 * Rules for plugin authors:
 *  - The entry is constant data: define it with KLAUDE_PLUGIN_ENTRY_DEFINE (or KLAUDE_PLUGIN
 *    from the C++ SDK). No static initialisers with side effects anywhere in the plugin:
 *    `dlopen` runs them before the host has checked the version. Do the work in `init`.
 *  - Export nothing else (build with -fvisibility=hidden and a version script; the SDK's
 *    CMake function klaude_add_plugin does it).
 *  - No exception, C++ type or allocator crosses the ABI. Every pointer has an owner, stated
 *    where it is declared.
 */
#ifndef KLAUDE_ABI_ENTRY_H
#define KLAUDE_ABI_ENTRY_H

#include <stddef.h>
#include <stdint.h>

#include "host.h"
#include "status.h"
#include "version.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KLAUDE_PLUGIN_ENTRY_SYMBOL "klaude_plugin_entry"

typedef struct klaude_plugin_entry {
    klaude_version_t abi_version; /* KLAUDE_ABI_VERSION_INIT of the headers built against */
    uint32_t struct_size;         /* sizeof(klaude_plugin_entry_t) */

    const char* id;          /* reverse-DNS, unique: "dev.klaude.responses" */
    const char* name;        /* for humans: "OpenAI Responses" */
    const char* version;     /* the plugin's own version: "1.2.0" */
    const char* vendor;      /* may be NULL */
    const char* description; /* one line, may be NULL */

    /* [main-thread] Called once after loading. `host` stays valid until deinit returns.
     * On failure, return an error status with a message; the host then unloads the plugin
     * without calling deinit. */
    klaude_status_t (*init)(const klaude_host_t* host, char* err, size_t err_capacity);

    /* [main-thread] Called once before unloading, after every object the plugin created has
     * been destroyed. */
    void (*deinit)(void);

    /* [main-thread] Returns the factory for a revisioned id (KLAUDE_PROVIDER_FACTORY_ID,
     * KLAUDE_AUTH_FACTORY_ID, …), or NULL when the plugin does not offer it. Only called
     * between init and deinit. The pointer stays valid until deinit. */
    const void* (*get_factory)(const char* factory_id);
} klaude_plugin_entry_t;

#if defined(_WIN32)
#define KLAUDE_EXPORT __declspec(dllexport)
#else
#define KLAUDE_EXPORT __attribute__((visibility("default")))
#endif

/* Defines the entry: KLAUDE_PLUGIN_ENTRY_DEFINE = { KLAUDE_ABI_VERSION_INIT, sizeof(...), ... }; */
#ifdef __cplusplus
#define KLAUDE_PLUGIN_ENTRY_DEFINE \
    extern "C" KLAUDE_EXPORT const klaude_plugin_entry_t klaude_plugin_entry
#else
#define KLAUDE_PLUGIN_ENTRY_DEFINE KLAUDE_EXPORT const klaude_plugin_entry_t klaude_plugin_entry
#endif

#ifdef __cplusplus
}
#endif

#endif /* KLAUDE_ABI_ENTRY_H */
