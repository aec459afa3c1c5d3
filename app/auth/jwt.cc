#include "auth/jwt.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <map>

#include "common/private_file.h"

namespace cruddur {
namespace {

namespace json = boost::json;

std::string Base64Url(const unsigned char* data, size_t n) {
  std::string out(4 * ((n + 2) / 3), '\0');
  int len =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(n));
  out.resize(static_cast<size_t>(len));
  while (!out.empty() && out.back() == '=') out.pop_back();
  std::replace(out.begin(), out.end(), '+', '-');
  std::replace(out.begin(), out.end(), '/', '_');
  return out;
}

std::string Base64Url(const std::string& s) {
  return Base64Url(reinterpret_cast<const unsigned char*>(s.data()), s.size());
}

std::optional<std::string> FromBase64Url(std::string s) {
  if (s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") !=
      std::string::npos) {
    return std::nullopt;
  }
  std::replace(s.begin(), s.end(), '-', '+');
  std::replace(s.begin(), s.end(), '_', '/');
  const size_t pad = (4 - s.size() % 4) % 4;
  if (pad == 3) return std::nullopt;
  s.append(pad, '=');
  std::string out(3 * s.size() / 4, '\0');
  int n =
      EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(s.data()), static_cast<int>(s.size()));
  if (n < 0) return std::nullopt;
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

// An RSA public key from a JWK's base64url modulus and exponent.
Pkey RsaPublicKey(const std::string& n_b64, const std::string& e_b64) {
  auto n = FromBase64Url(n_b64), e = FromBase64Url(e_b64);
  if (!n || !e) return nullptr;
  BIGNUM* bn_n = BN_bin2bn(reinterpret_cast<const unsigned char*>(n->data()),
                           static_cast<int>(n->size()), nullptr);
  BIGNUM* bn_e = BN_bin2bn(reinterpret_cast<const unsigned char*>(e->data()),
                           static_cast<int>(e->size()), nullptr);
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n);
  OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e);
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
  EVP_PKEY* key = nullptr;
  if (ctx && params && EVP_PKEY_fromdata_init(ctx) > 0) {
    EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params);
  }
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(bld);
  BN_free(bn_n);
  BN_free(bn_e);
  return Pkey(key);
}

std::string BnParam(EVP_PKEY* key, const char* name) {
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &bn) != 1) return "";
  std::string bytes(static_cast<size_t>(BN_num_bytes(bn)), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(bytes.data()));
  BN_free(bn);
  return Base64Url(bytes);
}

std::string StringClaim(const json::object& o, const char* key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : "";
}

using TimePoint = std::chrono::system_clock::time_point;

// A NumericDate claim (seconds since the epoch), if present and a number.
std::optional<TimePoint> TimeClaim(const json::object& claims, const char* name) {
  auto* v = claims.if_contains(name);
  if (v == nullptr || !v->is_number()) return std::nullopt;
  return TimePoint(std::chrono::seconds(static_cast<int64_t>(v->to_number<double>())));
}

// exp (required), nbf and iat at `now`, each with the rules' leeway for clock skew, and the
// lifetime the issuer may give a token.
AppStatus CheckTimes(const json::object& claims, const TokenRules& rules, TimePoint now,
                     TimePoint* expires) {
  auto exp = TimeClaim(claims, "exp");
  if (!exp) return AppError::Invalid("token without expiry");
  *expires = *exp;
  if (now > *exp + rules.leeway) return AppError::Invalid("token expired");
  if (auto nbf = TimeClaim(claims, "nbf"); nbf && *nbf > now + rules.leeway) {
    return AppError::Invalid("token not valid yet");
  }
  auto iat = TimeClaim(claims, "iat");
  if (iat && *iat > now + rules.leeway) return AppError::Invalid("token issued in the future");
  if (*exp - (iat ? *iat : now) > rules.max_lifetime) {
    return AppError::Invalid("token lifetime longer than its issuer gives");
  }
  return {};
}

}  // namespace

struct Jwks::Keys {
  std::map<std::string, Pkey> by_kid;
};

Jwks::Jwks(std::unique_ptr<Keys> keys) : keys_(std::move(keys)) {}
Jwks::~Jwks() = default;
Jwks::Jwks(Jwks&&) noexcept = default;
Jwks& Jwks::operator=(Jwks&&) noexcept = default;

AppResult<Jwks> Jwks::Parse(const std::string& text) {
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  auto keys = std::make_unique<Keys>();
  if (!ec && doc.is_object() && doc.as_object().contains("keys") &&
      doc.as_object().at("keys").is_array()) {
    for (const auto& k : doc.as_object().at("keys").as_array()) {
      if (!k.is_object()) continue;
      const auto& o = k.as_object();
      if (StringClaim(o, "kty") != "RSA") continue;
      Pkey key = RsaPublicKey(StringClaim(o, "n"), StringClaim(o, "e"));
      if (key) keys->by_kid[StringClaim(o, "kid")] = std::move(key);
    }
  }
  if (keys->by_kid.empty()) return AppError::Invalid("the JWKS has no usable RSA key");
  return Jwks(std::move(keys));
}

AppResult<TokenClaims> Jwks::Verify(const std::string& token, const TokenRules& rules,
                                    std::chrono::system_clock::time_point now) const {
  const size_t a = token.find('.'), b = a == std::string::npos ? a : token.find('.', a + 1);
  if (b == std::string::npos) return AppError::Invalid("malformed token");
  auto header_text = FromBase64Url(token.substr(0, a));
  auto payload_text = FromBase64Url(token.substr(a + 1, b - a - 1));
  auto signature = FromBase64Url(token.substr(b + 1));
  if (!header_text || !payload_text || !signature) return AppError::Invalid("malformed token");
  boost::system::error_code ec;
  json::value header = json::parse(*header_text, ec);
  if (ec || !header.is_object()) return AppError::Invalid("malformed token header");
  json::value payload = json::parse(*payload_text, ec);
  if (ec || !payload.is_object()) return AppError::Invalid("malformed token payload");
  if (StringClaim(header.as_object(), "alg") != "RS256") {
    return AppError::Invalid("token not signed with RS256");
  }
  auto key = keys_->by_kid.find(StringClaim(header.as_object(), "kid"));
  if (key == keys_->by_kid.end()) return AppError::Invalid("token signed by an unknown key");
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const std::string signed_part = token.substr(0, b);
  const bool valid =
      EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key->second.get()) == 1 &&
      EVP_DigestVerify(
          ctx, reinterpret_cast<const unsigned char*>(signature->data()), signature->size(),
          reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size()) == 1;
  EVP_MD_CTX_free(ctx);
  if (!valid) return AppError::Invalid("bad token signature");
  const auto& claims = payload.as_object();
  if (StringClaim(claims, "iss") != rules.issuer)
    return AppError::Invalid("token from another issuer");
  TokenClaims out;
  out.token_use = StringClaim(claims, "token_use");
  if (std::find(rules.token_uses.begin(), rules.token_uses.end(), out.token_use) ==
      rules.token_uses.end()) {
    return AppError::Invalid("token_use '" + out.token_use + "' not accepted");
  }
  const std::string audience = StringClaim(claims, out.token_use == "access" ? "client_id" : "aud");
  if (audience != rules.client_id) return AppError::Invalid("token for another client");
  DDB_RETURN_IF_ERROR(CheckTimes(claims, rules, now, &out.expires));
  out.sub = StringClaim(claims, "sub");
  if (out.sub.empty()) return AppError::Invalid("token without sub");
  out.username = StringClaim(claims, "cognito:username");
  if (out.username.empty()) out.username = StringClaim(claims, "username");
  return out;
}

struct TokenSigner::Key {
  Pkey pkey;
};

TokenSigner::TokenSigner(std::unique_ptr<Key> key, std::string kid)
    : key_(std::move(key)), kid_(std::move(kid)) {}
TokenSigner::~TokenSigner() = default;
TokenSigner::TokenSigner(TokenSigner&&) noexcept = default;
TokenSigner& TokenSigner::operator=(TokenSigner&&) noexcept = default;

AppResult<TokenSigner> TokenSigner::LoadOrCreate(const std::string& path) {
  Pkey pkey;
  if (FILE* f = std::fopen(path.c_str(), "r")) {
    MakePrivate(path, false);  // A key written by an earlier version may be readable by all.
    pkey.reset(PEM_read_PrivateKey(f, nullptr, nullptr, nullptr));
    std::fclose(f);
    if (!pkey) return AppError::Invalid("cannot read the signing key " + path);
  } else {
    pkey.reset(EVP_RSA_gen(2048));
    if (!pkey) return AppError::Internal("cannot generate an RSA key");
    const mode_t old_mask = umask(077);
    FILE* out = std::fopen(path.c_str(), "w");
    umask(old_mask);
    if (out == nullptr) return AppError::Unavailable("cannot write the signing key " + path);
    const bool written =
        PEM_write_PrivateKey(out, pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
    std::fclose(out);
    if (!written) return AppError::Unavailable("cannot write the signing key " + path);
  }
  // The key id: a digest of the modulus, stable across restarts.
  const std::string n = BnParam(pkey.get(), OSSL_PKEY_PARAM_RSA_N);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(n.data(), n.size(), digest, &len, EVP_sha256(), nullptr);
  auto key = std::make_unique<Key>();
  key->pkey = std::move(pkey);
  return TokenSigner(std::move(key), Base64Url(digest, len).substr(0, 16));
}

std::string TokenSigner::Sign(const std::string& claims_json) const {
  const std::string header =
      Base64Url(json::serialize(json::object{{"alg", "RS256"}, {"kid", kid_}, {"typ", "JWT"}}));
  const std::string signed_part = header + "." + Base64Url(claims_json);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  size_t len = 0;
  std::string signature;
  if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key_->pkey.get()) == 1 &&
      EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(signed_part.data()),
                     signed_part.size()) == 1) {
    signature.resize(len);
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &len,
                   reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size());
    signature.resize(len);
  }
  EVP_MD_CTX_free(ctx);
  return signed_part + "." + Base64Url(signature);
}

std::string TokenSigner::JwksJson() const {
  json::object key{{"kty", "RSA"},
                   {"alg", "RS256"},
                   {"use", "sig"},
                   {"kid", kid_},
                   {"n", BnParam(key_->pkey.get(), OSSL_PKEY_PARAM_RSA_N)},
                   {"e", BnParam(key_->pkey.get(), OSSL_PKEY_PARAM_RSA_E)}};
  return json::serialize(json::object{{"keys", json::array{key}}});
}

}  // namespace cruddur
