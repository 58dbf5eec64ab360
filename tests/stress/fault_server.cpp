#include "tests/stress/fault_server.h"

#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>

#include <cctype>

namespace klaude::stress {

FaultServer::FaultServer(Script script)
    : script_(std::move(script)), listener_(Poco::Net::SocketAddress("127.0.0.1", 0), 64) {
    port_ = listener_.address().port();
    acceptor_ = std::thread([this] { accept_loop(); });
}

FaultServer::~FaultServer() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        for (auto& socket : sockets_) {
            try {
                socket.shutdown();
            } catch (const Poco::Exception&) {
                // already gone
            }
        }
    }
    stopping_cv_.notify_all();
    acceptor_.join();
    for (auto& worker : workers_) {
        worker.join();
    }
    listener_.close();
}

void FaultServer::accept_loop() {
    for (;;) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (stopping_) {
                return;
            }
        }
        // Poll so that the destructor never waits on a blocked accept().
        if (!listener_.poll(Poco::Timespan(0, 20000), Poco::Net::Socket::SELECT_READ)) {
            continue;
        }
        Poco::Net::StreamSocket socket;
        try {
            socket = listener_.acceptConnection();
        } catch (const Poco::Exception&) {
            continue;
        }
        ++connections_;
        std::lock_guard<std::mutex> lock(mutex_);
        if (stopping_) {
            return;  // the destructor has already woken the others; this one just closes
        }
        sockets_.push_back(socket);
        workers_.emplace_back([this, socket]() mutable {
            try {
                script_(socket, *this);
            } catch (const Poco::Exception&) {
                // the client went away: that is what fault scripts provoke
            }
            try {
                socket.close();
            } catch (const Poco::Exception&) {
            }
        });
    }
}

bool FaultServer::stall(std::chrono::milliseconds limit) {
    std::unique_lock<std::mutex> lock(mutex_);
    return !stopping_cv_.wait_for(lock, limit, [this] { return stopping_; });
}

std::string read_http_request(Poco::Net::StreamSocket& socket, std::chrono::milliseconds timeout) {
    socket.setReceiveTimeout(Poco::Timespan(timeout.count() * 1000));
    std::string data;
    char buffer[8192];
    size_t head_end = std::string::npos;
    try {
        while ((head_end = data.find("\r\n\r\n")) == std::string::npos) {
            const int n = socket.receiveBytes(buffer, sizeof buffer);
            if (n <= 0) {
                return {};
            }
            data.append(buffer, static_cast<size_t>(n));
        }
        std::string head = data.substr(0, head_end + 4);
        size_t length = 0;
        std::string lower = head;
        for (char& c : lower) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (size_t at = lower.find("\r\ncontent-length:"); at != std::string::npos) {
            length = std::stoul(lower.substr(at + 17));
        }
        size_t have = data.size() - head.size();
        while (have < length) {
            const int n = socket.receiveBytes(buffer, sizeof buffer);
            if (n <= 0) {
                break;
            }
            have += static_cast<size_t>(n);
        }
        return head;
    } catch (const Poco::TimeoutException&) {
        return {};
    }
}

bool send_all(Poco::Net::StreamSocket& socket, const std::string& bytes) {
    try {
        size_t sent = 0;
        while (sent < bytes.size()) {
            const int n =
                socket.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent));
            if (n <= 0) {
                return false;
            }
            sent += static_cast<size_t>(n);
        }
        return true;
    } catch (const Poco::Exception&) {
        return false;
    }
}

std::string http_head(int status, const std::string& reason,
                      const std::vector<std::pair<std::string, std::string>>& headers) {
    std::string head = "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\n";
    for (const auto& [name, value] : headers) {
        head += name + ": " + value + "\r\n";
    }
    return head + "Connection: close\r\n\r\n";
}

}  // namespace klaude::stress
