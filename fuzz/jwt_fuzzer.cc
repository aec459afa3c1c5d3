// libFuzzer target: verification of untrusted tokens (the Authorization header of every
// messaging request) against a fixed JWKS: base64url, the header and payload JSON, the claims.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "auth/jwt.h"

namespace {

// A real RSA modulus is not needed to exercise parsing: any well-formed key is accepted.
constexpr const char* kJwks = R"({"keys": [{"kty": "RSA", "kid": "k1", "alg": "RS256",
  "n": "sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8UDprecbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy_c4gs_7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDrGA84-lA_-Ct4eTlXHBIY2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLqHpM2kgWFLU7-VTdL1VbC2tejvcI2BlMkEpk1BzBZI0KQB0GaDWFLN-aEAw3vRw",
  "e": "AQAB"}]})";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const cruddur::Jwks jwks = std::move(cruddur::Jwks::Parse(kJwks)).value();
  static const cruddur::TokenRules rules{"cruddur-local", "cruddur-web"};
  std::string token(reinterpret_cast<const char*>(data), size);
  (void)jwks.Verify(token, rules, std::chrono::system_clock::now());
  (void)cruddur::Jwks::Parse(token);  // Untrusted JWKS documents too (a Cognito pool's).
  return 0;
}
