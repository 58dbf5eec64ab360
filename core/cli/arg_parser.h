// A small GNU-style command-line parser: long options (--name, --name=VALUE, --name VALUE),
// short options (-v, -m VALUE, -mVALUE, bundled flags -vv), repeatable options, `--` ends
// options. Each command declares what it accepts; anything else is a usage error (exit 2).
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace klaude::core {

// A command-line mistake; what() is one line. The CLI prints it with a pointer to --help and
// exits with code 2.
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct OptionSpec {
    std::string name;     // long name without dashes
    char short_name = 0;  // 0: none
    bool takes_value = false;
    std::string value_name;  // for help: "DIR"
    std::string help;
};

class ParsedArgs {
  public:
    bool has(const std::string& name) const { return values_.count(name) > 0; }
    // The last value given (options given several times keep all values in order).
    std::optional<std::string> value(const std::string& name) const;
    const std::vector<std::string>& values(const std::string& name) const;
    int count(const std::string& name) const;
    const std::vector<std::string>& positionals() const { return positionals_; }

    void add(const std::string& name, std::string value) {
        values_[name].push_back(std::move(value));
    }
    void add_positional(std::string value) { positionals_.push_back(std::move(value)); }

  private:
    std::map<std::string, std::vector<std::string>> values_;
    std::vector<std::string> positionals_;
};

// Parses `args` against `specs`. With `stop_at_first_positional`, everything from the first
// positional on is left as positionals unparsed (for commands that forward the rest, like
// `auth login codex --port 1455`). Throws UsageError.
ParsedArgs parse_args(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs,
                      bool stop_at_first_positional = false);

// "  -m, --model MODEL   help" lines, aligned.
std::string format_options(const std::vector<OptionSpec>& specs);

}  // namespace klaude::core
