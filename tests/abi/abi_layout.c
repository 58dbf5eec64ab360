/* Compiled three times (tests/abi/CMakeLists.txt): against the frozen v1.0 headers as
 * klaude_abi_facts_v1_0, against the frozen v1.1 headers as klaude_abi_facts_v1_1, and against
 * sdk/include as klaude_abi_facts_current (KLAUDE_ABI_SUFFIX). The list names the v1.0 ABI and,
 * where the headers are 1.1 or later, what 1.1 appended; what later minors append is free to
 * exist in the current headers. */
#include <stddef.h>

#include "klaude/klaude.h"
#include "tests/abi/abi_layout.h"

/* The v1.0 copy must really be the one compiled (include order mistakes would hide a break). */
#if defined(KLAUDE_ABI_EXPECT_V1_0) && \
    (KLAUDE_ABI_VERSION_MAJOR != 1 || KLAUDE_ABI_VERSION_MINOR != 0)
#error "abi_layout.c (v1.0) must be compiled against tests/abi/v1_0/include"
#endif
#if defined(KLAUDE_ABI_EXPECT_V1_1) && \
    (KLAUDE_ABI_VERSION_MAJOR != 1 || KLAUDE_ABI_VERSION_MINOR != 1)
#error "abi_layout.c (v1.1) must be compiled against tests/abi/v1_1/include"
#endif

#define STRUCT(t) \
    { 'S', #t, sizeof(t), 0, NULL }
#define FIELD(t, f) \
    { 'F', #t "." #f, offsetof(t, f), sizeof(((t*)0)->f), NULL }
#define CONST(c) \
    { 'C', #c, (uint64_t)(c), 0, NULL }
#define TEXT(name, s) \
    { 'T', name, 0, 0, s }
#define VERSION(c) \
    { 'V', #c, (uint64_t)(c), 0, NULL }
/* KLAUDE_ABI_NAME(f) -> f_v1_0, f_v1_1 or f_current, from the KLAUDE_ABI_SUFFIX definition. */
#define KLAUDE_ABI_PASTE(a, b) a##b
#define KLAUDE_ABI_EXPAND(a, b) KLAUDE_ABI_PASTE(a, b)
#define KLAUDE_ABI_NAME(f) KLAUDE_ABI_EXPAND(f, KLAUDE_ABI_SUFFIX)

const klaude_abi_fact_t* KLAUDE_ABI_NAME(klaude_abi_facts)(void) {
    static const klaude_abi_fact_t table[] = {
        /* version.h */
        STRUCT(klaude_version_t),
        FIELD(klaude_version_t, major),
        FIELD(klaude_version_t, minor),
        FIELD(klaude_version_t, patch),
        CONST(KLAUDE_ABI_VERSION_MAJOR),
        VERSION(KLAUDE_ABI_VERSION_MINOR),
        /* status.h */
        CONST(KLAUDE_OK),
        CONST(KLAUDE_ERROR),
        CONST(KLAUDE_ERROR_INVALID_ARGUMENT),
        CONST(KLAUDE_ERROR_UNSUPPORTED),
        CONST(KLAUDE_ERROR_CANCELLED),
        CONST(KLAUDE_ERROR_TIMEOUT),
        CONST(KLAUDE_ERROR_NOT_LOGGED_IN),
        CONST(KLAUDE_ERROR_AUTH),
        CONST(KLAUDE_ERROR_RATE_LIMITED),
        CONST(KLAUDE_ERROR_NETWORK),
        CONST(KLAUDE_ERROR_SERVER),
        CONST(KLAUDE_ERROR_PROTOCOL),
        CONST(KLAUDE_ERROR_IO),
        CONST(KLAUDE_ERROR_END_OF_INPUT),
        CONST(sizeof(klaude_status_t)),
        /* entry.h */
        TEXT("KLAUDE_PLUGIN_ENTRY_SYMBOL", KLAUDE_PLUGIN_ENTRY_SYMBOL),
        STRUCT(klaude_plugin_entry_t),
        FIELD(klaude_plugin_entry_t, abi_version),
        FIELD(klaude_plugin_entry_t, struct_size),
        FIELD(klaude_plugin_entry_t, id),
        FIELD(klaude_plugin_entry_t, name),
        FIELD(klaude_plugin_entry_t, version),
        FIELD(klaude_plugin_entry_t, vendor),
        FIELD(klaude_plugin_entry_t, description),
        FIELD(klaude_plugin_entry_t, init),
        FIELD(klaude_plugin_entry_t, deinit),
        FIELD(klaude_plugin_entry_t, get_factory),
        /* host.h */
        CONST(KLAUDE_LOG_DEBUG),
        CONST(KLAUDE_LOG_INFO),
        CONST(KLAUDE_LOG_WARNING),
        CONST(KLAUDE_LOG_ERROR),
        CONST(KLAUDE_LOG_MISBEHAVIOUR),
        STRUCT(klaude_ask_request_t),
        FIELD(klaude_ask_request_t, struct_size),
        FIELD(klaude_ask_request_t, prompt),
        FIELD(klaude_ask_request_t, secret),
        FIELD(klaude_ask_request_t, timeout_ms),
        FIELD(klaude_ask_request_t, should_stop),
        FIELD(klaude_ask_request_t, context),
        STRUCT(klaude_host_t),
        FIELD(klaude_host_t, struct_size),
        FIELD(klaude_host_t, abi_version),
        FIELD(klaude_host_t, host_name),
        FIELD(klaude_host_t, host_version),
        FIELD(klaude_host_t, host_data),
        FIELD(klaude_host_t, log),
        FIELD(klaude_host_t, print),
        FIELD(klaude_host_t, open_url),
        FIELD(klaude_host_t, ask),
        FIELD(klaude_host_t, confirm),
        FIELD(klaude_host_t, home_dir),
        FIELD(klaude_host_t, is_cancelled),
        /* events.h */
        CONST(KLAUDE_EVENT_TEXT_DELTA),
        CONST(KLAUDE_EVENT_REASONING_DELTA),
        CONST(KLAUDE_EVENT_TOOL_CALL),
        CONST(KLAUDE_EVENT_USAGE),
        CONST(KLAUDE_EVENT_RATE_LIMIT),
        CONST(KLAUDE_EVENT_COMPLETED),
        CONST(KLAUDE_EVENT_ERROR),
        CONST(KLAUDE_EVENT_OUTPUT_ITEM),
        CONST(KLAUDE_EVENT_CREATED),
        CONST(KLAUDE_EVENT_REASONING_BREAK),
        CONST(KLAUDE_EVENT_FLUSH),
        STRUCT(klaude_event_t),
        FIELD(klaude_event_t, struct_size),
        FIELD(klaude_event_t, type),
        FIELD(klaude_event_t, data),
        FIELD(klaude_event_t, size),
        STRUCT(klaude_sink_t),
        FIELD(klaude_sink_t, struct_size),
        FIELD(klaude_sink_t, data),
        FIELD(klaude_sink_t, on_event),
        /* client.h */
        STRUCT(klaude_client_t),
        FIELD(klaude_client_t, struct_size),
        FIELD(klaude_client_t, data),
        FIELD(klaude_client_t, stream),
        FIELD(klaude_client_t, cancel),
        FIELD(klaude_client_t, destroy),
        /* provider.h */
        TEXT("KLAUDE_PROVIDER_FACTORY_ID", KLAUDE_PROVIDER_FACTORY_ID),
        CONST(KLAUDE_MODEL_REASONING),
        CONST(KLAUDE_MODEL_TOOLS),
        CONST(KLAUDE_MODEL_IMAGES),
        STRUCT(klaude_model_info_t),
        FIELD(klaude_model_info_t, struct_size),
        FIELD(klaude_model_info_t, id),
        FIELD(klaude_model_info_t, display_name),
        FIELD(klaude_model_info_t, context_window),
        FIELD(klaude_model_info_t, max_output_tokens),
        FIELD(klaude_model_info_t, capabilities),
        STRUCT(klaude_provider_descriptor_t),
        FIELD(klaude_provider_descriptor_t, struct_size),
        FIELD(klaude_provider_descriptor_t, id),
        FIELD(klaude_provider_descriptor_t, display_name),
        FIELD(klaude_provider_descriptor_t, protocol),
        FIELD(klaude_provider_descriptor_t, description),
        FIELD(klaude_provider_descriptor_t, models),
        FIELD(klaude_provider_descriptor_t, model_count),
        STRUCT(klaude_provider_factory_t),
        FIELD(klaude_provider_factory_t, struct_size),
        FIELD(klaude_provider_factory_t, provider_count),
        FIELD(klaude_provider_factory_t, get_provider),
        FIELD(klaude_provider_factory_t, create_client),
        /* auth.h */
        TEXT("KLAUDE_AUTH_FACTORY_ID", KLAUDE_AUTH_FACTORY_ID),
        CONST(KLAUDE_OPTION_FLAG),
        CONST(KLAUDE_OPTION_STRING),
        CONST(KLAUDE_OPTION_INTEGER),
        CONST(KLAUDE_AUTH_NOT_LOGGED_IN),
        CONST(KLAUDE_AUTH_LOGGED_IN),
        CONST(KLAUDE_AUTH_EXPIRED_REFRESHABLE),
        CONST(KLAUDE_AUTH_INVALID),
        STRUCT(klaude_option_t),
        FIELD(klaude_option_t, struct_size),
        FIELD(klaude_option_t, name),
        FIELD(klaude_option_t, type),
        FIELD(klaude_option_t, value_name),
        FIELD(klaude_option_t, help),
        STRUCT(klaude_auth_descriptor_t),
        FIELD(klaude_auth_descriptor_t, struct_size),
        FIELD(klaude_auth_descriptor_t, provider_id),
        FIELD(klaude_auth_descriptor_t, summary),
        FIELD(klaude_auth_descriptor_t, login_options),
        FIELD(klaude_auth_descriptor_t, login_option_count),
        FIELD(klaude_auth_descriptor_t, logout_options),
        FIELD(klaude_auth_descriptor_t, logout_option_count),
        STRUCT(klaude_auth_status_t),
        FIELD(klaude_auth_status_t, struct_size),
        FIELD(klaude_auth_status_t, state),
        FIELD(klaude_auth_status_t, expires_at),
        FIELD(klaude_auth_status_t, account),
        FIELD(klaude_auth_status_t, plan),
        FIELD(klaude_auth_status_t, email),
        FIELD(klaude_auth_status_t, detail),
        STRUCT(klaude_auth_t),
        FIELD(klaude_auth_t, struct_size),
        FIELD(klaude_auth_t, data),
        FIELD(klaude_auth_t, login),
        FIELD(klaude_auth_t, logout),
        FIELD(klaude_auth_t, status),
        FIELD(klaude_auth_t, destroy),
        STRUCT(klaude_auth_factory_t),
        FIELD(klaude_auth_factory_t, struct_size),
        FIELD(klaude_auth_factory_t, get_descriptor),
        FIELD(klaude_auth_factory_t, create),
#if KLAUDE_ABI_VERSION_MAJOR > 1 || KLAUDE_ABI_VERSION_MINOR >= 1
        /* ---- ABI 1.1: live model catalogs (struct sizes above grew with these) ---- */
        CONST(KLAUDE_ERROR_MODEL_UNAVAILABLE),
        STRUCT(klaude_catalog_request_t),
        FIELD(klaude_catalog_request_t, struct_size),
        FIELD(klaude_catalog_request_t, timeout_ms),
        FIELD(klaude_catalog_request_t, data),
        FIELD(klaude_catalog_request_t, on_catalog),
        FIELD(klaude_client_t, list_models),
        FIELD(klaude_provider_descriptor_t, catalog_json),
#endif
        {0, NULL, 0, 0, NULL}
    };
    return table;
}

/* The status names are stable strings too (KLAUDE_EVENT_ERROR payloads carry them). */
const char* KLAUDE_ABI_NAME(klaude_abi_status_name)(int32_t status) {
    return klaude_status_name(status);
}
