#include "plugins/codex/auth/base64url.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Exception.h>

#include <sstream>

namespace klaude::codex {

std::string base64url_encode(std::string_view bytes) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    encoder.rdbuf()->setLineLength(0);
    encoder.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    encoder.close();
    return out.str();
}

std::string base64url_decode(std::string_view text) {
    std::string padded(text);
    while (!padded.empty() && padded.back() == '=') {
        padded.pop_back();
    }
    if (padded.size() % 4 == 1) {
        throw std::invalid_argument("base64url text has an impossible length");
    }
    for (char c : padded) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) {
            throw std::invalid_argument("base64url text has a character outside the alphabet");
        }
    }
    // Poco's decoder wants whole 4-character groups.
    padded.append((4 - padded.size() % 4) % 4, '=');
    std::istringstream in(padded);
    Poco::Base64Decoder decoder(in, Poco::BASE64_URL_ENCODING);
    std::string out;
    try {
        char buffer[512];
        while (decoder.read(buffer, sizeof buffer) || decoder.gcount() > 0) {
            out.append(buffer, static_cast<size_t>(decoder.gcount()));
        }
    } catch (const Poco::Exception&) {
        throw std::invalid_argument("base64url text does not decode");
    }
    return out;
}

}  // namespace klaude::codex
