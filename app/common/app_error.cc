#include "common/app_error.h"

namespace cruddur {

AppError AppError::FromClient(const ddb::client::ClientError& e) {
  using K = ddb::client::ClientError::Kind;
  switch (e.kind) {
    case K::kConnection:
    case K::kTimeout:
    case K::kUnprocessed:
      return Unavailable(e.ToString());
    case K::kConfiguration:
      return Invalid(e.ToString());
    case K::kBadResponse:
      return Internal(e.ToString());
    case K::kService:
      break;
  }
  if (e.IsNotFound()) return NotFound(e.ToString());
  if (e.IsThrottled()) return Unavailable(e.ToString());
  if (e.type == "UnrecognizedClientException" || e.type == "InvalidSignatureException" ||
      e.type == "ExpiredTokenException" || e.type == "AccessDeniedException") {
    return Invalid(e.ToString());
  }
  return Internal(e.ToString());
}

}  // namespace cruddur
