// A throw-away PKI made at test time with the `openssl` command line in a temp directory:
// a trusted CA with server certificates for localhost and for another name, and an unknown CA
// with its own localhost certificate. EC P-256 keys, valid for two days.
#pragma once

#include <string>

namespace klaude::responses::testing {

struct TestPki {
    std::string dir;
    std::string ca;              // the CA the client is told to trust (PEM)
    std::string localhost_cert;  // CN/SAN localhost, 127.0.0.1; signed by `ca`
    std::string localhost_key;
    std::string wrong_name_cert;  // SAN wrong.example; signed by `ca`
    std::string wrong_name_key;
    std::string unknown_ca_cert;  // SAN localhost; signed by a CA nobody trusts
    std::string unknown_ca_key;

    // Creates everything; throws std::runtime_error with the failing command.
    static TestPki create();
    void remove() const;
};

}  // namespace klaude::responses::testing
