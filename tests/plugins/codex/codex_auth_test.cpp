#include "plugins/codex/codex_auth.h"

#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <thread>

#include "plugins/codex/auth/codex_cli_store.h"
#include "plugins/codex/auth/private_file.h"
#include "plugins/codex/auth/token_store.h"
#include "tests/plugins/codex/fake_oauth_server.h"
#include "tests/plugins/codex/free_port.h"
#include "tests/plugins/codex/mock_login_ui.h"
#include "tests/plugins/codex/temp_dir.h"
#include "tests/plugins/codex/test_browser.h"
#include "tests/plugins/codex/test_jwt.h"

namespace klaude::codex {
namespace {

using ::testing::_;
using testing::FakeOAuthServer;
using ::testing::HasSubstr;
using testing::MockLoginUi;
using ::testing::NiceMock;
using ::testing::Return;
using testing::TempDir;

int64_t wall_clock() {
    return static_cast<int64_t>(std::time(nullptr));
}

class CodexAuthTest : public ::testing::Test {
  protected:
    void SetUp() override {
        auto mock = std::make_unique<NiceMock<MockLoginUi>>();
        ui = mock.get();
        ui->record_prints();
        ON_CALL(*ui, cancelled()).WillByDefault(Return(false));
        ON_CALL(*ui, ask).WillByDefault(testing::wait_until_stopped);
        ON_CALL(*ui, open_url).WillByDefault([this](const std::string& url, std::string*) {
            browser = std::thread([url] { testing::browse(url); });
            return true;
        });
        settings.issuer = server.issuer();
        settings.client_id = kClientId;
        settings.home = home.path();
        auth = std::make_unique<CodexAuth>(std::move(mock), settings, wall_clock);
    }
    void TearDown() override {
        if (browser.joinable()) {
            browser.join();
        }
        EXPECT_EQ(server.violations(), std::vector<std::string>{});
    }

    std::string port_option() { return "{\"port\":" + std::to_string(testing::free_port()) + "}"; }

    void store_tokens(int64_t expires_at) {
        TokenSet tokens;
        tokens.access_token = testing::make_access_token("4f2a9c1e-5555-4444", expires_at);
        tokens.refresh_token = server.issue_refresh_token();
        tokens.account_id = "4f2a9c1e-5555-4444";
        tokens.plan = "pro";
        tokens.email = "pro@example.com";
        tokens.expires_at = expires_at;
        KlaudeTokenFile(home.path()).save(tokens);
    }

    // status() as the host sees it, through the C ABI.
    klaude_auth_status_t c_status() {
        klaude_auth_t* c = sdk::AuthProvider::release_to_c(std::move(auth));
        klaude_auth_status_t out{};
        out.struct_size = sizeof out;
        char err[256] = {0};
        EXPECT_EQ(c->status(c, &out, err, sizeof err), KLAUDE_OK) << err;
        c->destroy(c);
        return out;
    }

    FakeOAuthServer server;
    TempDir home;
    CodexSettings settings;
    NiceMock<MockLoginUi>* ui = nullptr;
    std::unique_ptr<CodexAuth> auth;
    std::thread browser;
};

TEST_F(CodexAuthTest, LoginSavesA0600FileAndStatusShowsTheMaskedAccount) {
    auth->login(port_option());
    const std::string path = home.file("codex-auth.json");
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_THAT(ui->printed(), HasSubstr("Signed in to ChatGPT as user@example.com (account "
                                         "acct-fak\u2026, plan plus)"));
    EXPECT_THAT(ui->printed(), ::testing::Not(HasSubstr("acct-fake-000123456")));

    const sdk::AuthStatus status = auth->status();
    EXPECT_EQ(status.state, KLAUDE_AUTH_LOGGED_IN);
    EXPECT_EQ(status.account, "acct-fak\u2026");
    EXPECT_EQ(status.plan, "plus");
    EXPECT_EQ(status.email, "user@example.com");
    EXPECT_NEAR(static_cast<double>(status.expires_at), static_cast<double>(wall_clock() + 3600),
                60);
    EXPECT_THAT(status.detail, HasSubstr("https://chatgpt.com/codex/settings/usage"));
}

TEST_F(CodexAuthTest, DeviceAuthLogsIn) {
    EXPECT_CALL(*ui, open_url(_, _)).Times(0);
    auth->login(R"({"device-auth":true})");
    EXPECT_EQ(auth->status().state, KLAUDE_AUTH_LOGGED_IN);
    EXPECT_GE(server.device_polls(), 1);
}

TEST_F(CodexAuthTest, StatusThroughTheCAbi) {
    store_tokens(wall_clock() + 1000);
    const klaude_auth_status_t status = c_status();
    EXPECT_EQ(status.state, KLAUDE_AUTH_LOGGED_IN);
    EXPECT_STREQ(status.account, "4f2a9c1e\u2026");
    EXPECT_STREQ(status.plan, "pro");
    EXPECT_STREQ(status.email, "pro@example.com");
}

TEST_F(CodexAuthTest, StatusKnowsExpiredNotLoggedInAndInvalid) {
    EXPECT_EQ(auth->status().state, KLAUDE_AUTH_NOT_LOGGED_IN);
    EXPECT_THAT(auth->status().detail, HasSubstr("klaude auth login codex"));

    store_tokens(wall_clock() - 10);
    EXPECT_EQ(auth->status().state, KLAUDE_AUTH_EXPIRED_REFRESHABLE);
    EXPECT_GT(auth->status().expires_at, 0);

    std::ofstream(home.file("codex-auth.json")) << "{ not json";
    const sdk::AuthStatus broken = auth->status();
    EXPECT_EQ(broken.state, KLAUDE_AUTH_INVALID);
    EXPECT_THAT(broken.detail, HasSubstr(home.file("codex-auth.json")));
    EXPECT_THAT(broken.detail, HasSubstr("klaude auth login codex"));
    EXPECT_EQ(server.refresh_calls(), 0);  // status never touches the network
}

TEST_F(CodexAuthTest, LogoutAsksThenDeletes) {
    store_tokens(wall_clock() + 1000);
    EXPECT_CALL(*ui, confirm(HasSubstr("Sign out of ChatGPT")))
        .WillOnce(Return(std::optional<bool>(false)))
        .WillOnce(Return(std::optional<bool>(true)));
    auth->logout("{}");
    EXPECT_TRUE(read_file_if_exists(home.file("codex-auth.json")).has_value());
    EXPECT_THAT(ui->printed(), HasSubstr("nothing was deleted"));
    auth->logout("{}");
    EXPECT_FALSE(read_file_if_exists(home.file("codex-auth.json")).has_value());
    EXPECT_THAT(ui->printed(), HasSubstr("Signed out of ChatGPT"));
    EXPECT_EQ(auth->status().state, KLAUDE_AUTH_NOT_LOGGED_IN);
}

TEST_F(CodexAuthTest, LogoutWhenNotLoggedInSaysSoWithoutAsking) {
    EXPECT_CALL(*ui, confirm(_)).Times(0);
    auth->logout("{}");
    EXPECT_THAT(ui->printed(), HasSubstr("Not signed in to ChatGPT"));
}

TEST_F(CodexAuthTest, LogoutWithoutAWayToConfirmPointsAtYes) {
    store_tokens(wall_clock() + 1000);
    EXPECT_CALL(*ui, confirm(_)).WillOnce(Return(std::nullopt));
    try {
        auth->logout("{}");
        FAIL();
    } catch (const sdk::Error& e) {
        EXPECT_THAT(e.what(), HasSubstr("--yes"));
    }
    EXPECT_TRUE(read_file_if_exists(home.file("codex-auth.json")).has_value());
}

TEST_F(CodexAuthTest, LogoutDeletesACorruptFileToo) {
    std::ofstream(home.file("codex-auth.json")) << "garbage";
    EXPECT_CALL(*ui, confirm(_)).WillOnce(Return(std::optional<bool>(true)));
    auth->logout("{}");
    EXPECT_FALSE(read_file_if_exists(home.file("codex-auth.json")).has_value());
}

TEST_F(CodexAuthTest, UseCodexCliPointsAtItsFileInPlace) {
    TempDir codex_home;
    ::setenv("CODEX_HOME", codex_home.path().c_str(), 1);
    TokenSet tokens;
    tokens.access_token = testing::make_access_token("acct-cli-99999999", wall_clock() + 900);
    tokens.refresh_token = "cli-refresh";
    tokens.id_token = testing::make_id_token("acct-cli-99999999", "cli@example.com");
    tokens.account_id = "acct-cli-99999999";
    CodexCliTokenFile(codex_home.file("auth.json")).save(tokens);

    auth->login(R"({"use-codex-cli":true})");
    EXPECT_THAT(ui->printed(), HasSubstr("in place"));
    EXPECT_THAT(ui->printed(), HasSubstr(codex_home.file("auth.json")));
    const sdk::AuthStatus status = auth->status();
    EXPECT_EQ(status.state, KLAUDE_AUTH_LOGGED_IN);
    EXPECT_EQ(status.account, "acct-cli\u2026");
    EXPECT_THAT(status.detail, HasSubstr(codex_home.file("auth.json")));

    EXPECT_CALL(*ui, confirm(HasSubstr("Codex CLI"))).WillOnce(Return(std::optional<bool>(true)));
    auth->logout("{}");
    EXPECT_TRUE(read_file_if_exists(codex_home.file("auth.json")).has_value());
    EXPECT_THAT(ui->printed(), HasSubstr("untouched"));
    ::unsetenv("CODEX_HOME");
}

TEST_F(CodexAuthTest, UseCodexCliWithoutACodexLoginFailsClearly) {
    TempDir codex_home;
    ::setenv("CODEX_HOME", codex_home.path().c_str(), 1);
    try {
        auth->login(R"({"use-codex-cli":true})");
        FAIL();
    } catch (const sdk::Error& e) {
        EXPECT_THAT(e.what(), HasSubstr(codex_home.file("auth.json")));
        EXPECT_THAT(e.what(), HasSubstr("codex login"));
    }
    EXPECT_FALSE(read_file_if_exists(home.file("codex-auth.json")).has_value());
    ::unsetenv("CODEX_HOME");
}

TEST_F(CodexAuthTest, BadOptionsAreRefusedWithTheOptionName) {
    auto error_of = [&](const char* json) {
        try {
            auth->login(json);
        } catch (const sdk::Error& e) {
            EXPECT_EQ(e.status(), KLAUDE_ERROR_INVALID_ARGUMENT) << json;
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_THAT(error_of(R"({"port":0})"), HasSubstr("--port"));
    EXPECT_THAT(error_of(R"({"port":70000})"), HasSubstr("--port"));
    EXPECT_THAT(error_of(R"({"timeout":-5})"), HasSubstr("--timeout"));
    EXPECT_THAT(error_of(R"({"device-auth":true,"use-codex-cli":true})"),
                HasSubstr("--device-auth"));
}

TEST_F(CodexAuthTest, ALoginReplacesACorruptFile) {
    std::ofstream(home.file("codex-auth.json")) << "{}";
    auth->login(port_option());
    EXPECT_EQ(auth->status().state, KLAUDE_AUTH_LOGGED_IN);
}

TEST(CodexSettings, IssuerFromOptionsThenEnvironment) {
    ::unsetenv("KLAUDE_CODEX_ISSUER");
    EXPECT_EQ(CodexSettings::from_json("{}", "/h").issuer, "https://auth.openai.com");
    EXPECT_EQ(CodexSettings::from_json("{}", "/h").client_id, "app_EMoamEEZ73f0CkXaXp7hrann");
    EXPECT_EQ(CodexSettings::from_json(R"({"options":{"issuer":"http://x:1/"}})", "/h").issuer,
              "http://x:1");
    ::setenv("KLAUDE_CODEX_ISSUER", "http://127.0.0.1:9", 1);
    EXPECT_EQ(CodexSettings::from_json(R"({"options":{"issuer":"http://x:1/"}})", "/h").issuer,
              "http://127.0.0.1:9");
    ::unsetenv("KLAUDE_CODEX_ISSUER");
    EXPECT_THROW(CodexSettings::from_json(R"({"options":{"issuer":5}})", "/h"), sdk::Error);
    EXPECT_THROW(CodexSettings::from_json(R"({"options":[]})", "/h"), sdk::Error);
    EXPECT_THROW(CodexSettings::from_json("nope", "/h"), sdk::Error);
}

TEST(CodexAuthInfo, DeclaresTheLoginOptions) {
    const sdk::AuthInfo info = codex_auth_info("codex");
    std::vector<std::string> names;
    for (const auto& o : info.login_options) {
        names.push_back(o.name);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"no-browser", "port", "device-auth", "use-codex-cli",
                                               "timeout"}));
    EXPECT_THAT(info.login_options[3].help, HasSubstr("single-use"));
}

}  // namespace
}  // namespace klaude::codex
