#include "core/tui/approval_prompt.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include "core/tui/diff_view.h"
#include "core/tui/key_reader.h"
#include "core/tui/text_width.h"

namespace klaude::core::tui {

namespace {

constexpr int kDefaultRows = 24;

int terminal_rows() {
    struct winsize size {};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_row > 0) {
        return size.ws_row;
    }
    return kDefaultRows;
}

std::string printable(std::string_view text, bool unicode) {
    std::string out;
    append_visible(out, text, unicode);
    return out;
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

std::string render_approval_request(const agent::ApprovalRequest& request, const Theme& theme,
                                    bool unicode, std::size_t max_diff_rows) {
    std::string out;
    // "run: CMD" says nothing the "$ CMD" row below does not; a summary with more ("(in dir)")
    // stays.
    if (request.command.empty() || request.summary != "run: " + request.command) {
        theme.paint(out, Role::kStrong, printable(request.summary, unicode));
        out += '\n';
    }
    if (!request.diff.empty()) {
        out += render_diff(request.diff, theme, max_diff_rows, unicode);
    } else if (!request.command.empty()) {
        // A multi-line script keeps its lines, indented under the "$".
        std::string_view rest = request.command;
        bool first = true;
        while (!rest.empty()) {
            const std::size_t end = std::min(rest.find('\n'), rest.size());
            out += first ? "  $ " : "    ";
            theme.paint(out, Role::kStrong, printable(rest.substr(0, end), unicode));
            out += '\n';
            rest.remove_prefix(std::min(end + 1, rest.size()));
            first = false;
        }
    } else if (!request.arguments.empty()) {
        out += "  arguments: " + printable(request.arguments, unicode) + "\n";
    }
    return out;
}

std::string render_approval_question(const std::string& scope, const Theme& theme, bool unicode) {
    const std::string separator = unicode ? " · " : " | ";
    auto option = [&theme](const char* key, const std::string& meaning) {
        return theme.paint(Role::kStrong, key) + " " + meaning;
    };
    return theme.paint(Role::kStrong, "Allow?") + "  " + option("y", "yes") + separator +
           option("a", "yes, don't ask again for " + scope) + separator + option("n", "no") +
           separator + option("e", "no, and say why") + " ";
}

TuiApprover::TuiApprover(Screen& screen, LineReader& reader, HostServices& host)
    : screen_(screen), reader_(reader), fallback_(host) {}

void TuiApprover::echo(const std::string& text) {
    screen_.end_line();
    screen_.write(screen_.theme().paint(Role::kDim, text) + "\n");
    screen_.flush();
}

agent::ApprovalDecision TuiApprover::decide(const agent::ApprovalRequest& request) {
    if (::isatty(STDIN_FILENO) != 1) {
        return {fallback_.approve(request), {}};
    }
    const bool unicode = screen_.caps().unicode;
    if (memory_.covers(request)) {
        echo(std::string(unicode ? "✓ " : "") +
             "allowed (remembered): " + printable(request.summary, unicode));
        return {true, {}};
    }
    return ask(request);
}

agent::ApprovalDecision TuiApprover::ask(const agent::ApprovalRequest& request) {
    const Theme& theme = screen_.theme();
    const bool unicode = screen_.caps().unicode;
    const std::string arrow = unicode ? "→ " : "-> ";
    const std::string scope = ApprovalMemory::scope(request, unicode);
    std::optional<char> choice;
    {
        // Raw mode before the question shows: keys typed earlier are dropped, not answers.
        KeyReader keys(STDIN_FILENO);
        if (!keys.active()) {
            return {fallback_.approve(request), {}};
        }
        screen_.end_line();
        screen_.write(
            render_approval_request(request, theme, unicode, diff_rows_for(terminal_rows())) +
            render_approval_question(scope, theme, unicode));
        screen_.flush();
        choice = keys.read("yYaAnNeE\r\n");
    }
    switch (choice.value_or('n')) {
        case 'y':
        case 'Y':
            echo(arrow + "yes");
            return {true, {}};
        case 'a':
        case 'A':
            memory_.remember(request);
            echo(arrow + "yes, not asking again for " + scope + " this session");
            return {true, {}};
        case 'e':
        case 'E': {
            echo(arrow + "no; tell the model why (Enter sends, empty just says no)");
            return {false, read_reason()};
        }
        default:  // n, Enter, Ctrl-C, end of input
            echo(arrow + "no");
            return {false, {}};
    }
}

std::string TuiApprover::read_reason() {
    const InputLine line = reader_.read("why? ");
    if (line.status != InputLine::Status::kLine) {
        return {};
    }
    // One line for the tool result; the model reads it as the user's words.
    std::string reason = trimmed(line.text);
    for (char& c : reason) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    return reason;
}

}  // namespace klaude::core::tui
