#include "gateway/dispatcher.h"

#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "core/uuid.h"
#include "http/memory.h"
#include "ops/registry.h"
#include "protocol/encode.h"
#include "protocol/shape.h"

namespace ddb::gateway {
namespace {

struct Credential {
  std::string access_key;
  std::string region;
};

// Reads "AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request,
// SignedHeaders=..., Signature=...". Signatures are not verified (as in DynamoDB Local): the
// credential scope only chooses the caller's namespace. A header that is missing or incomplete
// gets the service's answer.
Result<Credential> ParseAuthorization(std::string_view header) {
  if (!header.starts_with("AWS4-")) return ApiError::MissingToken();
  std::string_view algorithm = header.substr(0, header.find(' '));
  if (algorithm != "AWS4-HMAC-SHA256") {
    return ApiError::IncompleteSignature("Unsupported AWS 'algorithm': '" + std::string(algorithm) +
                                         "' (only AWS4-HMAC-SHA256 for now). ");
  }
  std::string missing;
  for (std::string_view part : {"Credential", "Signature", "SignedHeaders"}) {
    if (header.find(std::string(part) + "=") == std::string_view::npos) {
      missing += "Authorization header requires '" + std::string(part) + "' parameter. ";
    }
  }
  if (!missing.empty()) {
    return ApiError::IncompleteSignature(missing + "Authorization=" + std::string(header));
  }
  std::string_view scope = header.substr(header.find("Credential=") + 11);
  scope = scope.substr(0, scope.find_first_of(", "));
  std::vector<std::string_view> parts;
  for (size_t at = 0; at <= scope.size();) {
    size_t slash = std::min(scope.find('/', at), scope.size());
    parts.push_back(scope.substr(at, slash - at));
    at = slash + 1;
  }
  if (parts.size() != 5) {
    return ApiError::IncompleteSignature(
        "Credential must have exactly 5 slash-delimited elements, e.g. "
        "keyid/date/region/service/term, got '" +
        std::string(scope) + "'");
  }
  if (parts[0].empty()) return ApiError::UnrecognizedClient();
  return Credential{std::string(parts[0]), std::string(parts[2])};
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

// This thread's JSON parser for one request. Its buffers grow to several times the largest
// body parsed; grown past kLargeAllocationBytes they are freed after the request, so that
// requests near the body limit leave nothing behind on the threads that served them.
struct ParserLease {
  static simdjson::dom::parser& ThreadParser() {
    thread_local simdjson::dom::parser parser;
    return parser;
  }
  simdjson::dom::parser& parser = ThreadParser();
  ParserLease() = default;
  ParserLease(const ParserLease&) = delete;
  ParserLease& operator=(const ParserLease&) = delete;
  ~ParserLease() {
    if (parser.capacity() < kLargeAllocationBytes) return;
    parser = simdjson::dom::parser();
    ReturnFreedMemory();
  }
};

}  // namespace

bool Dispatcher::IsWrite(std::string_view target, std::string_view body) {
  const ops::Operation op = ops::FindOperation(target);
  return op.writes ? op.writes(body) : op.is_write;
}

Reply Dispatcher::Handle(std::string_view target, std::string_view authorization,
                         std::string_view body, const SignedRequest* signed_request) {
  std::string request_id = RandomUuid();
  // The service's order: the operation, then the credentials, then the body.
  ops::OperationFn operation = ops::FindOperation(target).run;
  if (operation == nullptr) return RenderError(ApiError::UnknownOperation(), std::move(request_id));
  Result<Credential> credential = ApiError::MissingToken();
  if (options_.signatures != nullptr) {
    if (signed_request == nullptr)
      return RenderError(ApiError::MissingToken(), std::move(request_id));
    auto caller = options_.signatures->Verify(*signed_request, std::chrono::system_clock::now());
    if (caller.ok()) {
      credential = Credential{caller->access_key, caller->region};
    } else {
      credential = caller.error();
    }
  } else {
    credential = ParseAuthorization(authorization);
  }
  if (!credential.ok()) return RenderError(credential.error(), std::move(request_id));

  ParserLease lease;
  simdjson::dom::parser& parser = lease.parser;
  simdjson::dom::element doc;
  if (parser.parse(body.data(), body.size(), true).get(doc) != simdjson::SUCCESS) {
    // The service's SerializationException for a body that is not JSON has no message.
    return RenderError(ApiError::Serialization(""), std::move(request_id));
  }
  simdjson::dom::object request;
  if (doc.get(request) != simdjson::SUCCESS) {
    return RenderError(ApiError::Serialization("Start of list found where not expected"),
                       std::move(request_id));
  }
  // The service's validation layer, before any operation runs (protocol/shape.h).
  if (const protocol::OperationShape* shape =
          protocol::FindOperationShape(target.substr(target.find('.') + 1))) {
    Status valid = protocol::ValidateRequest(*shape, request);
    if (!valid.ok()) return RenderError(valid.error(), std::move(request_id));
  }
  ops::RequestContext ctx{engine_, "", "ddblocal"};
  if (!options_.shared_db) ctx.ns = credential->access_key + "_" + credential->region;
  try {
    Result<std::string> result = operation(request, ctx);
    if (!result.ok()) return RenderError(result.error(), std::move(request_id));
    return Render(std::move(result).value(), 200, std::move(request_id));
  } catch (const std::exception& e) {
    // Handlers return errors as values; this only guards against library exceptions such as
    // std::bad_alloc, so that one bad request never takes the server down.
    return RenderError(ApiError::Internal(std::string("internal error: ") + e.what()),
                       std::move(request_id));
  }
}

}  // namespace ddb::gateway
