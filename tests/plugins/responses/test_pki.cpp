#include "tests/plugins/responses/test_pki.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace klaude::responses::testing {
namespace {

void sh(const std::string& command) {
    const std::string full = command + " >/dev/null 2>&1";
    if (std::system(full.c_str()) != 0) {
        throw std::runtime_error("test PKI: command failed: " + command);
    }
}

void make_ca(const std::string& dir, const std::string& name) {
    sh("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2"
       " -keyout '" +
       dir + "/" + name + ".key' -out '" + dir + "/" + name +
       ".pem'"
       " -subj '/CN=klaude " +
       name +
       "'"
       " -addext 'basicConstraints=critical,CA:TRUE'"
       " -addext 'keyUsage=critical,keyCertSign,cRLSign'");
}

void make_leaf(const std::string& dir, const std::string& name, const std::string& ca,
               const std::string& cn, const std::string& san) {
    const std::string base = dir + "/" + name;
    sh("openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout '" + base +
       ".key' -out '" + base + ".csr' -subj '/CN=" + cn + "'");
    sh("printf 'subjectAltName=" + san +
       "\\nbasicConstraints=CA:FALSE\\nkeyUsage=digitalSignature\\n"
       "extendedKeyUsage=serverAuth\\n' > '" +
       base + ".ext'");
    sh("openssl x509 -req -days 2 -in '" + base + ".csr' -CA '" + dir + "/" + ca + ".pem'" +
       " -CAkey '" + dir + "/" + ca + ".key' -CAcreateserial -out '" + base + ".pem'" +
       " -extfile '" + base + ".ext'");
}

}  // namespace

TestPki TestPki::create() {
    std::string pattern = (std::filesystem::temp_directory_path() / "klaude-pki-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("test PKI: cannot create a temp directory");
    }
    TestPki pki;
    pki.dir = pattern;
    make_ca(pki.dir, "ca");
    make_ca(pki.dir, "other-ca");
    make_leaf(pki.dir, "localhost", "ca", "localhost", "DNS:localhost,IP:127.0.0.1");
    make_leaf(pki.dir, "wrong", "ca", "wrong.example", "DNS:wrong.example");
    make_leaf(pki.dir, "stranger", "other-ca", "localhost", "DNS:localhost,IP:127.0.0.1");
    pki.ca = pki.dir + "/ca.pem";
    pki.localhost_cert = pki.dir + "/localhost.pem";
    pki.localhost_key = pki.dir + "/localhost.key";
    pki.wrong_name_cert = pki.dir + "/wrong.pem";
    pki.wrong_name_key = pki.dir + "/wrong.key";
    pki.unknown_ca_cert = pki.dir + "/stranger.pem";
    pki.unknown_ca_key = pki.dir + "/stranger.key";
    return pki;
}

void TestPki::remove() const {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
}

}  // namespace klaude::responses::testing
