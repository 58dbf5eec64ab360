#include "klaude/support/tls_context.h"

#include <mutex>

#include <Poco/Exception.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>

#include "klaude/sdk/error.hpp"

namespace klaude::support {

Poco::Net::Context::Ptr make_tls_context(const std::string& ca_file) {
    using Poco::Net::Context;
    Context::Params params;
    params.verificationMode = Context::VERIFY_STRICT;
    params.verificationDepth = 9;
    params.loadDefaultCAs = ca_file.empty();  // a configured CA file replaces the system store
    params.caLocation = ca_file;
    params.cipherList = "HIGH:!aNULL:!eNULL:!MD5:!RC4:@STRENGTH";
    Context::Ptr context;
    try {
        context = new Context(Context::TLS_CLIENT_USE, params);
    } catch (const Poco::Exception& e) {
        throw sdk::Error(
            KLAUDE_ERROR_INVALID_ARGUMENT,
            "TLS setup failed" +
                (ca_file.empty() ? std::string() : " (options.ca_file " + ca_file + ")") + ": " +
                e.displayText());
    }
    context->requireMinimumProtocol(Context::PROTO_TLSV1_2);
    context->enableExtendedCertificateVerification(true);  // host name must match

    // Poco routes verification failures through SSLManager's handler; without one it may
    // build a ConsoleCertificateHandler from app config and prompt. Install a rejecting one
    // once per process (the manager is a process-wide singleton).
    static std::once_flag once;
    std::call_once(once, [&] {
        Poco::Net::SSLManager::instance().initializeClient(
            nullptr, new Poco::Net::RejectCertificateHandler(false), context);
    });
    return context;
}

}  // namespace klaude::support
