#include "http/dynamodb_handler.h"

#include <zlib.h>

#include "common/uuid.h"

namespace ddb::http {
namespace {

namespace bhttp = boost::beast::http;

constexpr const char* kTooLarge =
    R"({"__type":"com.amazon.coral.service#RequestEntityTooLarge","Message":"Request entity too large"})";
constexpr const char* kOnlyPost =
    R"({"__type":"com.amazon.coral.service#UnknownOperationException","Message":"Only POST is supported"})";

// x-amz-crc32, which boto3 checks (and retries on a mismatch).
uint32_t Crc32(std::string_view body) {
  return static_cast<uint32_t>(
      ::crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size())));
}

constexpr const char* kInternal =
    R"({"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"Internal server error"})";

}  // namespace

bool DynamoDbHandler::Blocks(const Request& request) const {
  return request.method() == bhttp::verb::post &&
         Dispatcher::IsWrite(Header(request, "X-Amz-Target"));
}

Response DynamoDbHandler::Handle(const Request& request) {
  switch (request.method()) {
    case bhttp::verb::post: {
      Reply reply = dispatcher_.Handle(Header(request, "X-Amz-Target"),
                                       Header(request, "Authorization"), request.body());
      return Make(reply.status, std::move(reply.body), std::move(reply.request_id));
    }
    case bhttp::verb::get:
      return Make(200, "healthy: dynamodb.ddblocal.amazonaws.com", RandomUuid());
    case bhttp::verb::options:
      if (cors_) return Make(200, "", RandomUuid());
      [[fallthrough]];
    default:
      return Make(405, kOnlyPost, RandomUuid());
  }
}

Response DynamoDbHandler::TooLarge() const { return Make(413, kTooLarge, RandomUuid()); }

Response DynamoDbHandler::InternalError() const { return Make(500, kInternal, RandomUuid()); }

Response DynamoDbHandler::Make(int status, std::string body, std::string request_id) const {
  Response r{status, "application/x-amz-json-1.0", std::move(body), {}};
  r.headers.reserve(cors_ ? 6 : 2);
  r.headers.emplace_back("x-amzn-RequestId", std::move(request_id));
  r.headers.emplace_back("x-amz-crc32", std::to_string(Crc32(r.body)));
  if (cors_) {
    r.headers.emplace_back("Access-Control-Allow-Origin", "*");
    r.headers.emplace_back("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    r.headers.emplace_back("Access-Control-Allow-Headers", "*");
    r.headers.emplace_back("Access-Control-Expose-Headers", "x-amzn-RequestId, x-amz-crc32");
  }
  return r;
}

}  // namespace ddb::http
