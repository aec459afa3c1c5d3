#include "api/auth_service.h"

#include <simdjson.h>

#include <boost/json.hpp>

namespace cruddur {

AppResult<std::unique_ptr<AuthService>> AuthService::Local(TokenSigner signer,
                                                           LocalIdentityPool* pool) {
  DDB_ASSIGN_OR_RETURN(Jwks jwks, Jwks::Parse(signer.JwksJson()));
  TokenRules rules{kLocalIssuer, kLocalClientId};
  std::unique_ptr<AuthService> auth(new AuthService(std::move(jwks), rules));
  auth->rules_.max_lifetime = auth->lifetime_;  // No token of ours lives longer.
  auth->signer_.emplace(std::move(signer));
  auth->pool_ = pool;
  auth->gate_ = std::make_unique<SignInGate>();
  return auth;
}

AppResult<std::unique_ptr<AuthService>> AuthService::Cognito(const std::string& jwks_json,
                                                             TokenRules rules) {
  DDB_ASSIGN_OR_RETURN(Jwks jwks, Jwks::Parse(jwks_json));
  return std::unique_ptr<AuthService>(new AuthService(std::move(jwks), std::move(rules)));
}

AuthService::Caller AuthService::Authenticate(const std::string& authorization,
                                              UsersDb& users) const {
  constexpr std::string_view kBearer = "Bearer ";
  if (!authorization.starts_with(kBearer)) {
    return {std::nullopt, MessagingApi::Error(401, "sign in first: no bearer token")};
  }
  auto claims = jwks_.Verify(authorization.substr(kBearer.size()), rules_, clock_->Now());
  if (!claims.ok()) return {std::nullopt, MessagingApi::Error(401, claims.error().message)};
  auto user = users.FindByCognitoId(claims->sub);
  if (!user.ok()) return {std::nullopt, MessagingApi::Error(503, user.error().message)};
  if (!*user) return {std::nullopt, MessagingApi::Error(403, "no Cruddur user for this sign-in")};
  return {std::move(*user), {}};
}

ApiResponse AuthService::SignIn(const std::string& body, std::string_view peer) {
  if (!signer_ || pool_ == nullptr) return MessagingApi::Error(404, "sign in with Cognito");
  simdjson::dom::parser parser;
  simdjson::dom::object obj;
  if (parser.parse(body).get(obj) != simdjson::SUCCESS) {
    return MessagingApi::Error(400, "the body must be a JSON object");
  }
  std::string_view login, password;
  if ((obj["username"].get(login) != simdjson::SUCCESS &&
       obj["email"].get(login) != simdjson::SUCCESS) ||
      obj["password"].get(password) != simdjson::SUCCESS) {
    return MessagingApi::Error(400, "username (or email) and password are required");
  }
  AppResult<std::optional<Identity>> identity = std::optional<Identity>();
  auto refusal = gate_->Attempt(login, peer, [&] {
    identity = pool_->Authenticate(std::string(login), std::string(password));
    return identity.ok() && identity->has_value();
  });
  if (refusal) {
    ApiResponse r = MessagingApi::Error(
        429, refusal->busy ? "too many sign-ins at once: try again in a moment"
                           : "too many failed sign-ins: try again in " +
                                 std::to_string(refusal->retry_after.count()) + " s");
    r.headers.emplace_back("Retry-After", std::to_string(refusal->retry_after.count()));
    return r;
  }
  if (!identity.ok()) return MessagingApi::Error(503, identity.error().message);
  if (!*identity) return MessagingApi::Error(401, "wrong username or password");
  return Tokens(**identity, clock_->EpochMillis() / 1000, true);
}

ApiResponse AuthService::Tokens(const Identity& identity, int64_t now, bool with_refresh) const {
  namespace json = boost::json;
  json::object claims{{"sub", identity.sub},
                      {"iss", kLocalIssuer},
                      {"aud", kLocalClientId},
                      {"token_use", "id"},
                      {"iat", now},
                      {"exp", now + lifetime_.count()},
                      {"cognito:username", identity.handle},
                      {"preferred_username", identity.handle},
                      {"email", identity.email}};
  json::object answer{{"id_token", signer_->Sign(json::serialize(claims))},
                      {"expires_in", lifetime_.count()},
                      {"handle", identity.handle}};
  if (with_refresh) {
    // Signed like the ID token but of its own token_use, which Authenticate never accepts.
    json::object refresh{
        {"sub", identity.sub},    {"iss", kLocalIssuer}, {"aud", kLocalClientId},
        {"token_use", "refresh"}, {"iat", now},          {"exp", now + refresh_lifetime_.count()}};
    answer["refresh_token"] = signer_->Sign(json::serialize(refresh));
  }
  return ApiResponse{200, json::serialize(answer), {}};
}

ApiResponse AuthService::Refresh(const std::string& body) {
  if (!signer_ || pool_ == nullptr) return MessagingApi::Error(404, "sign in with Cognito");
  simdjson::dom::parser parser;
  simdjson::dom::object obj;
  std::string_view token;
  if (parser.parse(body).get(obj) != simdjson::SUCCESS ||
      obj["refresh_token"].get(token) != simdjson::SUCCESS) {
    return MessagingApi::Error(400, "refresh_token is required");
  }
  TokenRules rules = rules_;
  rules.token_uses = {"refresh"};
  rules.max_lifetime = refresh_lifetime_;
  auto claims = jwks_.Verify(std::string(token), rules, clock_->Now());
  if (!claims.ok()) return MessagingApi::Error(401, "sign in again: " + claims.error().message);
  auto identity = pool_->Find(claims->sub);
  if (!identity.ok()) return MessagingApi::Error(503, identity.error().message);
  if (!*identity) return MessagingApi::Error(401, "sign in again: the user is gone");
  return Tokens(**identity, clock_->EpochMillis() / 1000, false);
}

std::string AuthService::JwksJson() const { return signer_ ? signer_->JwksJson() : ""; }

}  // namespace cruddur
