// AuthService: who is calling (spec §5 sign-in). Messaging routes carry
// `Authorization: Bearer <JWT>`; the token is verified as Cognito's are (auth/jwt.h) and its
// `sub` looked up in users.cognito_user_id: no or bad token = 401, a valid token whose sub has
// no user = 403. Locally the app is its own identity provider: SignIn checks a handle or email
// and password against the local identity pool and issues an ID token signed by the app's key
// (data/cruddur-signing-key.pem, created on first start); pointing it at a Cognito user pool
// needs only the pool's issuer, client id and JWKS. Thread-safe (the pool serialises itself).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "api/messaging_api.h"
#include "auth/jwt.h"
#include "auth/sign_in_gate.h"
#include "core/clock.h"
#include "identity/identity_pool.h"
#include "users/users_db.h"

namespace cruddur {

inline constexpr const char* kLocalIssuer = "cruddur-local";
inline constexpr const char* kLocalClientId = "cruddur-web";

class AuthService {
 public:
  // Local sign-in: tokens issued by `signer`, checked against its own JWKS.
  static AppResult<std::unique_ptr<AuthService>> Local(TokenSigner signer, LocalIdentityPool* pool);
  // Cognito: tokens checked against the pool's JWKS (no local sign-in).
  static AppResult<std::unique_ptr<AuthService>> Cognito(const std::string& jwks_json,
                                                         TokenRules rules);

  // The signed-in user for an Authorization header value, or the response to send instead
  // (401 missing/invalid token, 403 unknown sub, 503 users database down).
  struct Caller {
    std::optional<User> user;
    ApiResponse refusal;
  };
  Caller Authenticate(const std::string& authorization, UsersDb& users) const;

  // POST /api/auth/sign_in {"username" | "email", "password"} from client address `peer`:
  // 200 {"id_token", "expires_in", "refresh_token", "handle"}; 401 for wrong credentials (one
  // message, and the same time, for both cases); 429 with Retry-After while the account or address
  // backs off after failures, or every password hasher is busy (auth/sign_in_gate.h); 404 when
  // there is no local sign-in.
  ApiResponse SignIn(const std::string& body, std::string_view peer);

  // POST /api/auth/refresh {"refresh_token"}: a new ID token for the refresh token's user, as
  // Cognito's REFRESH_TOKEN_AUTH gives (200 {"id_token", "expires_in", "handle"}; no new refresh
  // token). 401 when the token is invalid, expired (after 30 days) or its user is gone; 404 when
  // there is no local sign-in. A refresh token is never accepted as a bearer token.
  ApiResponse Refresh(const std::string& body);

  // The JWKS document of the local signing key (served at /.well-known/jwks.json); "" in
  // Cognito mode.
  std::string JwksJson() const;

  // The time tokens are issued and checked at (core/clock.h); the system's by default. Set
  // before the service is shared; must outlive it.
  void set_clock(const ddb::Clock* clock) { clock_ = clock; }

 private:
  AuthService(Jwks jwks, TokenRules rules) : jwks_(std::move(jwks)), rules_(std::move(rules)) {}
  Jwks jwks_;
  TokenRules rules_;
  std::optional<TokenSigner> signer_;
  LocalIdentityPool* pool_ = nullptr;
  std::unique_ptr<SignInGate> gate_;  // Local sign-in only.
  // The answer to a sign-in or refresh of `identity` at `now` (seconds since the epoch).
  ApiResponse Tokens(const Identity& identity, int64_t now, bool with_refresh) const;
  std::chrono::seconds lifetime_{3600};
  std::chrono::seconds refresh_lifetime_{30 * 24 * 3600};  // Cognito's default.
  const ddb::Clock* clock_ = &ddb::Clock::System();
};

}  // namespace cruddur
