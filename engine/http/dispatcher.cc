#include "http/dispatcher.h"

#include <simdjson.h>

#include "common/uuid.h"
#include "ops/registry.h"
#include "protocol/encode.h"

namespace ddb::http {
namespace {

struct Credential {
  std::string access_key;
  std::string region;
};

// Reads "AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, ...".
// DynamoDB Local does not verify signatures, and neither do we: it only needs the credential
// scope to choose the caller's namespace.
Result<Credential> ParseAuthorization(std::string_view header) {
  if (header.empty()) return ApiError::MissingToken();
  size_t at = header.find("Credential=");
  if (at == std::string_view::npos) return ApiError::UnrecognizedClient();
  std::string_view scope = header.substr(at + 11);
  scope = scope.substr(0, scope.find_first_of(", "));
  Credential c;
  size_t slash = scope.find('/');
  c.access_key = std::string(scope.substr(0, slash));
  if (c.access_key.empty()) return ApiError::UnrecognizedClient();
  if (slash != std::string_view::npos) {
    std::string_view rest = scope.substr(slash + 1);  // date/region/service/aws4_request
    size_t s1 = rest.find('/');
    if (s1 != std::string_view::npos) {
      std::string_view region = rest.substr(s1 + 1);
      c.region = std::string(region.substr(0, region.find('/')));
    }
  }
  return c;
}

Reply Render(std::string body, int status, std::string request_id) {
  Reply r;
  r.status = status;
  r.body = std::move(body);
  r.request_id = std::move(request_id);
  return r;
}

Reply RenderError(const ApiError& e, std::string request_id) {
  protocol::ErrorResponse er = protocol::EncodeError(e);
  return Render(std::move(er.body), er.http_status, std::move(request_id));
}

}  // namespace

bool Dispatcher::IsWrite(std::string_view target) { return ops::FindOperation(target).is_write; }

Reply Dispatcher::Handle(std::string_view target, std::string_view authorization,
                         std::string_view body) {
  std::string request_id = RandomUuid();
  auto credential = ParseAuthorization(authorization);
  if (!credential.ok()) return RenderError(credential.error(), std::move(request_id));
  if (!ops::IsKnownService(target)) {
    // A target of another service or API version, or none at all.
    return RenderError(ApiError::InvalidAction(), std::move(request_id));
  }
  ops::Handler handler = ops::FindOperation(target).handler;
  if (handler == nullptr) return RenderError(ApiError::UnknownOperation(), std::move(request_id));

  thread_local simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(body.data(), body.size(), true).get(doc) != simdjson::SUCCESS) {
    return RenderError(ApiError::Serialization("The request body is not valid JSON"),
                       std::move(request_id));
  }
  simdjson::dom::object request;
  if (doc.get(request) != simdjson::SUCCESS) {
    return RenderError(ApiError::Serialization("The request body must be a JSON object"),
                       std::move(request_id));
  }
  ops::RequestContext ctx{engine_, "", "ddblocal"};
  if (!options_.shared_db) ctx.ns = credential->access_key + "_" + credential->region;
  try {
    Result<std::string> result = handler(request, ctx);
    if (!result.ok()) return RenderError(result.error(), std::move(request_id));
    return Render(std::move(result).value(), 200, std::move(request_id));
  } catch (const std::exception& e) {
    // Handlers return errors as values; this only guards against library exceptions such as
    // std::bad_alloc, so that one bad request never takes the server down.
    return RenderError(ApiError::Internal(std::string("internal error: ") + e.what()),
                       std::move(request_id));
  }
}

}  // namespace ddb::http
