#include "http/dynamodb_handler.h"

#include "common/uuid.h"

namespace ddb::http {
namespace {

namespace bhttp = boost::beast::http;

constexpr const char* kTooLarge =
    R"({"__type":"com.amazon.coral.service#RequestEntityTooLarge","Message":"Request entity too large"})";
constexpr const char* kOnlyPost =
    R"({"__type":"com.amazon.coral.service#UnknownOperationException","Message":"Only POST is supported"})";

uint32_t Crc32(std::string_view body) { return Dispatcher::Crc32(body); }

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
      return Make(reply.status, std::move(reply.body), std::move(reply.request_id), reply.crc32);
    }
    case bhttp::verb::get: {
      std::string body = "healthy: dynamodb.ddblocal.amazonaws.com";
      uint32_t crc = Crc32(body);
      return Make(200, std::move(body), RandomUuid(), crc);
    }
    case bhttp::verb::options:
      if (cors_) return Make(200, "", RandomUuid(), 0);
      [[fallthrough]];
    default: {
      std::string body = kOnlyPost;
      uint32_t crc = Crc32(body);
      return Make(405, std::move(body), RandomUuid(), crc);
    }
  }
}

Response DynamoDbHandler::TooLarge() const {
  std::string body = kTooLarge;
  uint32_t crc = Crc32(body);
  return Make(413, std::move(body), RandomUuid(), crc);
}

Response DynamoDbHandler::Make(int status, std::string body, std::string request_id,
                               uint32_t crc32) const {
  Response r{status, "application/x-amz-json-1.0", std::move(body), {}};
  r.headers.reserve(cors_ ? 6 : 2);
  r.headers.emplace_back("x-amzn-RequestId", std::move(request_id));
  r.headers.emplace_back("x-amz-crc32", std::to_string(crc32));
  if (cors_) {
    r.headers.emplace_back("Access-Control-Allow-Origin", "*");
    r.headers.emplace_back("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    r.headers.emplace_back("Access-Control-Allow-Headers", "*");
    r.headers.emplace_back("Access-Control-Expose-Headers", "x-amzn-RequestId, x-amz-crc32");
  }
  return r;
}

}  // namespace ddb::http
