#include "core/mcp/transport.h"

#include "core/mcp/http_transport.h"
#include "core/mcp/stdio_process.h"

namespace klaude::core::mcp {

std::unique_ptr<Transport> open_transport(const McpServerConfig& config,
                                          Transport::Handlers handlers) {
    if (config.url) {
        return std::make_unique<HttpTransport>(config, std::move(handlers));
    }
    SpawnSpec spec;
    spec.argv = config.command;
    spec.env = config.env;
    if (config.cwd) {
        spec.cwd = *config.cwd;
    }
    return std::make_unique<StdioProcess>(spec, "mcp:" + config.name, std::move(handlers));
}

}  // namespace klaude::core::mcp
