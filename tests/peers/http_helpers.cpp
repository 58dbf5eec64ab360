#include "tests/peers/http_helpers.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <sstream>
#include <stdexcept>

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

namespace klaude::testing {

namespace {

constexpr int kTimeoutSeconds = 30;

HttpResult send(const std::string& url, Poco::Net::HTTPRequest& request, const std::string& body,
                Poco::Net::HTMLForm* form) {
    const Poco::URI uri(url);
    Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
    session.setTimeout(Poco::Timespan(kTimeoutSeconds, 0));
    request.setURI(uri.getPathAndQuery());
    if (form != nullptr) {
        form->prepareSubmit(request);
        form->write(session.sendRequest(request));
    } else if (request.getMethod() == Poco::Net::HTTPRequest::HTTP_POST) {
        request.setContentLength(static_cast<std::streamsize>(body.size()));
        session.sendRequest(request) << body;
    } else {
        session.sendRequest(request);
    }
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    HttpResult result;
    result.status = static_cast<int>(response.getStatus());
    result.content_type = response.getContentType();
    Poco::StreamCopier::copyToString(in, result.body);
    return result;
}

}  // namespace

HttpResult http_get(const std::string& url) {
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    return send(url, request, "", nullptr);
}

HttpResult post_form(const std::string& url, const std::map<std::string, std::string>& fields) {
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    Poco::Net::HTMLForm form;
    form.setEncoding(Poco::Net::HTMLForm::ENCODING_URL);
    for (const auto& [name, value] : fields) {
        form.set(name, value);
    }
    return send(url, request, "", &form);
}

HttpResult post_json(const std::string& url, const std::string& json,
                     const std::map<std::string, std::string>& headers) {
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType("application/json");
    for (const auto& [name, value] : headers) {
        request.set(name, value);
    }
    return send(url, request, json, nullptr);
}

rapidjson::Document parse_json(const std::string& text) {
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    if (doc.HasParseError()) {
        throw std::runtime_error("not JSON: " + text.substr(0, 500));
    }
    return doc;
}

rapidjson::Document jwt_payload(const std::string& jwt) {
    auto first = jwt.find('.');
    auto second = first == std::string::npos ? first : jwt.find('.', first + 1);
    if (second == std::string::npos) {
        throw std::runtime_error("not a JWT (needs three dot-separated segments)");
    }
    std::istringstream encoded(jwt.substr(first + 1, second - first - 1));
    Poco::Base64Decoder decoder(encoded, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    std::string json;
    Poco::StreamCopier::copyToString(decoder, json);
    return parse_json(json);
}

std::string base64url(const std::string& bytes) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    encoder.rdbuf()->setLineLength(0);
    encoder << bytes;
    encoder.close();
    return out.str();
}

std::string random_bytes(std::size_t n) {
    std::string out(n, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
        throw std::runtime_error("RAND_bytes failed");
    }
    return out;
}

std::string sha256(const std::string& data) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
    return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

std::string query_param(const std::string& url, const std::string& name) {
    for (const auto& [key, value] : Poco::URI(url).getQueryParameters()) {
        if (key == name) {
            return value;
        }
    }
    return "";
}

}  // namespace klaude::testing
