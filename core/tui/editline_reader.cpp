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
#include "core/tui/pasted_text.h"

namespace klaude::core::tui {

namespace {

constexpr char kPromptEscape = '\1';
constexpr int kPollSliceMs = 25;  // how soon a Ctrl-C at the prompt is noticed
constexpr int kPasteGapMs = 10;   // input this soon after Enter is part of a paste
// A terminal writes a marker in one go; a lone ESC (the Escape key) waits at most this long.
constexpr int kMarkerGapMs = 50;
// read_char hands libedit this key (Ctrl-^, unused by the emacs map) when pasted lines wait;
// it is bound to klaude-paste.
constexpr wchar_t kPasteKey = L'\x1e';

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

EditlineReader::EditlineReader(const std::filesystem::path& history_file, const TerminalCaps& caps,
                               std::FILE* in, std::FILE* out, std::FILE* err)
    : history_file_(history_file),
      out_(out),
      err_(err),
      fd_(::fileno(in)),
      styled_prompt_(caps.color),
      bracketed_paste_(caps.cursor),
      terminal_(std::make_unique<TerminalSession>(fd_, ::fileno(out), caps.cursor)) {
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
    el_set(el_, EL_ADDFN, "klaude-paste", "Insert the next pasted line",
           &EditlineReader::paste_key);
    el_set(el_, EL_BIND, "^^", "klaude-paste", nullptr);
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

unsigned char EditlineReader::paste_key(EditLine* el, int ch) {
    (void)ch;
    EditlineReader& reader = self(el);
    if (reader.paste_lines_.empty()) {
        return CC_NORM;  // the key typed by hand: nothing to insert
    }
    const std::string line = std::move(reader.paste_lines_.front());
    reader.paste_lines_.pop_front();
    if (!line.empty()) {
        el_insertstr(el, line.c_str());
    }
    if (!reader.paste_lines_.empty()) {
        // Accept this line as Enter would (the cursor goes below it); the next read hands
        // libedit the key again for the next line.
        reader.more_waiting_ = true;
        reader.accepted_by_paste_ = true;
        el_push(el, "\n");
    }
    return CC_REFRESH;
}

EditlineReader::ByteRead EditlineReader::read_byte(unsigned char* byte, int timeout_ms) {
    if (!put_back_.empty()) {
        *byte = static_cast<unsigned char>(put_back_.front());
        put_back_.erase(0, 1);
        return ByteRead::kByte;
    }
    pollfd pfd{fd_, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, timeout_ms);
    if (ready < 0) {
        return errno == EINTR ? ByteRead::kNone : ByteRead::kError;
    }
    if (ready == 0) {
        return ByteRead::kNone;
    }
    const ssize_t n = ::read(fd_, byte, 1);
    if (n < 0) {
        return errno == EINTR || errno == EAGAIN ? ByteRead::kNone : ByteRead::kError;
    }
    return n == 0 ? ByteRead::kEnd : ByteRead::kByte;
}

bool EditlineReader::paste_starts() {
    std::string read;
    for (std::size_t i = 1; i < kPasteStart.size(); ++i) {
        unsigned char byte = 0;
        if (read_byte(&byte, kMarkerGapMs) != ByteRead::kByte) {
            break;
        }
        read.push_back(static_cast<char>(byte));
        if (read.back() != kPasteStart[i]) {
            break;
        }
        if (i + 1 == kPasteStart.size()) {
            return true;
        }
    }
    put_back_.insert(0, read);
    return false;
}

void EditlineReader::collect_paste() {
    std::string pasted;
    std::swap(pasted, put_back_);  // read ahead already: the paste's first bytes
    std::size_t searched = 0;      // where the end marker can start, at the earliest
    for (;;) {
        const std::size_t end = pasted.find(kPasteEnd, searched);
        if (end != std::string::npos) {
            put_back_ = pasted.substr(end + kPasteEnd.size());  // typed after the paste
            pasted.resize(end);
            break;
        }
        searched = pasted.size() < kPasteEnd.size() ? 0 : pasted.size() - kPasteEnd.size() + 1;
        if (Interrupts::instance().requested()) {
            return;  // next_char turns it into ^C; the paste is dropped
        }
        // In blocks: a paste of a megabyte should not cost two system calls a byte.
        pollfd pfd{fd_, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, kPollSliceMs);
        if (ready == 0 || (ready < 0 && errno == EINTR)) {
            continue;
        }
        char block[4096];
        const ssize_t n = ready < 0 ? -1 : ::read(fd_, block, sizeof block);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
            continue;
        }
        if (n <= 0) {
            break;  // the terminal went away mid-paste: keep what came
        }
        pasted.append(block, static_cast<std::size_t>(n));
    }
    for (std::string& line : pasted_lines(pasted)) {
        paste_lines_.push_back(std::move(line));
    }
}

int EditlineReader::next_char(wchar_t* out) {
    for (;;) {
        if (Interrupts::instance().requested()) {
            Interrupts::instance().reset();
            partial_char_.clear();
            paste_lines_.clear();
            *out = L'\x03';  // bound to klaude-interrupt
            return 1;
        }
        if (!paste_lines_.empty()) {
            *out = kPasteKey;
            return 1;
        }
        if (terminal_->take_redraw()) {
            el_set(el_, EL_REFRESH);  // back from Ctrl-Z: the prompt line again
        }
        follow_window_size();
        unsigned char byte = 0;
        const ByteRead got = read_byte(&byte, kPollSliceMs);
        if (got == ByteRead::kError) {
            return -1;
        }
        if (got == ByteRead::kEnd) {
            *out = L'\0';
            return 0;  // the terminal is gone
        }
        if (got == ByteRead::kNone) {
            continue;
        }
        if (bracketed_paste_ && byte == 0x1b && partial_char_.empty() && paste_starts()) {
            collect_paste();
            continue;
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
    if (!put_back_.empty()) {
        return true;
    }
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
    prompt_ = styled_prompt_ ? styled_prompt(prompt) : prompt;
    interrupted_ = false;
    more_waiting_ = false;
    accepted_by_paste_ = false;
    std::fflush(out_);
    std::fflush(err_);
    terminal_->at_prompt(true);
    // Editing mode before the prompt shows: libedit itself switches only at its first read,
    // after drawing the prompt, and keys typed in between would meet the cooked terminal
    // (^R reprinting the line, say) instead of the editor.
    el_set(el_, EL_PREP_TERM, 1);
    int count = 0;
    const char* text = el_gets(el_, &count);
    terminal_->at_prompt(false);
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
    line.pasted = accepted_by_paste_;
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
