// The generic streaming pieces the Responses client is built on live in the SDK's optional
// support library (sdk/support, target klaude::sdk_support) so third-party providers can use
// them too; this header brings them into klaude::responses under their old names.
#pragma once

#include "klaude/support/cancel_signal.h"
#include "klaude/support/http_errors.h"
#include "klaude/support/http_stream.h"
#include "klaude/support/json.h"
#include "klaude/support/proxy_env.h"
#include "klaude/support/retry_policy.h"
#include "klaude/support/sse_parser.h"
#include "klaude/support/tls_context.h"

namespace klaude::responses {

using support::CancelSignal;
using support::EnvLookup;
using support::find_header;
using support::HeaderList;
using support::HostCancelWatcher;
using support::HttpOptions;
using support::HttpStream;
using support::is_model_refusal;
using support::make_tls_context;
using support::no_proxy_matches;
using support::one_line;
using support::parse_error_body;
using support::proxy_for;
using support::ProxyTarget;
using support::real_env;
using support::retry_after;
using support::RetryPolicy;
using support::ServerError;
using support::SseEvent;
using support::SseParser;
using support::status_for_http;
using support::TlsVerificationError;

}  // namespace klaude::responses
