#include "core/tui/spinner.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <system_error>

namespace klaude::core::tui {

namespace {

constexpr std::array<std::string_view, 10> kBrailleFrames = {"⠋", "⠙", "⠹", "⠸", "⠼",
                                                             "⠴", "⠦", "⠧", "⠇", "⠏"};
constexpr std::array<std::string_view, 4> kAsciiFrames = {"|", "/", "-", "\\"};
constexpr std::string_view kHint = "Ctrl-C cancels";
constexpr std::size_t kMaxCommandChars = 60;
constexpr std::size_t kMaxProgressMessageChars = 120;

// Columns `text` takes, counting one per code point (labels are commands and names: wide
// characters there are rare, and a row one column short is harmless).
std::size_t columns_of(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) {
        count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }
    return count;
}

// The first `max` code points of `text`, with "…" (or "...") when cut.
std::string cut(std::string_view text, std::size_t max, bool unicode) {
    if (columns_of(text) <= max) {
        return std::string(text);
    }
    const std::string_view ellipsis = unicode ? "…" : "...";
    const std::size_t keep = max > columns_of(ellipsis) ? max - columns_of(ellipsis) : 0;
    std::size_t count = 0;
    std::size_t end = 0;
    for (; end < text.size(); ++end) {
        if ((static_cast<unsigned char>(text[end]) & 0xC0) != 0x80) {
            if (count == keep) {
                break;
            }
            ++count;
        }
    }
    return std::string(text.substr(0, end)) + std::string(ellipsis);
}

std::string elapsed_text(std::chrono::seconds elapsed) {
    const long long seconds = elapsed.count() < 0 ? 0 : elapsed.count();
    if (seconds < 60) {
        return std::to_string(seconds) + "s";
    }
    const long long rest = seconds % 60;
    return std::to_string(seconds / 60) + "m" + (rest < 10 ? "0" : "") + std::to_string(rest) + "s";
}

// A command on one row: newlines and tabs become spaces, runs of spaces one.
std::string one_line(std::string_view text) {
    std::string line;
    for (const char c : text) {
        const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
        if (space) {
            if (!line.empty() && line.back() != ' ') {
                line.push_back(' ');
            }
        } else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) {
            line.push_back(c);
        }
    }
    while (!line.empty() && line.back() == ' ') {
        line.pop_back();
    }
    return line;
}

// "3", "2.5", "0.25": at most two decimals, no trailing zeros.
std::string number_text(double value) {
    char text[64];
    if (std::abs(value) < 1e15 && value == std::floor(value)) {
        std::snprintf(text, sizeof text, "%lld", static_cast<long long>(value));
        return text;
    }
    std::snprintf(text, sizeof text, "%.2f", value);
    std::string out = text;
    while (!out.empty() && out.back() == '0') {
        out.pop_back();
    }
    if (!out.empty() && out.back() == '.') {
        out.pop_back();
    }
    return out;
}

bool whole(double value) {
    return std::isfinite(value) && value == std::floor(value);
}

std::string percent_text(double fraction) {
    const double percent = std::clamp(fraction * 100.0, 0.0, 100.0);
    return std::to_string(static_cast<int>(std::floor(percent))) + "%";
}

}  // namespace

Spinner::Spinner(Screen& screen, bool enabled)
    : Spinner(screen, enabled, kPeriod, [] { return std::chrono::steady_clock::now(); }) {}

Spinner::Spinner(Screen& screen, bool enabled, std::chrono::milliseconds period, Clock clock)
    : screen_(screen),
      enabled_(enabled),
      period_(period),
      clock_(std::move(clock)),
      suspend_(enabled ? Interrupts::instance().on_suspend([this] { erase_for_suspend(); })
                       : Interrupts::Subscription()) {}

Spinner::~Spinner() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
    hide();
}

void Spinner::show(std::string label) {
    if (!enabled_) {
        return;
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        label_ = std::move(label);
        detail_.clear();
        started_ = clock_();
        frame_ = 0;
        shown_.store(true, std::memory_order_release);
        draw_locked();
        if (!thread_.joinable() && !stopping_ && !thread_failed_) {
            try {
                thread_ = std::thread([this] { run(); });
            } catch (const std::system_error&) {
                thread_failed_ = true;  // no thread to spare: the row shows, but stands still
            }
        }
    }
    wake_.notify_all();
}

void Spinner::set_detail(std::string detail) {
    if (!enabled_) {
        return;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    detail_ = std::move(detail);
    if (shown_.load(std::memory_order_acquire)) {
        draw_locked();
    }
}

void Spinner::hide() {
    if (!shown_.load(std::memory_order_acquire)) {
        return;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    shown_.store(false, std::memory_order_release);
    // Under the spinner's lock: the thread cannot draw again between this erase and the
    // return.
    screen_.clear_status();
}

void Spinner::erase_for_suspend() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (shown_.load()) {
        screen_.clear_status();
    }
}

Spinner::Pause Spinner::pause() {
    std::string label;
    if (shown_.load(std::memory_order_acquire)) {
        std::lock_guard<std::mutex> lock(mutex_);
        label = label_;
    }
    hide();
    Spinner* const to_show = label.empty() ? nullptr : this;
    return Pause(to_show, std::move(label));
}

Spinner::Pause::Pause(Pause&& other) noexcept
    : spinner_(other.spinner_), label_(std::move(other.label_)) {
    other.spinner_ = nullptr;
}

Spinner::Pause::~Pause() {
    if (spinner_ != nullptr) {
        try {
            spinner_->show(std::move(label_));
        } catch (...) {
            // Out of memory (or no thread to start): the wait just goes unshown.
        }
    }
}

void Spinner::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    try {
        while (!stopping_) {
            wake_.wait(lock, [this] { return stopping_ || shown_.load(); });
            if (wake_.wait_for(lock, period_, [this] { return stopping_; })) {
                break;
            }
            if (shown_.load()) {
                ++frame_;
                draw_locked();
            }
        }
    } catch (...) {
        // Out of memory while building a row: the spinner stops moving, the session goes on.
    }
}

void Spinner::draw_locked() {
    const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(clock_() - started_);
    const bool unicode = screen_.caps().unicode;
    const std::string label =
        detail_.empty() ? label_ : label_ + (unicode ? " · " : " - ") + detail_;
    screen_.show_status(
        status_row(label, elapsed, frame_, unicode, screen_.columns(), screen_.theme()));
    rows_drawn_.fetch_add(1);
}

std::string Spinner::status_row(const std::string& label, std::chrono::seconds elapsed, int frame,
                                bool unicode, int columns, const Theme& theme) {
    const std::string_view glyph = unicode ? kBrailleFrames[frame % kBrailleFrames.size()]
                                           : kAsciiFrames[frame % kAsciiFrames.size()];
    const std::string_view separator = unicode ? " · " : " - ";
    const std::string tail = std::string(separator) + elapsed_text(elapsed) +
                             std::string(separator) + std::string(kHint);
    // One column spare: a row that fills the width would wrap the cursor onto the next row
    // on some terminals, and the erase would then miss the status text.
    const std::size_t width = columns > 1 ? static_cast<std::size_t>(columns - 1) : 0;
    const std::size_t fixed = 2 + columns_of(tail);
    std::string row;
    theme.paint(row, Role::kTool, glyph);
    row += " ";
    if (width > fixed) {
        theme.paint(row, Role::kDim, cut(label, width - fixed, unicode) + tail);
    } else {
        theme.paint(row, Role::kDim, cut(label, width > 2 ? width - 2 : 0, unicode));
    }
    return row;
}

std::string tool_spinner_label(const std::string& tool_name, const std::string& arguments_json) {
    if (tool_name == "shell") {
        rapidjson::Document args;
        args.Parse(arguments_json.c_str(), arguments_json.size());
        if (!args.HasParseError() && args.IsObject() && args.HasMember("command") &&
            args["command"].IsString()) {
            const std::string command = one_line(args["command"].GetString());
            return "running `" + cut(command, kMaxCommandChars, /*unicode=*/false) + "`";
        }
        return "running shell";
    }
    constexpr std::string_view kMcpPrefix = "mcp__";
    if (tool_name.rfind(kMcpPrefix, 0) == 0) {
        const std::size_t server_end = tool_name.find("__", kMcpPrefix.size());
        if (server_end != std::string::npos && server_end > kMcpPrefix.size()) {
            return "waiting for the MCP server " +
                   tool_name.substr(kMcpPrefix.size(), server_end - kMcpPrefix.size());
        }
    }
    return "running " + tool_name;
}

std::string tool_progress_text(const agent::ToolProgress& progress, bool unicode) {
    std::string text;
    const double done = progress.progress;
    if (!std::isfinite(done)) {
        text = "?";
    } else if (progress.total && std::isfinite(*progress.total) && *progress.total > 0) {
        text = whole(done) && whole(*progress.total)
                   ? number_text(done) + "/" + number_text(*progress.total)
                   : percent_text(done / *progress.total);
    } else if (done > 0 && done < 1) {
        text = percent_text(done);
    } else {
        text = number_text(done);
    }
    const std::string message = one_line(progress.message);
    if (!message.empty()) {
        text += unicode ? " · " : " - ";
        text += cut(message, kMaxProgressMessageChars, unicode);
    }
    return text;
}

}  // namespace klaude::core::tui
