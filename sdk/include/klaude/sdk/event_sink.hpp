// klaude C++ SDK: the event sink a client streams into, wrapped.
#pragma once

#include <functional>
#include <string_view>

#include "klaude/abi/events.h"

namespace klaude::sdk {

// A non-owning view of the host's sink. Cheap to copy. Call only on the thread running stream.
class EventSink {
public:
    explicit EventSink(const klaude_sink_t* sink) noexcept : sink_(sink) {}

    void emit(klaude_event_type_t type, std::string_view data) const {
        if (sink_ == nullptr || sink_->on_event == nullptr) {
            return;
        }
        klaude_event_t event{};
        event.struct_size = sizeof event;
        event.type = static_cast<uint32_t>(type);
        event.data = data.data();
        event.size = data.size();
        sink_->on_event(sink_, &event);
    }

    // The hot path: a pointer and a length, no encoding.
    void text_delta(std::string_view text) const { emit(KLAUDE_EVENT_TEXT_DELTA, text); }
    void reasoning_delta(std::string_view text) const { emit(KLAUDE_EVENT_REASONING_DELTA, text); }
    void reasoning_break() const { emit(KLAUDE_EVENT_REASONING_BREAK, "{}"); }
    // The JSON payloads documented in klaude/abi/events.h.
    void created(std::string_view json) const { emit(KLAUDE_EVENT_CREATED, json); }
    void tool_call(std::string_view json) const { emit(KLAUDE_EVENT_TOOL_CALL, json); }
    void output_item(std::string_view json) const { emit(KLAUDE_EVENT_OUTPUT_ITEM, json); }
    void usage(std::string_view json) const { emit(KLAUDE_EVENT_USAGE, json); }
    void rate_limit(std::string_view json) const { emit(KLAUDE_EVENT_RATE_LIMIT, json); }
    void completed(std::string_view json) const { emit(KLAUDE_EVENT_COMPLETED, json); }
    void error(std::string_view json) const { emit(KLAUDE_EVENT_ERROR, json); }
    // Everything read from the network so far has been delivered: the host may flush.
    void flush() const { emit(KLAUDE_EVENT_FLUSH, std::string_view()); }

private:
    const klaude_sink_t* sink_;
};

// A sink backed by a std::function: for hosts and tests. Must outlive the stream call.
// The callback must not throw: it runs inside plugin code, across the C ABI.
class FunctionSink {
public:
    using Callback = std::function<void(klaude_event_type_t, std::string_view)>;

    explicit FunctionSink(Callback callback) : callback_(std::move(callback)) {
        sink_.struct_size = sizeof sink_;
        sink_.data = this;
        sink_.on_event = [](const klaude_sink_t* self, const klaude_event_t* event) noexcept {
            auto* me = static_cast<FunctionSink*>(self->data);
            me->callback_(static_cast<klaude_event_type_t>(event->type),
                          std::string_view(event->data, event->size));
        };
    }
    FunctionSink(const FunctionSink&) = delete;
    FunctionSink& operator=(const FunctionSink&) = delete;

    const klaude_sink_t* raw() const noexcept { return &sink_; }
    EventSink sink() const noexcept { return EventSink(&sink_); }

private:
    Callback callback_;
    klaude_sink_t sink_{};
};

}  // namespace klaude::sdk
