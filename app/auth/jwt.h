// JSON Web Tokens signed with RS256, as Amazon Cognito issues them (spec §5): verification
// against a JWKS (the key named by the token's `kid`), with the issuer, the audience (`aud`, or
// `client_id` for access tokens), `token_use` and expiry checked; and, for the app's local
// sign-in, an RSA key pair that issues such tokens and publishes its JWKS. OpenSSL does the
// cryptography; Boost.JSON the JSON. Thread-safe once built.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/app_error.h"

namespace cruddur {

// A verified token's claims that the app uses.
struct TokenClaims {
  std::string sub;
  std::string token_use;  // "id" or "access".
  std::string username;   // cognito:username or username.
  std::chrono::system_clock::time_point expires;
};

// What a valid token must say.
struct TokenRules {
  std::string issuer;     // iss, e.g. https://cognito-idp.<region>.amazonaws.com/<pool id>
  std::string client_id;  // aud of id tokens, client_id of access tokens
  std::vector<std::string> token_uses = {"id", "access"};
  std::chrono::seconds leeway{30};  // Clock skew allowed on exp, nbf and iat.
  // The longest lifetime (exp - iat) the issuer gives a token: Cognito's ID and access tokens
  // last at most a day.
  std::chrono::seconds max_lifetime{24 * 3600};
};

// A set of public keys (a JWKS document's RSA keys), by kid.
class Jwks {
 public:
  // Parses a JWKS document ({"keys": [{"kty": "RSA", "kid", "n", "e", ...}]}); Invalid if none
  // of its keys is usable.
  static AppResult<Jwks> Parse(const std::string& json);
  ~Jwks();
  Jwks(Jwks&&) noexcept;
  Jwks& operator=(Jwks&&) noexcept;

  // Checks signature, algorithm, issuer, audience, token_use, expiry, nbf, iat and lifetime at
  // `now`. Invalid with the reason ("token expired", "unknown key", "bad signature", ...)
  // otherwise.
  AppResult<TokenClaims> Verify(const std::string& token, const TokenRules& rules,
                                std::chrono::system_clock::time_point now) const;

 private:
  struct Keys;
  explicit Jwks(std::unique_ptr<Keys> keys);
  std::unique_ptr<Keys> keys_;
};

// An RSA key pair that signs tokens: the local identity provider's.
class TokenSigner {
 public:
  // Loads the PEM private key at `path`, or creates one there (mode 0600) when it is missing.
  static AppResult<TokenSigner> LoadOrCreate(const std::string& path);
  ~TokenSigner();
  TokenSigner(TokenSigner&&) noexcept;
  TokenSigner& operator=(TokenSigner&&) noexcept;

  // An RS256 token with `claims_json` (a JSON object's text) as its payload.
  std::string Sign(const std::string& claims_json) const;
  // The JWKS document publishing the public key.
  std::string JwksJson() const;
  const std::string& kid() const { return kid_; }

 private:
  struct Key;
  TokenSigner(std::unique_ptr<Key> key, std::string kid);
  std::unique_ptr<Key> key_;
  std::string kid_;
};

}  // namespace cruddur
