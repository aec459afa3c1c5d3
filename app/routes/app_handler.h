// AppHandler: the cruddur application's HTTP surface, on the engine's HttpServer (one server and
// HTTP library for both binaries). It routes, authenticates and shapes errors; what each route
// does is MessagingApi's and AuthService's.
//
//   GET  /api/health                       healthy or not (public); ?detail from this machine:
//                                          database, users database, stream processor
//   POST /api/auth/sign_in                 local sign-in (public)
//   GET  /.well-known/jwks.json            the local signing key (public)
//   GET  /api/users/@<handle>/short        (public)
//   GET  /api/message_groups[?before=]     the caller's inbox
//   GET  /api/messages/counter             the caller's unread count
//   GET  /api/messages/<group>[?before=]   a conversation (members only)
//   POST /api/messages                     send; Idempotency-Key header honoured
//   GET  anything else                     the web pages (StaticFiles), when configured
//
// Every API error is JSON {"error": "..."} (422: {"errors": [codes]}): 400 malformed target or
// body, 401/403 from AuthService, 404 unknown route, 405 known route with another method (with
// Allow), 413 body over the limit, 415 a body that is not JSON, 503 a database that is down.
// Every response carries security headers (a Content-Security-Policy allowing only the
// server's own resources, nosniff, no-referrer, no framing).
// Thread-safe: requests run concurrently on the server's worker threads.
#pragma once

#include <functional>

#include "api/auth_service.h"
#include "api/messaging_api.h"
#include "http/handler.h"
#include "routes/idempotency.h"
#include "routes/static_files.h"
#include "users/users_db_pool.h"

namespace cruddur {

struct AppServices {
  MessagingApi* api = nullptr;
  AuthService* auth = nullptr;
  UsersDbPool* users = nullptr;
  IdempotencyStore* idempotency = nullptr;  // Null: Idempotency-Key is ignored.
  const StaticFiles* web = nullptr;         // Null: only the API is served.
  std::function<ApiResponse()> health;      // The /api/health answer.
  EventHub* events = nullptr;               // Null: GET /api/events is 404.
};

class AppHandler final : public ddb::http::Handler {
 public:
  // The services must outlive the handler.
  AppHandler(AppServices services, size_t max_body_bytes)
      : s_(std::move(services)), max_body_bytes_(max_body_bytes) {}

  // API requests block (they call the databases); the pages and the JWKS do not.
  bool Blocks(const ddb::http::Request& request) const override;
  ddb::http::Response Handle(const ddb::http::Request& request) override {
    return Handle(request, "");
  }
  ddb::http::Response Handle(const ddb::http::Request& request, std::string_view peer) override;
  ddb::http::Response TooLarge() const override;

  struct Call;  // One API request, parsed.
  struct Route;

 private:
  static const std::vector<Route>& Routes();
  ddb::http::Response Dispatch(const ddb::http::Request& request, std::string_view peer);
  ApiResponse Api(const ddb::http::Request& request, std::string_view peer);
  ApiResponse Run(const Route& route, Call& call);
  ApiResponse Health(Call& call);
  ApiResponse SignIn(Call& call);
  ApiResponse Refresh(Call& call);
  ApiResponse Send(Call& call);
  ApiResponse ListGroups(Call& call);
  ApiResponse ListMessages(Call& call);
  ApiResponse Counter(Call& call);
  ApiResponse UserShort(Call& call);
  ApiResponse SearchUsers(Call& call);
  ApiResponse Events(Call& call);

  AppServices s_;
  size_t max_body_bytes_;
};

}  // namespace cruddur
