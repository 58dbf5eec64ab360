// klaude C++ SDK (header-only): everything a C++ plugin needs. See docs/plugin-authoring.md.
#pragma once

#include "klaude/sdk/auth.hpp"
#include "klaude/sdk/client.hpp"
#include "klaude/sdk/descriptors.hpp"
#include "klaude/sdk/error.hpp"
#include "klaude/sdk/event_sink.hpp"
#include "klaude/sdk/host.hpp"
#include "klaude/sdk/plugin.hpp"
