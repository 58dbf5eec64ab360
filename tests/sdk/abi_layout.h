/* The frozen layout of ABI v1 on LP64 (x86_64, aarch64): sizes and offsets of every struct.
 * Included from a C11 and a C++17 translation unit, both compiled with -pedantic, so the
 * headers stay clean in both languages and no field can move without a test failing.
 * A new minor version only appends fields: offsets never change; a struct that grows gets its
 * new fields and its new size (marked with the minor that added them). */
#include <stddef.h>

#include "klaude/klaude.h"

#ifdef __cplusplus
#define KLAUDE_STATIC_ASSERT static_assert
#else
#define KLAUDE_STATIC_ASSERT _Static_assert
#endif

#define KLAUDE_CHECK_SIZE(type, size) KLAUDE_STATIC_ASSERT(sizeof(type) == (size), #type " size")
#define KLAUDE_CHECK_OFFSET(type, field, offset) \
    KLAUDE_STATIC_ASSERT(offsetof(type, field) == (offset), #type "." #field " offset")

KLAUDE_STATIC_ASSERT(sizeof(void*) == 8, "the layout below is for LP64");

KLAUDE_CHECK_SIZE(klaude_version_t, 12);
KLAUDE_CHECK_OFFSET(klaude_version_t, minor, 4);
KLAUDE_CHECK_OFFSET(klaude_version_t, patch, 8);

/* The entry: version and struct_size first, readable before any plugin code runs. */
KLAUDE_CHECK_OFFSET(klaude_plugin_entry_t, abi_version, 0);
KLAUDE_CHECK_OFFSET(klaude_plugin_entry_t, struct_size, 12);
KLAUDE_CHECK_OFFSET(klaude_plugin_entry_t, id, 16);
KLAUDE_CHECK_OFFSET(klaude_plugin_entry_t, name, 24);
KLAUDE_CHECK_OFFSET(klaude_plugin_entry_t, version, 32);
KLAUDE_CHECK_OFFSET(klaude_plugin_entry_t, vendor, 40);
KLAUDE_CHECK_OFFSET(klaude_plugin_entry_t, description, 48);
KLAUDE_CHECK_OFFSET(klaude_plugin_entry_t, init, 56);
KLAUDE_CHECK_OFFSET(klaude_plugin_entry_t, deinit, 64);
KLAUDE_CHECK_OFFSET(klaude_plugin_entry_t, get_factory, 72);
KLAUDE_CHECK_SIZE(klaude_plugin_entry_t, 80);

KLAUDE_CHECK_OFFSET(klaude_host_t, struct_size, 0);
KLAUDE_CHECK_OFFSET(klaude_host_t, abi_version, 4);
KLAUDE_CHECK_OFFSET(klaude_host_t, host_name, 16);
KLAUDE_CHECK_OFFSET(klaude_host_t, host_version, 24);
KLAUDE_CHECK_OFFSET(klaude_host_t, host_data, 32);
KLAUDE_CHECK_OFFSET(klaude_host_t, log, 40);
KLAUDE_CHECK_OFFSET(klaude_host_t, print, 48);
KLAUDE_CHECK_OFFSET(klaude_host_t, open_url, 56);
KLAUDE_CHECK_OFFSET(klaude_host_t, ask, 64);
KLAUDE_CHECK_OFFSET(klaude_host_t, confirm, 72);
KLAUDE_CHECK_OFFSET(klaude_host_t, home_dir, 80);
KLAUDE_CHECK_OFFSET(klaude_host_t, is_cancelled, 88);
KLAUDE_CHECK_SIZE(klaude_host_t, 96);

KLAUDE_CHECK_OFFSET(klaude_ask_request_t, prompt, 8);
KLAUDE_CHECK_OFFSET(klaude_ask_request_t, secret, 16);
KLAUDE_CHECK_OFFSET(klaude_ask_request_t, timeout_ms, 20);
KLAUDE_CHECK_OFFSET(klaude_ask_request_t, should_stop, 24);
KLAUDE_CHECK_OFFSET(klaude_ask_request_t, context, 32);
KLAUDE_CHECK_SIZE(klaude_ask_request_t, 40);

KLAUDE_CHECK_OFFSET(klaude_event_t, type, 4);
KLAUDE_CHECK_OFFSET(klaude_event_t, data, 8);
KLAUDE_CHECK_OFFSET(klaude_event_t, size, 16);
KLAUDE_CHECK_SIZE(klaude_event_t, 24);

KLAUDE_CHECK_OFFSET(klaude_sink_t, data, 8);
KLAUDE_CHECK_OFFSET(klaude_sink_t, on_event, 16);
KLAUDE_CHECK_SIZE(klaude_sink_t, 24);

KLAUDE_CHECK_OFFSET(klaude_client_t, data, 8);
KLAUDE_CHECK_OFFSET(klaude_client_t, stream, 16);
KLAUDE_CHECK_OFFSET(klaude_client_t, cancel, 24);
KLAUDE_CHECK_OFFSET(klaude_client_t, destroy, 32);
/* 1.1: list_models appended. */
KLAUDE_CHECK_OFFSET(klaude_client_t, list_models, 40);
KLAUDE_CHECK_SIZE(klaude_client_t, 48);

/* 1.1 */
KLAUDE_CHECK_OFFSET(klaude_catalog_request_t, timeout_ms, 4);
KLAUDE_CHECK_OFFSET(klaude_catalog_request_t, data, 8);
KLAUDE_CHECK_OFFSET(klaude_catalog_request_t, on_catalog, 16);
KLAUDE_CHECK_SIZE(klaude_catalog_request_t, 24);

KLAUDE_CHECK_OFFSET(klaude_model_info_t, id, 8);
KLAUDE_CHECK_OFFSET(klaude_model_info_t, display_name, 16);
KLAUDE_CHECK_OFFSET(klaude_model_info_t, context_window, 24);
KLAUDE_CHECK_OFFSET(klaude_model_info_t, max_output_tokens, 28);
KLAUDE_CHECK_OFFSET(klaude_model_info_t, capabilities, 32);
KLAUDE_CHECK_SIZE(klaude_model_info_t, 40);

KLAUDE_CHECK_OFFSET(klaude_provider_descriptor_t, id, 8);
KLAUDE_CHECK_OFFSET(klaude_provider_descriptor_t, display_name, 16);
KLAUDE_CHECK_OFFSET(klaude_provider_descriptor_t, protocol, 24);
KLAUDE_CHECK_OFFSET(klaude_provider_descriptor_t, description, 32);
KLAUDE_CHECK_OFFSET(klaude_provider_descriptor_t, models, 40);
KLAUDE_CHECK_OFFSET(klaude_provider_descriptor_t, model_count, 48);
/* 1.1: catalog_json appended. */
KLAUDE_CHECK_OFFSET(klaude_provider_descriptor_t, catalog_json, 56);
KLAUDE_CHECK_SIZE(klaude_provider_descriptor_t, 64);

KLAUDE_CHECK_OFFSET(klaude_provider_factory_t, provider_count, 8);
KLAUDE_CHECK_OFFSET(klaude_provider_factory_t, get_provider, 16);
KLAUDE_CHECK_OFFSET(klaude_provider_factory_t, create_client, 24);
KLAUDE_CHECK_SIZE(klaude_provider_factory_t, 32);

KLAUDE_CHECK_OFFSET(klaude_option_t, name, 8);
KLAUDE_CHECK_OFFSET(klaude_option_t, type, 16);
KLAUDE_CHECK_OFFSET(klaude_option_t, value_name, 24);
KLAUDE_CHECK_OFFSET(klaude_option_t, help, 32);
KLAUDE_CHECK_SIZE(klaude_option_t, 40);

KLAUDE_CHECK_OFFSET(klaude_auth_descriptor_t, provider_id, 8);
KLAUDE_CHECK_OFFSET(klaude_auth_descriptor_t, summary, 16);
KLAUDE_CHECK_OFFSET(klaude_auth_descriptor_t, login_options, 24);
KLAUDE_CHECK_OFFSET(klaude_auth_descriptor_t, login_option_count, 32);
KLAUDE_CHECK_OFFSET(klaude_auth_descriptor_t, logout_options, 40);
KLAUDE_CHECK_OFFSET(klaude_auth_descriptor_t, logout_option_count, 48);
KLAUDE_CHECK_SIZE(klaude_auth_descriptor_t, 56);

KLAUDE_CHECK_OFFSET(klaude_auth_status_t, state, 4);
KLAUDE_CHECK_OFFSET(klaude_auth_status_t, expires_at, 8);
KLAUDE_CHECK_OFFSET(klaude_auth_status_t, account, 16);
KLAUDE_CHECK_OFFSET(klaude_auth_status_t, plan, 80);
KLAUDE_CHECK_OFFSET(klaude_auth_status_t, email, 112);
KLAUDE_CHECK_OFFSET(klaude_auth_status_t, detail, 240);
KLAUDE_CHECK_SIZE(klaude_auth_status_t, 496);

KLAUDE_CHECK_OFFSET(klaude_auth_t, data, 8);
KLAUDE_CHECK_OFFSET(klaude_auth_t, login, 16);
KLAUDE_CHECK_OFFSET(klaude_auth_t, logout, 24);
KLAUDE_CHECK_OFFSET(klaude_auth_t, status, 32);
KLAUDE_CHECK_OFFSET(klaude_auth_t, destroy, 40);
KLAUDE_CHECK_SIZE(klaude_auth_t, 48);

KLAUDE_CHECK_OFFSET(klaude_auth_factory_t, get_descriptor, 8);
KLAUDE_CHECK_OFFSET(klaude_auth_factory_t, create, 16);
KLAUDE_CHECK_SIZE(klaude_auth_factory_t, 24);

/* Enum values are part of the ABI. */
KLAUDE_STATIC_ASSERT(KLAUDE_EVENT_TEXT_DELTA == 1 && KLAUDE_EVENT_FLUSH == 11, "event values");
KLAUDE_STATIC_ASSERT(KLAUDE_ERROR_END_OF_INPUT == 13, "status values");
KLAUDE_STATIC_ASSERT(KLAUDE_ERROR_MODEL_UNAVAILABLE == 14, "status values (1.1)");
