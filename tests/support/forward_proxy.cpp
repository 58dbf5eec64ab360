#include "tests/support/forward_proxy.h"

#include <Poco/Exception.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/URI.h>

#include <sstream>

namespace klaude::testing {
namespace {

// Reads up to the blank line after the request head; returns "" when the peer went away.
// Bytes read past the head are left in `rest`.
std::string read_head(Poco::Net::StreamSocket& socket, std::string& rest) {
    std::string data;
    char buffer[4096];
    for (;;) {
        const size_t end = data.find("\r\n\r\n");
        if (end != std::string::npos) {
            rest = data.substr(end + 4);
            return data.substr(0, end + 4);
        }
        const int n = socket.receiveBytes(buffer, sizeof buffer);
        if (n <= 0) {
            return {};
        }
        data.append(buffer, static_cast<size_t>(n));
    }
}

bool send_all(Poco::Net::StreamSocket& socket, const char* data, size_t size) {
    while (size > 0) {
        const int n = socket.sendBytes(data, static_cast<int>(size));
        if (n <= 0) {
            return false;
        }
        data += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

}  // namespace

ForwardProxy::ForwardProxy(std::string refuse_connect)
    : listener_(Poco::Net::SocketAddress("127.0.0.1", 0), 64),
      refuse_connect_(std::move(refuse_connect)) {
    port_ = listener_.address().port();
    acceptor_ = std::thread([this] { accept_loop(); });
}

ForwardProxy::~ForwardProxy() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        for (auto& socket : sockets_) {
            try {
                socket.shutdown();
            } catch (const Poco::Exception&) {
                // already closed
            }
        }
    }
    acceptor_.join();
    for (auto& worker : workers_) {
        worker.join();
    }
}

std::vector<std::string> ForwardProxy::targets() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return targets_;
}

bool ForwardProxy::stopping() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return stopping_;
}

void ForwardProxy::accept_loop() {
    while (!stopping()) {
        // Poll, so that the destructor never waits on a blocked accept().
        if (!listener_.poll(Poco::Timespan(0, 20000), Poco::Net::Socket::SELECT_READ)) {
            continue;
        }
        Poco::Net::StreamSocket client;
        try {
            client = listener_.acceptConnection();
        } catch (const Poco::Exception&) {
            continue;
        }
        std::lock_guard<std::mutex> lock(mutex_);
        if (stopping_) {
            return;
        }
        sockets_.push_back(client);
        workers_.emplace_back([this, client] { serve(client); });
    }
}

void ForwardProxy::serve(Poco::Net::StreamSocket client) {
    try {
        std::string rest;
        const std::string head = read_head(client, rest);
        if (head.empty()) {
            return;
        }
        std::istringstream lines(head);
        std::string method;
        std::string target;
        std::string version;
        lines >> method >> target >> version;
        ++requests_;
        uint16_t port = 0;
        std::string forwarded;  // what goes upstream first
        if (method == "CONNECT" && !refuse_connect_.empty()) {
            {
                std::lock_guard<std::mutex> lock(mutex_);
                targets_.push_back(method + " " + target);
            }
            const std::string answer = refuse_connect_ + "\r\nContent-Length: 0\r\n\r\n";
            send_all(client, answer.data(), answer.size());
            return;
        }
        if (method == "CONNECT") {
            port = static_cast<uint16_t>(std::stoi(target.substr(target.rfind(':') + 1)));
        } else {
            const Poco::URI uri(target);
            port = uri.getPort();
            // Origin form upstream, one request per connection; the proxy's own headers stay
            // here.
            forwarded = method + " " + uri.getPathEtc() + " " + version + "\r\n";
            std::string line;
            std::getline(lines, line);  // the rest of the request line
            while (std::getline(lines, line) && line != "\r") {
                const std::string name = line.substr(0, line.find(':'));
                if (name == "Proxy-Authorization" || name == "Proxy-Connection" ||
                    name == "Connection") {
                    continue;
                }
                forwarded += line + "\n";
            }
            forwarded += "Connection: close\r\n\r\n" + rest;
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            targets_.push_back(method + " " + target);
        }
        Poco::Net::StreamSocket upstream;
        upstream.connect(Poco::Net::SocketAddress("127.0.0.1", port), Poco::Timespan(5, 0));
        {
            std::lock_guard<std::mutex> lock(mutex_);
            sockets_.push_back(upstream);
            if (stopping_) {
                return;
            }
        }
        if (method == "CONNECT") {
            const std::string ok = "HTTP/1.1 200 Connection established\r\n\r\n";
            send_all(client, ok.data(), ok.size());
            forwarded = rest;
        }
        send_all(upstream, forwarded.data(), forwarded.size());
        // Both ways until either side closes (a tunnel carries whatever the client and the
        // server say; a forwarded request ends when the server closes after its answer).
        char buffer[16384];
        for (;;) {
            Poco::Net::Socket::SocketList readable{client, upstream};
            Poco::Net::Socket::SocketList none;
            Poco::Net::Socket::SocketList errors;
            if (Poco::Net::Socket::select(readable, none, errors, Poco::Timespan(0, 50000)) == 0) {
                if (stopping()) {
                    return;
                }
                continue;
            }
            bool done = false;
            for (auto& from : readable) {
                Poco::Net::StreamSocket source(from);
                Poco::Net::StreamSocket& sink = source == client ? upstream : client;
                const int n = source.receiveBytes(buffer, sizeof buffer);
                if (n <= 0 || !send_all(sink, buffer, static_cast<size_t>(n))) {
                    done = true;
                }
            }
            if (done) {
                upstream.shutdown();
                client.shutdown();
                return;
            }
        }
    } catch (const std::exception&) {
        // A side went away: the connection ends, like a real proxy's would.
    }
}

}  // namespace klaude::testing
