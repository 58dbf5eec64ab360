// The authorization-response readers: what the user pastes (a redirect URL, a query, a bare
// code) and the callback server's query string, then the verdict on the parameters. Nothing
// may throw; a query written back with encode_form reads the same.
#include <cstdint>
#include <string>

#include "plugins/codex/auth/callback_check.h"
#include "plugins/codex/auth/url_encoding.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using klaude::codex::CallbackCheck;
using klaude::codex::PastedAnswer;

const std::string kState = "fuzz-state";
const std::string kIssuer = "https://auth.openai.com";

void check_verdict(const std::map<std::string, std::string>& params) {
    const CallbackCheck check = klaude::codex::check_callback(params, kState, kIssuer);
    if (check.verdict == CallbackCheck::Verdict::kCode) {
        KLAUDE_FUZZ_CHECK(!check.code.empty());
        KLAUDE_FUZZ_CHECK(params.at("state") == kState);
    } else {
        KLAUDE_FUZZ_CHECK(!check.message.empty());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input = klaude::fuzz::as_text(data, size);

    const PastedAnswer pasted = klaude::codex::parse_pasted_answer(input);
    switch (pasted.kind) {
        case PastedAnswer::Kind::kRedirect:
            KLAUDE_FUZZ_CHECK(!pasted.params.empty());
            check_verdict(pasted.params);
            break;
        case PastedAnswer::Kind::kBareCode:
            KLAUDE_FUZZ_CHECK(!pasted.code.empty());
            break;
        case PastedAnswer::Kind::kEmpty:
        case PastedAnswer::Kind::kUnreadable:
            break;
    }

    const auto params = klaude::codex::parse_query(input);
    check_verdict(params);
    klaude::codex::FormFields fields(params.begin(), params.end());
    KLAUDE_FUZZ_CHECK(klaude::codex::parse_query(klaude::codex::encode_form(fields)) == params);
    return 0;
}
