// A loopback TCP port that is free right now, for servers that must be told their port up front
// (the OAuth peer registers its callback ports before the callback server exists).
#pragma once

#include <cstdint>

namespace klaude::testing {

// Binds 127.0.0.1:0, reads the port the kernel chose and releases it. Another process may take
// it before the caller binds it, so use it only where port 0 cannot be passed down; the kernel
// hands out ephemeral ports in rotation, which makes an immediate reuse unlikely.
uint16_t free_port();

}  // namespace klaude::testing
