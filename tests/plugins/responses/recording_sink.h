// A klaude event sink that records every event, for assertions. Flush markers (one per network
// read) are counted apart, so event sequences compare the same however the bytes arrived.
#pragma once

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "klaude/sdk/event_sink.hpp"

namespace klaude::responses::testing {

class RecordingSink {
  public:
    RecordingSink()
        : sink_([this](klaude_event_type_t type, std::string_view data) {
              std::lock_guard<std::mutex> lock(mutex_);
              if (type == KLAUDE_EVENT_FLUSH) {
                  ++flushes_;
                  return;
              }
              events_.emplace_back(type, std::string(data));
          }) {}

    sdk::EventSink sink() const { return sink_.sink(); }
    const klaude_sink_t* raw() const { return sink_.raw(); }

    std::vector<std::pair<klaude_event_type_t, std::string>> events() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return events_;
    }
    int flushes() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return flushes_;
    }
    // The payloads of every event of `type`, in order.
    std::vector<std::string> of(klaude_event_type_t type) const {
        std::vector<std::string> out;
        for (const auto& [t, data] : events()) {
            if (t == type) {
                out.push_back(data);
            }
        }
        return out;
    }
    // The concatenation of every event of `type` (text and reasoning deltas).
    std::string joined(klaude_event_type_t type) const {
        std::string out;
        for (const std::string& s : of(type)) {
            out += s;
        }
        return out;
    }
    std::vector<klaude_event_type_t> types() const {
        std::vector<klaude_event_type_t> out;
        for (const auto& e : events()) {
            out.push_back(e.first);
        }
        return out;
    }

  private:
    mutable std::mutex mutex_;
    std::vector<std::pair<klaude_event_type_t, std::string>> events_;
    int flushes_ = 0;
    sdk::FunctionSink sink_;
};

}  // namespace klaude::responses::testing
