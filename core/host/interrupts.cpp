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
    if (installed_.exchange(true)) {
        return;  // one watcher thread per process
    }
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGTSTP);
    sigaddset(&set, SIGCONT);
    sigaddset(&set, SIGWINCH);
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
            switch (signal) {
                case SIGTSTP:
                    suspend();
                    break;
                case SIGCONT:
                    run_callbacks(Kind::kResume);
                    break;
                case SIGWINCH:
                    resize_generation_.fetch_add(1);
                    break;
                default:
                    notify();
                    break;
            }
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
    run_callbacks(Kind::kInterrupt);
}

void Interrupts::run_callbacks(Kind kind) {
    // Run under the lock: once a Subscription is destroyed its callback can no longer be
    // running, so callbacks may capture objects that die with the subscription.
    std::lock_guard<std::mutex> lock(mutex_);
    for (const Callback& entry : callbacks_) {
        if (entry.kind == kind) {
            entry.run();
        }
    }
}

void Interrupts::suspend() {
    run_callbacks(Kind::kSuspend);
    // SIGSTOP, not SIGTSTP again: SIGTSTP is blocked here (and the kernel drops it for an
    // orphaned process group); SIGSTOP cannot be blocked or ignored. The SIGCONT of `fg`
    // continues every thread, and this one then receives it from sigwait.
    ::kill(::getpid(), SIGSTOP);
}

Interrupts::Subscription Interrupts::subscribe(Kind kind, std::function<void()> callback) {
    std::lock_guard<std::mutex> lock(mutex_);
    const int id = next_id_++;
    callbacks_.push_back(Callback{id, kind, std::move(callback)});
    return Subscription(id);
}

Interrupts::Subscription Interrupts::on_interrupt(std::function<void()> callback) {
    return subscribe(Kind::kInterrupt, std::move(callback));
}

Interrupts::Subscription Interrupts::on_suspend(std::function<void()> callback) {
    return subscribe(Kind::kSuspend, std::move(callback));
}

Interrupts::Subscription Interrupts::on_resume(std::function<void()> callback) {
    return subscribe(Kind::kResume, std::move(callback));
}

void Interrupts::unsubscribe(int id) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = callbacks_.begin(); it != callbacks_.end(); ++it) {
        if (it->id == id) {
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
