#include "core/config/config_loader.h"

#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>

#include "core/config/config_layer.h"
#include "core/config/config_merge.h"
#include "core/config/embedded_config.h"

namespace klaude::core {

namespace fs = std::filesystem;

namespace {

constexpr const char* kEmbeddedSource = "embedded default config";

}  // namespace

fs::path config_path(const fs::path& home) {
    return home / "config.json";
}

Config default_config() {
    std::vector<std::string> warnings;
    Config config;
    // The embedded text is tested; a failure here is a bug in klaude, reported as such.
    merge_config_layer(config,
                       parse_config_layer(embedded_default_config(), kEmbeddedSource, warnings));
    return config;
}

Config load_config_text(std::string_view text, const std::string& source,
                        std::vector<std::string>& warnings) {
    Config config = default_config();
    merge_config_layer(config, parse_config_layer(text, source, warnings));
    return config;
}

LoadedConfig load_config_file(const fs::path& file) {
    LoadedConfig loaded;
    loaded.path = file;
    std::error_code ec;
    const auto status = fs::status(file, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) {
        throw ConfigError(file.string() + ": cannot read: " + ec.message() +
                          "; check its permissions");
    }
    if (!fs::exists(status)) {
        loaded.config = default_config();
        return loaded;
    }
    if (!fs::is_regular_file(status)) {
        throw ConfigError(file.string() +
                          ": not a regular file; expected a JSON config file "
                          "(move it away or create one with 'klaude config init')");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in.is_open()) {
        throw ConfigError(file.string() + ": cannot read: " +
                          std::generic_category().message(errno) + "; check its permissions");
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        throw ConfigError(file.string() + ": read error; check the file and the disk");
    }
    loaded.file_found = true;
    loaded.config = load_config_text(text.str(), file.string(), loaded.warnings);
    return loaded;
}

LoadedConfig load_config(const fs::path& home) {
    return load_config_file(config_path(home));
}

}  // namespace klaude::core
