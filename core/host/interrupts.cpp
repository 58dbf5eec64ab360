#include "core/host/interrupts.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <thread>

namespace klaude::core {

Interrupts& Interrupts::instance() {
    static Interrupts interrupts;
    return interrupts;
}

void Interrupts::install() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::thread([this, set] {
        for (;;) {
            int signal = 0;
            if (sigwait(&set, &signal) != 0) {
                continue;
            }
            if (signal == SIGTERM) {
                // Give running work the same chance to stop as with Ctrl-C, but do not wait
                // for a second signal.
                notify();
                ::_exit(143);
            }
            notify();
        }
    }).detach();
}

void Interrupts::raise() {
    notify();
}

void Interrupts::notify() {
    const int previous = count_.fetch_add(1);
    if (previous >= 1 && second_exits_.load()) {
        static const char kMessage[] = "\nklaude: interrupted\n";
        ssize_t ignored = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
        (void)ignored;
        ::_exit(130);
    }
    // Run under the lock: once a Subscription is destroyed its callback can no longer be
    // running, so callbacks may capture objects that die with the subscription.
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& entry : callbacks_) {
        entry.second();
    }
}

Interrupts::Subscription Interrupts::on_interrupt(std::function<void()> callback) {
    std::lock_guard<std::mutex> lock(mutex_);
    const int id = next_id_++;
    callbacks_.emplace_back(id, std::move(callback));
    return Subscription(id);
}

void Interrupts::unsubscribe(int id) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = callbacks_.begin(); it != callbacks_.end(); ++it) {
        if (it->first == id) {
            callbacks_.erase(it);
            return;
        }
    }
}

Interrupts::Subscription::~Subscription() {
    if (id_ >= 0) {
        Interrupts::instance().unsubscribe(id_);
    }
}

}  // namespace klaude::core
