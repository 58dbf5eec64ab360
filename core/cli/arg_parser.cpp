#include "core/cli/arg_parser.h"

#include <algorithm>

namespace klaude::core {

std::optional<std::string> ParsedArgs::value(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end() || it->second.empty()) {
        return std::nullopt;
    }
    return it->second.back();
}

const std::vector<std::string>& ParsedArgs::values(const std::string& name) const {
    static const std::vector<std::string> kNone;
    auto it = values_.find(name);
    return it == values_.end() ? kNone : it->second;
}

int ParsedArgs::count(const std::string& name) const {
    return static_cast<int>(values(name).size());
}

ParsedArgs parse_args(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs,
                      bool stop_at_first_positional) {
    ParsedArgs parsed;
    auto find_long = [&](const std::string& name) -> const OptionSpec* {
        for (const OptionSpec& spec : specs) {
            if (spec.name == name) {
                return &spec;
            }
        }
        return nullptr;
    };
    auto find_short = [&](char c) -> const OptionSpec* {
        for (const OptionSpec& spec : specs) {
            if (spec.short_name != 0 && spec.short_name == c) {
                return &spec;
            }
        }
        return nullptr;
    };

    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--") {
            for (++i; i < args.size(); ++i) {
                parsed.add_positional(args[i]);
            }
            break;
        }
        if (arg.size() > 2 && arg.compare(0, 2, "--") == 0) {
            std::string name = arg.substr(2);
            std::optional<std::string> inline_value;
            if (auto eq = name.find('='); eq != std::string::npos) {
                inline_value = name.substr(eq + 1);
                name.resize(eq);
            }
            const OptionSpec* spec = find_long(name);
            if (spec == nullptr) {
                throw UsageError("unknown option '--" + name + "'");
            }
            if (!spec->takes_value) {
                if (inline_value) {
                    throw UsageError("option '--" + name + "' takes no value");
                }
                parsed.add(spec->name, "");
                continue;
            }
            if (inline_value) {
                parsed.add(spec->name, *inline_value);
            } else if (i + 1 < args.size()) {
                parsed.add(spec->name, args[++i]);
            } else {
                throw UsageError("option '--" + name + "' needs a value (" + spec->value_name +
                                 ")");
            }
            continue;
        }
        if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
            for (size_t k = 1; k < arg.size(); ++k) {
                const OptionSpec* spec = find_short(arg[k]);
                if (spec == nullptr) {
                    throw UsageError(std::string("unknown option '-") + arg[k] + "'");
                }
                if (!spec->takes_value) {
                    parsed.add(spec->name, "");
                    continue;
                }
                if (k + 1 < arg.size()) {
                    parsed.add(spec->name, arg.substr(k + 1));
                } else if (i + 1 < args.size()) {
                    parsed.add(spec->name, args[++i]);
                } else {
                    throw UsageError(std::string("option '-") + arg[k] + "' needs a value (" +
                                     spec->value_name + ")");
                }
                break;
            }
            continue;
        }
        parsed.add_positional(arg);
        if (stop_at_first_positional) {
            for (++i; i < args.size(); ++i) {
                parsed.add_positional(args[i]);
            }
            break;
        }
    }
    return parsed;
}

std::string format_options(const std::vector<OptionSpec>& specs) {
    std::vector<std::pair<std::string, std::string>> rows;
    size_t width = 0;
    for (const OptionSpec& spec : specs) {
        std::string left =
            spec.short_name != 0 ? std::string("-") + spec.short_name + ", " : "    ";
        left += "--" + spec.name;
        if (spec.takes_value) {
            left += " " + (spec.value_name.empty() ? std::string("VALUE") : spec.value_name);
        }
        width = std::max(width, left.size());
        rows.emplace_back(std::move(left), spec.help);
    }
    std::string out;
    for (const auto& [left, help] : rows) {
        out += "  " + left + std::string(width - left.size() + 2, ' ') + help + "\n";
    }
    return out;
}

}  // namespace klaude::core
