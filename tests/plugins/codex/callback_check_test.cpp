#include "plugins/codex/auth/callback_check.h"

#include <gtest/gtest.h>

#include "plugins/codex/auth/callback_pages.h"
#include "plugins/codex/auth/url_encoding.h"

namespace klaude::codex {
namespace {

using Verdict = CallbackCheck::Verdict;

Verdict verdict(const std::map<std::string, std::string>& params) {
    return check_callback(params, "good", "https://auth.example.com").verdict;
}

TEST(CheckCallback, AppliesTheRulesInOrder) {
    EXPECT_EQ(verdict({{"code", "c"}, {"state", "good"}}), Verdict::kCode);
    EXPECT_EQ(verdict({{"code", "c"}, {"state", "bad"}}), Verdict::kWrongState);
    EXPECT_EQ(verdict({{"code", "c"}}), Verdict::kWrongState);
    EXPECT_EQ(verdict({{"error", "access_denied"}, {"state", "bad"}}), Verdict::kWrongState);
    EXPECT_EQ(verdict({{"error", "access_denied"}}), Verdict::kProviderError);
    EXPECT_EQ(verdict({{"error", "access_denied"}, {"state", "good"}}), Verdict::kProviderError);
    EXPECT_EQ(verdict({{"state", "good"}}), Verdict::kNoCode);
    EXPECT_EQ(verdict({{"code", "c"}, {"state", "good"}, {"iss", "https://auth.example.com/"}}),
              Verdict::kCode);
    EXPECT_EQ(verdict({{"code", "c"}, {"state", "good"}, {"iss", "https://evil.example.com"}}),
              Verdict::kWrongIssuer);
}

TEST(CheckCallback, TheProviderMessageIsKeptForTheUser) {
    const CallbackCheck check = check_callback(
        {{"error", "access_denied"}, {"error_description", "User said no"}}, "s", "i");
    EXPECT_EQ(check.message, "Sign-in failed: User said no (access_denied)");
}

TEST(PastedAnswer, UnderstandsUrlsQueriesAndBareCodes) {
    PastedAnswer url = parse_pasted_answer(
        " http://localhost:1455/auth/callback?code=ab%2Fc&state=s1&scope=x+y \n");
    ASSERT_EQ(url.kind, PastedAnswer::Kind::kRedirect);
    EXPECT_EQ(url.params.at("code"), "ab/c");
    EXPECT_EQ(url.params.at("state"), "s1");
    EXPECT_EQ(url.params.at("scope"), "x y");

    PastedAnswer query = parse_pasted_answer("?code=z&state=s2");
    ASSERT_EQ(query.kind, PastedAnswer::Kind::kRedirect);
    EXPECT_EQ(query.params.at("code"), "z");
    EXPECT_EQ(parse_pasted_answer("code=z&state=s2").params.at("state"), "s2");

    PastedAnswer code = parse_pasted_answer("ac_Xyz-123.456");
    ASSERT_EQ(code.kind, PastedAnswer::Kind::kBareCode);
    EXPECT_EQ(code.code, "ac_Xyz-123.456");

    EXPECT_EQ(parse_pasted_answer("   ").kind, PastedAnswer::Kind::kEmpty);
    EXPECT_EQ(parse_pasted_answer("two words").kind, PastedAnswer::Kind::kUnreadable);
    EXPECT_EQ(parse_pasted_answer("http://localhost:1455/auth/callback").kind,
              PastedAnswer::Kind::kUnreadable);
}

// Found by fuzz_callback: Poco threw on these, out of the paste prompt and the callback server.
TEST(PastedAnswer, AStrayPercentSignIsKeptAsIs) {
    const auto params = parse_query("code=%zz&state=s%2&x=100%&%=%%41&ok=%41%62");
    EXPECT_EQ(params.at("code"), "%zz");
    EXPECT_EQ(params.at("state"), "s%2");
    EXPECT_EQ(params.at("x"), "100%");
    EXPECT_EQ(params.at("%"), "%A");
    EXPECT_EQ(params.at("ok"), "Ab");

    const PastedAnswer pasted = parse_pasted_answer("http://localhost:1455/cb?code=a%zz&state=s");
    ASSERT_EQ(pasted.kind, PastedAnswer::Kind::kRedirect);
    EXPECT_EQ(pasted.params.at("code"), "a%zz");
    EXPECT_EQ(parse_pasted_answer("code=%&state=s").params.at("code"), "%");
}

TEST(HtmlEscape, EscapesEverythingThatCouldMakeMarkup) {
    EXPECT_EQ(html_escape("<a href=\"x\" onclick='y'>&</a>"),
              "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    EXPECT_NE(error_page("T<", "<b>").find("&lt;b&gt;"), std::string::npos);
    EXPECT_EQ(error_page("T<", "<b>").find("<b>"), std::string::npos);
}

}  // namespace
}  // namespace klaude::codex
