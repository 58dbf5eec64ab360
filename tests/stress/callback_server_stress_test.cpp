// The sign-in callback server of `klaude auth login codex`, attacked from the outside while the
// real binary waits for the browser: it must listen on 127.0.0.1 only, answer oversized,
// malformed and foreign requests with 400 and keep waiting, not be held up by idle
// connections, never show the provider's error text raw (in the page or on the terminal), and
// be gone, its port free, once the login ends.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <ifaddrs.h>
#include <netinet/in.h>

#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

#include "plugins/codex/auth/callback_check.h"
#include "plugins/codex/auth/callback_server.h"
#include "tests/plugins/codex/fake_oauth_server.h"
#include "tests/plugins/codex/test_browser.h"
#include "tests/stress/live_process.h"
#include "tests/stress/stress_env.h"
#include "tests/support/free_port.h"
#include "tests/support/temp_dir.h"

namespace klaude::stress {
namespace {

using codex::testing::FakeOAuthServer;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace std::chrono_literals;

// Local addresses in /proc/net/<table> listening (state 0A) on `port`, as "HEXADDR:HEXPORT".
std::vector<std::string> listeners(const std::string& table, uint16_t port) {
    char want[8];
    std::snprintf(want, sizeof want, "%04X", port);
    std::ifstream in("/proc/net/" + table);
    std::vector<std::string> found;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string slot, local, remote, state;
        fields >> slot >> local >> remote >> state;
        if (state == "0A" && local.substr(local.find(':') + 1) == want) {
            found.push_back(local);
        }
    }
    return found;
}

// This machine's IPv4 addresses other than loopback ones.
std::vector<std::string> non_loopback_ipv4() {
    std::vector<std::string> out;
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0) {
        return out;
    }
    for (ifaddrs* a = list; a != nullptr; a = a->ifa_next) {
        if (a->ifa_addr != nullptr && a->ifa_addr->sa_family == AF_INET) {
            char text[INET_ADDRSTRLEN];
            const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
            ::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
            if (std::string(text).rfind("127.", 0) != 0) {
                out.emplace_back(text);
            }
        }
    }
    ::freeifaddrs(list);
    return out;
}

// Nothing listens on 127.0.0.1:port: we can listen there ourselves. SO_REUSEADDR, like klaude,
// so that connections of this test lingering in TIME_WAIT do not count, while a listener would.
bool port_is_free(uint16_t port) {
    try {
        Poco::Net::ServerSocket socket;
        socket.bind(Poco::Net::SocketAddress("127.0.0.1", port), true, false);
        socket.listen(1);
        return true;
    } catch (const Poco::Exception&) {
        return false;
    }
}

// Sends `bytes` on a new connection to 127.0.0.1:port and returns the status line of the
// answer, "<closed>" when the server closed without one, "<reset>" when it reset.
std::string raw_request(uint16_t port, const std::string& bytes) {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
    socket.setReceiveTimeout(Poco::Timespan(20, 0));
    try {
        socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
    } catch (const Poco::Exception&) {
        // The server may answer and close before taking all of a huge request.
    }
    std::string answer;
    char buffer[1024];
    try {
        int n;
        while (answer.find("\r\n") == std::string::npos &&
               (n = socket.receiveBytes(buffer, sizeof buffer)) > 0) {
            answer.append(buffer, static_cast<size_t>(n));
        }
    } catch (const Poco::Net::ConnectionResetException&) {
        return answer.empty() ? "<reset>" : answer.substr(0, answer.find("\r\n"));
    }
    return answer.empty() ? "<closed>" : answer.substr(0, answer.find("\r\n"));
}

std::string get_request(const std::string& path, const std::string& host) {
    return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
}

std::string last_line(const std::string& text) {
    std::string trimmed = text;
    while (!trimmed.empty() && trimmed.back() == '\n') {
        trimmed.pop_back();
    }
    return trimmed.substr(trimmed.rfind('\n') + 1);
}

// `klaude auth login codex --no-browser --port P` waiting for the browser, against a fake
// OAuth server.
class CallbackServerStress : public ::testing::Test {
  protected:
    void SetUp() override {
        port_ = klaude::testing::free_port();
        auto env = neutral_env(home_.path().string());
        env["KLAUDE_CODEX_ISSUER"] = oauth_.issuer();
        login_ = std::make_unique<LiveKlaude>(
            std::vector<std::string>{"auth", "login", "codex", "--no-browser", "--port",
                                     std::to_string(port_), "--timeout", "60"},
            env);
        ASSERT_TRUE(login_->wait_for_output("/oauth/authorize?", 30s)) << login_->err();
        // The URL is printed before the wait starts; the server listens before that.
        ASSERT_FALSE(port_is_free(port_)) << login_->err();
    }

    // The sign-in URL klaude printed.
    std::string authorize_url() const {
        std::smatch match;
        const std::string err = login_->err() + login_->out();
        const std::regex url(R"(http://\S+/oauth/authorize\?\S+)");
        return std::regex_search(err, match, url) ? match.str() : std::string();
    }

    std::string host() const { return "localhost:" + std::to_string(port_); }

    void expect_still_waiting() {
        EXPECT_TRUE(login_->running()) << login_->err();
        EXPECT_EQ(raw_request(port_, get_request("/nothing-here", host())),
                  "HTTP/1.1 404 Not Found");
    }

    FakeOAuthServer oauth_;
    klaude::testing::TempDir home_{"klaude-stress-login"};
    uint16_t port_ = 0;
    std::unique_ptr<LiveKlaude> login_;
};

TEST_F(CallbackServerStress, ListensOn127001OnlyAndOtherAddressesCannotReachIt) {
    char local[16];
    std::snprintf(local, sizeof local, "0100007F:%04X", port_);
    EXPECT_EQ(listeners("tcp", port_), std::vector<std::string>{local});
    EXPECT_EQ(listeners("tcp6", port_), std::vector<std::string>{});  // no [::] either
    const auto addresses = non_loopback_ipv4();
    if (addresses.empty()) {
        std::cout << "[ stress   ] this machine has no non-loopback IPv4 address to try\n";
    }
    for (const std::string& address : addresses) {
        Poco::Net::StreamSocket socket;
        EXPECT_THROW(socket.connect(Poco::Net::SocketAddress(address, port_), Poco::Timespan(5, 0)),
                     Poco::Exception)
            << "reached the callback server through " << address;
    }
    expect_still_waiting();
}

TEST_F(CallbackServerStress, OversizedAndMalformedRequestsAre400AndTheLoginKeepsWaiting) {
    const std::string huge(1 << 20, 'a');
    std::string many_headers = "GET /auth/callback HTTP/1.1\r\nHost: " + host() + "\r\n";
    for (int i = 0; i < 5000; ++i) {
        many_headers += "X-" + std::to_string(i) + ": y\r\n";
    }
    many_headers += "\r\n";
    std::string garbage;
    for (int i = 0; i < 64 * 1024; ++i) {
        garbage += static_cast<char>((i * 7919) & 0xFF);
    }
    const std::vector<std::pair<std::string, std::string>> probes = {
        {"1 MB request line",
         "GET /auth/callback?" + huge + " HTTP/1.1\r\nHost: " + host() + "\r\n\r\n"},
        {"1 MB header",
         "GET /auth/callback HTTP/1.1\r\nHost: " + host() + "\r\nX-Big: " + huge + "\r\n\r\n"},
        {"5000 headers", many_headers},
        {"64 KB of binary garbage", garbage},
        {"no Host", "GET /cancel HTTP/1.1\r\n\r\n"},
        {"HTTP/1.0 without Host", "GET /cancel HTTP/1.0\r\n\r\n"},
        {"a foreign Host (DNS rebinding)", get_request("/cancel", "evil.example:80")},
        {"a foreign Host naming our port",
         get_request("/cancel", "evil.example:" + std::to_string(port_))},
        {"an absurd method", "SQUIRREL /cancel HTTP/1.1\r\nHost: " + host() + "\r\n\r\n"},
        {"no version", "GET /cancel\r\nHost: " + host() + "\r\n\r\n"},
    };
    for (const auto& [what, bytes] : probes) {
        const std::string status = raw_request(port_, bytes);
        // Refused: 400 (Poco's parser, or our Host check), 404 for a method we do not serve.
        // (The status line echoes the request's version: HTTP/1.0, or whatever stood there.)
        EXPECT_THAT(status,
                    ::testing::AnyOf(::testing::EndsWith(" 400 Bad Request"),
                                     ::testing::EndsWith(" 404 Not Found"), "<closed>", "<reset>"))
            << what;
        EXPECT_TRUE(login_->running()) << what << ": " << login_->err();
    }
    expect_still_waiting();
    // A well-formed /cancel still works: the login ends, and its server with it.
    EXPECT_EQ(raw_request(port_, get_request("/cancel", "127.0.0.1:" + std::to_string(port_))),
              "HTTP/1.1 200 OK");
    const auto code = login_->wait(30s);
    ASSERT_TRUE(code.has_value());
    EXPECT_EQ(*code, 1);
    EXPECT_THAT(last_line(login_->err()), HasSubstr("cancelled"));
    EXPECT_TRUE(port_is_free(port_));
}

// Idle connections (a browser's speculative preconnects, or anything else local) hold a
// server thread each until the server's timeout; the real callback must still get through
// soon, and the login complete.
TEST_F(CallbackServerStress, IdleConnectionsDoNotHoldUpASuccessfulLoginWhichFreesThePort) {
    std::vector<Poco::Net::StreamSocket> idle;
    for (int i = 0; i < 8; ++i) {
        idle.emplace_back(Poco::Net::SocketAddress("127.0.0.1", port_));
    }
    const std::string url = authorize_url();
    ASSERT_FALSE(url.empty()) << login_->err();
    const auto start = std::chrono::steady_clock::now();
    const codex::testing::BrowserVisit visit = codex::testing::browse(url);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 15s);
    EXPECT_EQ(visit.status, 200) << visit.body;
    EXPECT_THAT(visit.body, HasSubstr("Signed in to klaude"));
    const auto code = login_->wait(30s);
    ASSERT_TRUE(code.has_value());
    EXPECT_EQ(*code, 0) << login_->err();
    EXPECT_TRUE(port_is_free(port_));
    EXPECT_EQ(oauth_.violations(), std::vector<std::string>{});
}

// Any web page can send the browser to the callback with an error (no state needed): its text
// must be escaped in the page and reach the terminal as one line without control characters.
TEST_F(CallbackServerStress, TheErrorDescriptionIsEscapedInThePageAndHarmlessInTheTerminal) {
    const std::string query =
        "error=access_denied&error_description=%3Cscript%3Ealert(%27x%27)%3C%2Fscript%3E"
        "%1B%5B2J%1B%5D0%3Bpwned%07%0D%0Aklaude%3A%20fake%20second%20line%C2%9B31m";
    const codex::testing::BrowserVisit visit = codex::testing::browse(
        "http://localhost:" + std::to_string(port_) + "/auth/callback?" + query);
    EXPECT_EQ(visit.status, 400);
    EXPECT_THAT(visit.body, HasSubstr("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    EXPECT_THAT(visit.body, Not(HasSubstr("<script>")));
    EXPECT_THAT(visit.body, Not(HasSubstr("\x1b")));

    const auto code = login_->wait(30s);
    ASSERT_TRUE(code.has_value());
    EXPECT_EQ(*code, 1);
    const std::string err = login_->err();
    EXPECT_EQ(err.find('\x1b'), std::string::npos) << err;
    EXPECT_EQ(err.find('\a'), std::string::npos) << err;
    EXPECT_EQ(err.find("\xc2\x9b"), std::string::npos) << err;  // C1 CSI
    EXPECT_THAT(last_line(err), HasSubstr("Sign-in failed: <script>alert('x')</script>"));
    EXPECT_THAT(last_line(err), HasSubstr("klaude: fake second line"));  // on the same line
    EXPECT_THAT(last_line(err), HasSubstr("(access_denied)"));
    EXPECT_TRUE(port_is_free(port_));
}

// In process: the server is gone when the CallbackServer is, even with a client connected and
// halfway through a request.
TEST(CallbackServerLifetime, DestroyingTheServerFreesThePortDespiteAnOpenConnection) {
    codex::LoginResult result;
    codex::CallbackServerSettings settings;
    settings.port = 0;
    settings.fallback_port = 0;
    settings.expected_state = "state";
    settings.issuer = "http://127.0.0.1:9";
    auto server = std::make_unique<codex::CallbackServer>(
        settings, [](const std::string&) {}, result);
    const uint16_t port = server->port();
    Poco::Net::StreamSocket client(Poco::Net::SocketAddress("127.0.0.1", port));
    const std::string half = "GET /auth/callback?state=state&co";
    client.sendBytes(half.data(), static_cast<int>(half.size()));
    std::this_thread::sleep_for(100ms);  // a server thread is now blocked reading it
    const auto start = std::chrono::steady_clock::now();
    server.reset();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
    EXPECT_TRUE(port_is_free(port));
}

// check_callback is also what the paste prompt uses: the same cleaning applies.
TEST(CallbackCheckText, ProviderTextIsOneLineWithoutControlCharacters) {
    const auto check = codex::check_callback({{"error", "bad\x1b[1m"},
                                              {"error_description",
                                               "a\x1b]0;title\x07 b\r\nc\tq \xc2\x9b"
                                               "1m \xff\xfe end"},
                                              {"state", "s"}},
                                             "s", "https://auth.example");
    EXPECT_EQ(check.verdict, codex::CallbackCheck::Verdict::kProviderError);
    EXPECT_EQ(check.message, "Sign-in failed: a ]0;title b c q 1m end (bad [1m)");
    const auto long_one = codex::check_callback(
        {{"error", "e"}, {"error_description", std::string(5000, 'x')}}, "s", "i");
    EXPECT_LT(long_one.message.size(), 400u);
    const auto issuer = codex::check_callback(
        {{"code", "c"}, {"state", "s"}, {"iss", "https://evil.example/\x1b[2J"}}, "s",
        "https://auth.example");
    EXPECT_EQ(issuer.verdict, codex::CallbackCheck::Verdict::kWrongIssuer);
    EXPECT_EQ(issuer.message.find('\x1b'), std::string::npos);
    // Text in other scripts passes untouched.
    const auto unicode = codex::check_callback(
        {{"error", "e"},
         {"error_description", "Zugriff verweigert \xe2\x80\x94 \xe6\x8b\x92\xe5\x90\xa6"}},
        "s", "i");
    EXPECT_EQ(unicode.message,
              "Sign-in failed: Zugriff verweigert \xe2\x80\x94 \xe6\x8b\x92\xe5\x90\xa6 (e)");
}

}  // namespace
}  // namespace klaude::stress
