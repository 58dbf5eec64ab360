// HttpStream through an HTTPS proxy that refuses the CONNECT: one line naming the proxy, the
// target and the proxy's status line, whatever the code (529 is not one Poco knows: reading it
// through Poco's HTTPResponse was undefined behaviour). The tunnel's success path is covered by
// tests/plugins/codex/sign_in_proxy_test.cpp.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <memory>

#include "klaude/sdk/error.hpp"
#include "klaude/support/http_stream.h"
#include "tests/support/forward_proxy.h"

namespace klaude::support {
namespace {

using ::testing::HasSubstr;

class ProxyConnect : public ::testing::TestWithParam<const char*> {
  protected:
    void SetUp() override { clear(); }
    void TearDown() override { clear(); }
    static void clear() {
        for (const char* name :
             {"HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"}) {
            unsetenv(name);
        }
    }
};

TEST_P(ProxyConnect, ARefusedConnectIsOneLineWithTheProxysStatus) {
    klaude::testing::ForwardProxy proxy(GetParam());
    setenv("HTTPS_PROXY", proxy.url().c_str(), 1);
    HttpOptions options;
    options.connect_timeout = std::chrono::seconds(5);
    HttpStream http(options, std::make_shared<CancelSignal>());
    try {
        http.send("POST", "https://api.example.test/v1/responses", {}, "{}");
        FAIL() << "the CONNECT was refused; send must throw";
    } catch (const sdk::Error& e) {
        EXPECT_EQ(e.status(), KLAUDE_ERROR_NETWORK);
        const std::string what = e.what();
        EXPECT_THAT(what, HasSubstr("proxy 127.0.0.1 refused CONNECT to api.example.test: " +
                                    std::string(GetParam())));
        EXPECT_THAT(what, HasSubstr("(check HTTPS_PROXY / NO_PROXY)"));
        EXPECT_EQ(what.find('\n'), std::string::npos);
    }
    ASSERT_EQ(proxy.targets().size(), 1u);
    EXPECT_EQ(proxy.targets()[0], "CONNECT api.example.test:443");
}

INSTANTIATE_TEST_SUITE_P(Statuses, ProxyConnect,
                         ::testing::Values("HTTP/1.1 407 Proxy Authentication Required",
                                           "HTTP/1.1 529 Site Is Overloaded"));

}  // namespace
}  // namespace klaude::support
