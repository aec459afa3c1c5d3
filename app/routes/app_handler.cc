#include "routes/app_handler.h"

#include <boost/url/parse.hpp>
#include <optional>
#include <string>
#include <vector>

namespace cruddur {

namespace bhttp = boost::beast::http;
using ddb::http::Request;
using ddb::http::Response;

struct AppHandler::Call {
  const Request& request;
  std::string_view peer;              // The client's address.
  std::vector<std::string> segments;  // The path's segments, percent-decoded.
  std::optional<std::string> before;  // ?before=
  std::string q;                      // ?q= (search)
  bool detail = false;                // ?detail (health)
  std::string arg;                    // The route's variable segment.
  std::optional<UsersDbPool::Lease> users;
  std::optional<User> caller;  // Set for routes that need a signed-in user.
};

struct AppHandler::Route {
  bhttp::verb method;
  std::vector<std::string_view> pattern;  // "*" matches one segment; "@*" one starting with '@'.
  enum Needs { kNothing, kUsersDb, kCaller } needs;  // kCaller: a signed-in user.
  ApiResponse (AppHandler::*run)(Call&);
};

namespace {

constexpr std::string_view kJwksPath = "/.well-known/jwks.json";

// Sent with every response: the pages load only the server's own scripts, styles and data,
// cannot be framed, and leak no addresses in Referer.
constexpr std::pair<const char*, const char*> kSecurityHeaders[] = {
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
     "frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
};

bool IsLoopback(std::string_view peer) {
  return peer.starts_with("127.") || peer == "::1" || peer.starts_with("::ffff:127.");
}

Response ToHttp(ApiResponse r) {
  Response out{r.status, r.events ? "text/event-stream" : "application/json", std::move(r.body),
               std::move(r.headers)};
  out.stream = std::move(r.events);
  out.headers.emplace_back("Cache-Control", "no-store");
  return out;
}

// Whether `segments` fit `pattern`; *arg gets the variable segment.
bool Matches(const std::vector<std::string_view>& pattern, const std::vector<std::string>& segments,
             std::string* arg) {
  if (pattern.size() != segments.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == "*") {
      if (segments[i].empty()) return false;
      *arg = segments[i];
    } else if (pattern[i] == "@*") {
      if (segments[i].size() < 2 || segments[i][0] != '@') return false;
      *arg = segments[i].substr(1);
    } else if (pattern[i] != segments[i]) {
      return false;
    }
  }
  return true;
}

bool IsJson(std::string_view content_type) {
  auto semicolon = content_type.find(';');
  std::string_view type = content_type.substr(0, semicolon);
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  return type.empty() || type == "application/json";
}

}  // namespace

const std::vector<AppHandler::Route>& AppHandler::Routes() {
  // Order matters only where patterns overlap: "counter" before "*".
  static const std::vector<Route> kRoutes = {
      {bhttp::verb::get, {"api", "health"}, Route::kNothing, &AppHandler::Health},
      {bhttp::verb::post, {"api", "auth", "sign_in"}, Route::kNothing, &AppHandler::SignIn},
      {bhttp::verb::post, {"api", "auth", "refresh"}, Route::kNothing, &AppHandler::Refresh},
      {bhttp::verb::get, {"api", "users", "@*", "short"}, Route::kUsersDb, &AppHandler::UserShort},
      {bhttp::verb::get, {"api", "users", "search"}, Route::kCaller, &AppHandler::SearchUsers},
      {bhttp::verb::get, {"api", "message_groups"}, Route::kCaller, &AppHandler::ListGroups},
      {bhttp::verb::get, {"api", "messages", "counter"}, Route::kCaller, &AppHandler::Counter},
      {bhttp::verb::get, {"api", "events"}, Route::kCaller, &AppHandler::Events},
      {bhttp::verb::get, {"api", "messages", "*"}, Route::kCaller, &AppHandler::ListMessages},
      {bhttp::verb::post, {"api", "messages"}, Route::kCaller, &AppHandler::Send},
  };
  return kRoutes;
}

bool AppHandler::Blocks(const Request& request) const {
  std::string_view target = request.target();
  return target.rfind("/api/", 0) == 0 || target == "/api";
}

Response AppHandler::TooLarge() const {
  return ToHttp(MessagingApi::Error(
      413, "the request body is over " + std::to_string(max_body_bytes_ / 1024) + " KiB"));
}

Response AppHandler::Handle(const Request& request, std::string_view peer) {
  Response r = Dispatch(request, peer);
  for (const auto& [name, value] : kSecurityHeaders) r.headers.emplace_back(name, value);
  return r;
}

Response AppHandler::Dispatch(const Request& request, std::string_view peer) {
  std::string_view target = request.target();
  if (Blocks(request)) return ToHttp(Api(request, peer));
  bool get = request.method() == bhttp::verb::get;
  if (target == kJwksPath && get) {
    std::string jwks = s_.auth->JwksJson();
    if (jwks.empty())
      return ToHttp(MessagingApi::Error(404, "no local signing key: Cognito signs"));
    return ToHttp(ApiResponse{200, std::move(jwks), {}});
  }
  if (s_.web == nullptr) return ToHttp(MessagingApi::Error(404, "no such route"));
  if (!get) {
    Response r = ToHttp(MessagingApi::Error(405, "the web pages answer only GET"));
    r.headers.emplace_back("Allow", "GET");
    return r;
  }
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return ToHttp(MessagingApi::Error(400, "malformed request target"));
  return s_.web->Get(url->path(), Header(request, "Accept-Encoding"));
}

ApiResponse AppHandler::Api(const Request& request, std::string_view peer) {
  auto url = boost::urls::parse_origin_form(request.target());
  if (!url) return MessagingApi::Error(400, "malformed request target");
  Call call{request, peer, {}, {}, {}, false, {}, {}, {}};
  for (auto segment : url->segments()) call.segments.push_back(segment);
  if (!call.segments.empty() && call.segments.back().empty()) call.segments.pop_back();
  // '+' stays '+': a cursor pasted unencoded ("...+00:00") means what it says.
  auto params = url->params(boost::urls::encoding_opts(false));
  if (auto it = params.find("before"); it != params.end() && (*it).has_value) {
    call.before = (*it).value;
  }
  call.detail = params.contains("detail");
  if (auto it = params.find("q"); it != params.end() && (*it).has_value) call.q = (*it).value;
  std::string allowed;
  for (const Route& route : Routes()) {
    if (!Matches(route.pattern, call.segments, &call.arg)) continue;
    if (route.method == request.method()) return Run(route, call);
    std::string method(bhttp::to_string(route.method));
    if (allowed.find(method) == std::string::npos) {
      allowed += (allowed.empty() ? "" : ", ") + method;
    }
  }
  std::string what = std::string(request.method_string()) + " " + std::string(url->path());
  if (allowed.empty()) return MessagingApi::Error(404, "no such route: " + what);
  ApiResponse r = MessagingApi::Error(405, "method not allowed: " + what);
  r.headers.emplace_back("Allow", allowed);
  return r;
}

ApiResponse AppHandler::Run(const Route& route, Call& call) {
  if (route.method == bhttp::verb::post && !IsJson(Header(call.request, "Content-Type"))) {
    return MessagingApi::Error(415, "the body must be application/json");
  }
  if (route.needs == Route::kNothing) return (this->*route.run)(call);
  auto lease = s_.users->Acquire();
  if (!lease.ok()) return MessagingApi::Error(503, lease.error().message);
  call.users.emplace(std::move(*lease));
  if (route.needs == Route::kCaller) {
    auto who =
        s_.auth->Authenticate(std::string(Header(call.request, "Authorization")), **call.users);
    if (!who.user) {
      if (who.refusal.status == 503) call.users->Discard();
      return who.refusal;
    }
    call.caller = std::move(who.user);
  }
  ApiResponse r = (this->*route.run)(call);
  if (r.status == 503) call.users->Discard();
  return r;
}

// The public learns only whether the application is healthy; its parts, endpoints and files
// are shown to a caller on this machine that asks (?detail).
ApiResponse AppHandler::Health(Call& call) {
  ApiResponse r = s_.health();
  if (call.detail && IsLoopback(call.peer)) return r;
  return ApiResponse{
      r.status, r.status == 200 ? R"({"status":"ok"})" : R"({"status":"degraded"})", {}};
}

ApiResponse AppHandler::SignIn(Call& call) {
  return s_.auth->SignIn(call.request.body(), call.peer);
}

ApiResponse AppHandler::Refresh(Call& call) { return s_.auth->Refresh(call.request.body()); }

ApiResponse AppHandler::UserShort(Call& call) {
  return MessagingApi::UserShort(call.arg, **call.users);
}

ApiResponse AppHandler::SearchUsers(Call& call) {
  return MessagingApi::SearchUsers(*call.caller, call.q, **call.users);
}

ApiResponse AppHandler::ListGroups(Call& call) {
  return s_.api->ListGroups(*call.caller, call.before);
}

ApiResponse AppHandler::ListMessages(Call& call) {
  return s_.api->ListMessages(*call.caller, call.arg, call.before);
}

ApiResponse AppHandler::Counter(Call& call) { return s_.api->Counter(*call.caller); }

// Server-Sent Events: the page reads them with a streaming fetch (it must send the bearer
// token, which EventSource cannot), reconnecting with Last-Event-ID.
ApiResponse AppHandler::Events(Call& call) {
  if (s_.events == nullptr) return MessagingApi::Error(404, "no events here");
  ApiResponse r{200, "", {{"X-Accel-Buffering", "no"}}};
  r.events =
      s_.events->Subscribe(call.caller->uuid, std::string(Header(call.request, "Last-Event-ID")));
  return r;
}

ApiResponse AppHandler::Send(Call& call) {
  const User& caller = *call.caller;
  const std::string& body = call.request.body();
  std::string key(Header(call.request, "Idempotency-Key"));
  if (key.empty() || s_.idempotency == nullptr) return s_.api->Send(caller, body, **call.users);
  if (!IdempotencyStore::ValidKey(key)) {
    return MessagingApi::Error(400, "Idempotency-Key must be 1-255 printable ASCII characters");
  }
  auto claim = s_.idempotency->Begin(caller.uuid, key, body);
  if (!claim.ok()) return MessagingApi::Error(503, claim.error().message);
  switch (claim->state) {
    case IdempotencyStore::ClaimState::kDone:
      claim->stored.headers.emplace_back("Idempotent-Replayed", "true");
      return claim->stored;
    case IdempotencyStore::ClaimState::kInProgress:
      return MessagingApi::Error(409, "a request with this Idempotency-Key is in progress");
    case IdempotencyStore::ClaimState::kMismatch:
      return MessagingApi::Error(409, "this Idempotency-Key was used for a different request");
    case IdempotencyStore::ClaimState::kClaimed:
      break;
  }
  ApiResponse r = s_.api->Send(caller, body, **call.users);
  // A 5xx may succeed when retried; anything else is the answer to every retry.
  AppStatus recorded = r.status >= 500 ? s_.idempotency->Abandon(caller.uuid, key, *claim)
                                       : s_.idempotency->Finish(caller.uuid, key, *claim, r);
  (void)recorded;  // Unrecorded, a retry after a minute runs again: the best that can be done.
  return r;
}

}  // namespace cruddur
