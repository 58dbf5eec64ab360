/* klaude plugin ABI v1: everything a plugin written in C needs. See docs/plugin-authoring.md. */
#ifndef KLAUDE_KLAUDE_H
#define KLAUDE_KLAUDE_H

#include "abi/auth.h"
#include "abi/client.h"
#include "abi/entry.h"
#include "abi/events.h"
#include "abi/host.h"
#include "abi/provider.h"
#include "abi/status.h"
#include "abi/version.h"

#endif /* KLAUDE_KLAUDE_H */
