#include "gateway/dynamodb_handler.h"

#include <zlib.h>

#include <cctype>
#include <optional>

#include "core/uuid.h"
#include "http/compression.h"
#include "protocol/encode.h"

namespace ddb::gateway {
namespace {

namespace bhttp = boost::beast::http;

// Headers a preflight may ask for beyond the SDKs' (each at most 128 characters).
constexpr size_t kMaxExtraCorsHeaders = 16;

// Smaller replies gain too little from gzip to pay for it.
constexpr size_t kGzipThreshold = 2048;

// What browser SDKs send on a DynamoDB call (named, as some browsers ignore "*" with
// credentials) and what they must be able to read back.
constexpr const char* kCorsAllowHeaders =
    "Authorization, Content-Type, Content-Encoding, X-Amz-Date, X-Amz-Target, "
    "X-Amz-Security-Token, X-Amz-User-Agent, X-Amz-Content-Sha256, X-Amz-Client-Context, "
    "amz-sdk-invocation-id, amz-sdk-request";
constexpr const char* kCorsExposeHeaders = "x-amzn-RequestId, x-amz-crc32, x-amz-id-2";

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// x-amz-crc32, which boto3 checks (and retries on a mismatch).
uint32_t Crc32(std::string_view body) {
  return static_cast<uint32_t>(
      ::crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size())));
}

// The request as signed: what a Signature V4 check reads (the body as sent, still compressed).
SignedRequest SignedOf(const Request& request) {
  SignedRequest r;
  r.method = {request.method_string().data(), request.method_string().size()};
  r.target = {request.target().data(), request.target().size()};
  for (const auto& field : request) {
    r.headers.emplace_back(Lower(std::string(field.name_string())), std::string(field.value()));
  }
  r.body = request.body();
  return r;
}

}  // namespace

DynamoDbHandler::DynamoDbHandler(Dispatcher& dispatcher, const std::string& cors,
                                 size_t max_body_bytes)
    : dispatcher_(dispatcher), max_body_bytes_(max_body_bytes) {
  std::string_view rest = cors;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view origin = rest.substr(0, comma);
    while (!origin.empty() && origin.front() == ' ') origin.remove_prefix(1);
    while (!origin.empty() && origin.back() == ' ') origin.remove_suffix(1);
    if (origin == "*") cors_any_ = true;
    if (!origin.empty() && origin != "*") cors_origins_.emplace_back(origin);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
}

bool DynamoDbHandler::Blocks(const Request& request) const {
  return request.method() == bhttp::verb::post &&
         Dispatcher::IsWrite(Header(request, "X-Amz-Target"), request.body());
}

std::string DynamoDbHandler::AllowedOrigin(const Request& request) const {
  std::string_view origin = Header(request, "Origin");
  if (origin.empty()) return "";  // not a browser's cross-origin request: nothing to allow
  if (cors_any_) return "*";
  for (const auto& allowed : cors_origins_) {
    if (allowed == origin) return allowed;
  }
  return "";
}

Response DynamoDbHandler::Handle(const Request& request) {
  switch (request.method()) {
    case bhttp::verb::post:
      return Post(request);
    case bhttp::verb::get:
      if (request.target() == "/") {
        // The service's health check: its own host name (here the one the client used).
        Response r = Make(200, "healthy: " + std::string(Header(request, "Host")) + " ",
                          RandomUuid(), false, AllowedOrigin(request));
        r.content_type = "text/plain";
        return r;
      }
      break;
    case bhttp::verb::options:
      if (cors_any_ || !cors_origins_.empty()) return Preflight(request);
      break;
    default:
      break;
  }
  return Refuse(405, ApiError::UnknownOperation("Only POST is supported"));
}

Response DynamoDbHandler::Post(const Request& request) {
  std::string origin = AllowedOrigin(request);
  std::string_view body = request.body();
  std::string inflated;
  if (std::string_view encoding = Header(request, "Content-Encoding"); !encoding.empty()) {
    http::Inflated result = http::Inflate(body, encoding, max_body_bytes_);
    if (!result.body) {
      if (result.error == http::InflateError::kTooLarge) return TooLarge();
      return Refuse(400,
                    ApiError::Serialization(
                        "The request body could not be decoded as its Content-Encoding says"),
                    origin);
    }
    inflated = std::move(*result.body);
    body = inflated;
  }
  std::optional<SignedRequest> signed_request;
  if (dispatcher_.VerifiesSignatures()) signed_request = SignedOf(request);
  Reply reply =
      dispatcher_.Handle(Header(request, "X-Amz-Target"), Header(request, "Authorization"), body,
                         signed_request ? &*signed_request : nullptr);
  return Make(reply.status, std::move(reply.body), std::move(reply.request_id),
              http::AcceptsGzip(Header(request, "Accept-Encoding")), origin);
}

Response DynamoDbHandler::Preflight(const Request& request) const {
  Response r = Make(200, "", RandomUuid(), false, AllowedOrigin(request));
  r.headers.emplace_back("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  // The SDKs' headers, and any other the browser asks for (a custom one of the caller's).
  std::string allow = kCorsAllowHeaders;
  std::string lower_allow = Lower(allow);
  std::string_view asked = Header(request, "Access-Control-Request-Headers");
  size_t added = 0;  // a browser asks for a few; a hostile client must not make this grow
  while (!asked.empty() && added < kMaxExtraCorsHeaders) {
    size_t comma = asked.find(',');
    std::string name(asked.substr(0, comma));
    asked = comma == std::string_view::npos ? std::string_view() : asked.substr(comma + 1);
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    std::string lower = Lower(name);
    if (lower.empty() || (", " + lower_allow + ",").find(", " + lower + ",") != std::string::npos) {
      continue;
    }
    if (name.size() > 128) continue;
    allow += ", " + name;
    lower_allow += ", " + lower;
    ++added;
  }
  r.headers.emplace_back("Access-Control-Allow-Headers", std::move(allow));
  r.headers.emplace_back("Access-Control-Max-Age", "172800");
  return r;
}

Response DynamoDbHandler::TooLarge() const { return Refuse(413, ApiError::RequestTooLarge()); }

Response DynamoDbHandler::InternalError() const {
  return Refuse(500, ApiError::Internal("Internal server error"));
}

Response DynamoDbHandler::Refuse(int status, const ApiError& error,
                                 const std::string& origin) const {
  return Make(status, protocol::EncodeError(error).body, RandomUuid(), false, origin);
}

Response DynamoDbHandler::Make(int status, std::string body, std::string request_id, bool gzip,
                               const std::string& origin) const {
  Response r{status, "application/x-amz-json-1.0", std::move(body), {}};
  r.headers.reserve(origin.empty() ? 4 : 8);
  r.headers.emplace_back("x-amzn-RequestId", std::move(request_id));
  const bool gzipped = gzip && r.body.size() >= kGzipThreshold;
  if (gzipped) {
    r.body = http::Gzip(r.body);
    r.headers.emplace_back("Content-Encoding", "gzip");
  }
  // Of the bytes on the wire, compressed or not, as the service computes it.
  r.headers.emplace_back("x-amz-crc32", std::to_string(Crc32(r.body)));
  r.headers.emplace_back("Server", "Server");
  if (!origin.empty()) {
    r.headers.emplace_back("Access-Control-Allow-Origin", origin);
    r.headers.emplace_back("Access-Control-Expose-Headers", kCorsExposeHeaders);
  }
  // One Vary header (the server sets headers by name, so a second would replace the first).
  const bool per_origin = !origin.empty() && origin != "*";
  if (gzipped || per_origin) {
    r.headers.emplace_back("Vary", gzipped && per_origin ? "Accept-Encoding, Origin"
                                   : gzipped             ? "Accept-Encoding"
                                                         : "Origin");
  }
  return r;
}

}  // namespace ddb::gateway
