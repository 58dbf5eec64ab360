#include "core/tui/editline_reader.h"

#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <clocale>
#include <cstdlib>
#include <cstring>
#include <cwchar>
#include <stdexcept>

#include "core/host/interrupts.h"

namespace klaude::core::tui {

namespace {

constexpr char kPromptEscape = '\1';
constexpr int kPollSliceMs = 25;  // how soon a Ctrl-C at the prompt is noticed
constexpr int kPasteGapMs = 10;   // input this soon after Enter is part of a paste

// libedit decodes input and measures the prompt with the C library's multibyte functions,
// which in the "C" locale only know ASCII. Typed UTF-8 needs a UTF-8 LC_CTYPE: the user's
// when it is one, else C.UTF-8. Only LC_CTYPE changes; messages and numbers stay as they are.
void use_utf8_ctype() {
    if (std::setlocale(LC_CTYPE, "") != nullptr && MB_CUR_MAX > 1) {
        return;
    }
    std::setlocale(LC_CTYPE, "C.UTF-8");
}

}  // namespace

std::string styled_prompt(const std::string& text) {
    // libedit drops a literal that ends the prompt, so the reset must be followed by
    // something: the prompt's trailing space. Without one the prompt stays plain.
    const auto end = text.find_last_not_of(' ');
    if (end == std::string::npos || end + 1 == text.size()) {
        return text;
    }
    const std::string fence(1, kPromptEscape);
    return fence + "\x1b[1m" + fence + text.substr(0, end + 1) + fence + "\x1b[0m" + fence +
           text.substr(end + 1);
}

EditlineReader::EditlineReader(const std::filesystem::path& history_file, std::FILE* in,
                               std::FILE* out, std::FILE* err)
    : history_file_(history_file), out_(out), err_(err), fd_(::fileno(in)) {
    use_utf8_ctype();
    el_ = el_init("klaude", in, out, err);
    if (el_ == nullptr) {
        throw std::runtime_error("cannot start the line editor on this terminal");
    }
    el_set(el_, EL_CLIENTDATA, this);
    el_set(el_, EL_EDITOR, "emacs");
    // Signals are klaude's (see the header); libedit must not install handlers of its own.
    el_set(el_, EL_SIGNAL, 0);
    el_set(el_, EL_GETCFN, &EditlineReader::read_char);
    el_set(el_, EL_PROMPT_ESC, &EditlineReader::prompt_text, kPromptEscape);
    el_set(el_, EL_HIST, history, history_.raw());
    el_set(el_, EL_ADDFN, "klaude-interrupt", "Throw the line away (Ctrl-C)",
           &EditlineReader::interrupt_key);
    el_set(el_, EL_BIND, "^C", "klaude-interrupt", nullptr);
    // The keys people expect from bash/readline, where libedit's emacs map differs.
    el_set(el_, EL_BIND, "^R", "em-inc-search-prev", nullptr);
    el_set(el_, EL_BIND, "^W", "ed-delete-prev-word", nullptr);
    el_set(el_, EL_BIND, "^U", "vi-kill-line-prev", nullptr);
    el_set(el_, EL_BIND, "^K", "ed-kill-line", nullptr);
    el_set(el_, EL_BIND, "^A", "ed-move-to-beg", nullptr);
    el_set(el_, EL_BIND, "^E", "ed-move-to-end", nullptr);
    // ~/.editrc (or $EDITRC) last, so a user's own bindings win.
    el_source(el_, nullptr);

    if (!history_file_.empty() && !history_.load(history_file_)) {
        std::fprintf(err_, "klaude: cannot read the history %s; starting without it\n",
                     history_file_.c_str());
    }
}

EditlineReader::~EditlineReader() {
    el_end(el_);
}

EditlineReader& EditlineReader::self(EditLine* el) {
    void* data = nullptr;
    el_get(el, EL_CLIENTDATA, &data);
    return *static_cast<EditlineReader*>(data);
}

char* EditlineReader::prompt_text(EditLine* el) {
    return self(el).prompt_.data();
}

int EditlineReader::read_char(EditLine* el, wchar_t* out) {
    return self(el).next_char(out);
}

unsigned char EditlineReader::interrupt_key(EditLine* el, int ch) {
    (void)ch;
    self(el).interrupted_ = true;
    const LineInfo* line = el_line(el);
    el_cursor(el, static_cast<int>(line->lastchar - line->cursor));
    el_insertstr(el, "^C");
    // Accepting the line (ed-newline) moves the cursor below it, however many rows it spans.
    el_push(el, "\n");
    return CC_REFRESH;
}

int EditlineReader::next_char(wchar_t* out) {
    for (;;) {
        if (Interrupts::instance().requested()) {
            Interrupts::instance().reset();
            partial_char_.clear();
            *out = L'\x03';  // bound to klaude-interrupt
            return 1;
        }
        follow_window_size();
        pollfd pfd{fd_, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, kPollSliceMs);
        if (ready < 0 && errno != EINTR) {
            return -1;
        }
        if (ready <= 0) {
            continue;
        }
        unsigned char byte = 0;
        const ssize_t n = ::read(fd_, &byte, 1);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) {
                continue;
            }
            return -1;
        }
        if (n == 0) {
            *out = L'\0';
            return 0;  // the terminal is gone
        }
        partial_char_.push_back(static_cast<char>(byte));
        std::mbstate_t state{};
        wchar_t decoded = 0;
        const size_t used =
            std::mbrtowc(&decoded, partial_char_.data(), partial_char_.size(), &state);
        if (used == static_cast<size_t>(-2) && partial_char_.size() < MB_LEN_MAX) {
            continue;  // the rest of the character is still coming
        }
        if (used == static_cast<size_t>(-1) || used == static_cast<size_t>(-2)) {
            partial_char_.clear();  // not a character in this encoding: dropped
            continue;
        }
        partial_char_.clear();
        *out = decoded;
        if (decoded == L'\n' || decoded == L'\r') {
            more_waiting_ = input_arrives_soon();
        }
        return 1;
    }
}

bool EditlineReader::input_arrives_soon() const {
    pollfd pfd{fd_, POLLIN, 0};
    return ::poll(&pfd, 1, kPasteGapMs) > 0 && (pfd.revents & POLLIN) != 0;
}

void EditlineReader::follow_window_size() {
    winsize size{};
    if (::ioctl(::fileno(out_), TIOCGWINSZ, &size) != 0 || size.ws_col == 0) {
        return;
    }
    if (columns_ != 0 && size.ws_col != columns_) {
        el_resize(el_);
        el_set(el_, EL_REFRESH);
    }
    columns_ = size.ws_col;
}

InputLine EditlineReader::read(const std::string& prompt) {
    prompt_ = styled_prompt(prompt);
    interrupted_ = false;
    more_waiting_ = false;
    std::fflush(out_);
    std::fflush(err_);
    // Editing mode before the prompt shows: libedit itself switches only at its first read,
    // after drawing the prompt, and keys typed in between would meet the cooked terminal
    // (^R reprinting the line, say) instead of the editor.
    el_set(el_, EL_PREP_TERM, 1);
    int count = 0;
    const char* text = el_gets(el_, &count);
    InputLine line;
    if (interrupted_) {
        line.status = InputLine::Status::kInterrupted;
        return line;
    }
    if (text == nullptr) {
        // Ctrl-D on an empty line (count 0) or the terminal went away (-1).
        std::fputc('\n', out_);
        std::fflush(out_);
        line.status = InputLine::Status::kEnd;
        return line;
    }
    line.status = InputLine::Status::kLine;
    line.text.assign(text, static_cast<size_t>(count));
    while (!line.text.empty() && (line.text.back() == '\n' || line.text.back() == '\r')) {
        line.text.pop_back();
    }
    line.more_input_waiting = more_waiting_;
    return line;
}

void EditlineReader::remember(const std::string& entry) {
    history_.add(entry);
    if (history_file_.empty()) {
        return;
    }
    try {
        history_.save(history_file_);
    } catch (const std::exception& e) {
        if (!history_warned_) {
            std::fprintf(err_, "klaude: %s\n", e.what());
            history_warned_ = true;
        }
    }
}

}  // namespace klaude::core::tui
