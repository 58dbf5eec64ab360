#include "bench/support/paced_sse_server.h"

#include <Poco/StreamCopier.h>

#include <algorithm>
#include <ostream>
#include <thread>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace klaude::bench {

namespace {

using Clock = std::chrono::steady_clock;

std::string event(const char* type, const std::string& json) {
    return std::string("event: ") + type + "\ndata: " + json + "\n\n";
}

// Token-sized pieces as a model emits them (ASCII and multi-byte UTF-8, a newline now and then).
const char* const kWords[] = {" the",  " quick", " brown", " fox",  " jumps",
                              " over", " lazy",  " dogs",  ",",     " and",
                              " then", " some",  "\n",     " café", " 日本"};

// `text` as a JSON string literal (quotes included).
std::string json_quote(const std::string& text) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.String(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

PacedStream make_paced_stream(const PacedStreamOptions& options) {
    PacedStream out;
    std::vector<std::string> deltas;
    for (size_t i = 0; out.text.size() < options.text_bytes; ++i) {
        deltas.emplace_back(kWords[i % (sizeof kWords / sizeof kWords[0])]);
        out.text += deltas.back();
    }
    out.delta_count = deltas.size();

    const std::string head =
        event(
            "response.created",
            R"({"type":"response.created","sequence_number":0,"response":{"id":"resp_bench","object":"response","status":"in_progress","model":"gpt-5.1","output":[]}})") +
        event(
            "response.output_item.added",
            R"({"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"id":"msg_bench","type":"message","status":"in_progress","role":"assistant","content":[]}})");
    const std::string text_json = json_quote(options.final_text ? out.text : std::string());
    const std::string tail =
        event(
            "response.output_text.done",
            R"({"type":"response.output_text.done","item_id":"msg_bench","output_index":0,"content_index":0,"text":)" +
                text_json + "}") +
        event(
            "response.output_item.done",
            R"({"type":"response.output_item.done","output_index":0,"item":{"id":"msg_bench","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":)" +
                text_json + R"(,"annotations":[]}]}})") +
        event(
            "response.completed",
            R"({"type":"response.completed","response":{"id":"resp_bench","object":"response","status":"completed","model":"gpt-5.1","output":[],"usage":{"input_tokens":100,"input_tokens_details":{"cached_tokens":0},"output_tokens":)" +
                std::to_string(out.delta_count) +
                R"(,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":)" +
                std::to_string(out.delta_count + 100) + "}}}");

    const size_t batches = static_cast<size_t>(std::max(1, options.batches));
    out.chunks.assign(batches, std::string());
    out.chunks.front() = head;
    for (size_t i = 0; i < deltas.size(); ++i) {
        out.chunks[i * batches / deltas.size()] += event(
            "response.output_text.delta",
            R"({"type":"response.output_text.delta","sequence_number":)" + std::to_string(i + 2) +
                R"(,"item_id":"msg_bench","output_index":0,"content_index":0,"delta":)" +
                json_quote(deltas[i]) + R"(,"logprobs":[],"obfuscation":"x1Yq9"})");
    }
    out.chunks.back() += tail;
    for (const std::string& chunk : out.chunks) {
        out.sse_bytes += chunk.size();
    }
    return out;
}

PacedSseServer::PacedSseServer(const PacedStreamOptions& options)
    : options_(options), stream_(make_paced_stream(options)) {
    server_ = std::make_unique<klaude::testing::LoopbackServer>(
        [this](Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
            serve(request, response);
        });
}

PacedSseServer::~PacedSseServer() = default;

std::string PacedSseServer::base_url() const {
    return server_->base_url() + "/v1";
}

std::vector<double> PacedSseServer::send_seconds() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return send_seconds_;
}

size_t PacedSseServer::requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
}

void PacedSseServer::serve(Poco::Net::HTTPServerRequest& request,
                           Poco::Net::HTTPServerResponse& response) {
    std::string body;
    Poco::StreamCopier::copyToString(request.stream(), body);
    const std::string& uri = request.getURI();
    const bool responses = request.getMethod() == "POST" && uri.size() >= 10 &&
                           uri.compare(uri.size() - 10, 10, "/responses") == 0;
    if (!responses) {
        response.setStatus(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
        response.setContentType("application/json");
        response.send() << R"({"error":{"message":"not found","type":"invalid_request_error"}})";
        return;
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        ++requests_;
    }
    response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    response.setContentType("text/event-stream");
    response.setChunkedTransferEncoding(true);
    response.set("Cache-Control", "no-cache");

    // Batches go out on an absolute schedule (start + i * interval), so a slow write does not
    // push every later batch back.
    const auto interval = std::chrono::duration<double>(options_.seconds /
                                                        static_cast<double>(stream_.chunks.size()));
    const auto start = Clock::now();
    std::ostream& out = response.send();
    for (size_t i = 0; i < stream_.chunks.size() && out.good(); ++i) {
        std::this_thread::sleep_until(
            start + std::chrono::duration_cast<Clock::duration>(interval * static_cast<double>(i)));
        out.write(stream_.chunks[i].data(), static_cast<std::streamsize>(stream_.chunks[i].size()));
        out.flush();
    }
    // Only the 5-byte terminating chunk remains; Poco writes it when the handler returns.
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::lock_guard<std::mutex> lock(mutex_);
    send_seconds_.push_back(seconds);
}

}  // namespace klaude::bench
