#include "core/config/config_init.h"

#include <system_error>

#include "core/config/config.h"
#include "core/config/config_loader.h"
#include "core/config/embedded_config.h"
#include "core/config/klaude_home.h"

namespace klaude::core {

std::filesystem::path init_config(const std::filesystem::path& home, bool force) {
    ensure_klaude_home(home);
    const auto path = config_path(home);
    std::error_code ec;
    // symlink_status: a dangling symlink is still something we would overwrite.
    if (!force && std::filesystem::exists(std::filesystem::symlink_status(path, ec))) {
        throw ConfigError(path.string() +
                          " already exists; use 'klaude config init --force' to replace it "
                          "with the example (your changes would be lost)");
    }
    write_private_file(path, example_config());
    return path;
}

}  // namespace klaude::core
