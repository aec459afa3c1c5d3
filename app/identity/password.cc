#include "identity/password.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace cruddur {
namespace {

constexpr int kIterations = 210000;
constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

std::string Hex(const unsigned char* d, size_t n) {
  std::string out;
  char buf[3];
  for (size_t i = 0; i < n; ++i) {
    std::snprintf(buf, sizeof(buf), "%02x", d[i]);
    out += buf;
  }
  return out;
}

bool Unhex(const std::string& hex, std::vector<unsigned char>* out) {
  if (hex.size() % 2 != 0) return false;
  out->clear();
  for (size_t i = 0; i < hex.size(); i += 2) {
    char* end = nullptr;
    std::string byte = hex.substr(i, 2);
    long v = std::strtol(byte.c_str(), &end, 16);
    if (end != byte.c_str() + 2) return false;
    out->push_back(static_cast<unsigned char>(v));
  }
  return true;
}

std::vector<unsigned char> Derive(const std::string& password, const unsigned char* salt,
                                  size_t salt_len, int iterations) {
  std::vector<unsigned char> hash(kHashBytes);
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt,
                    static_cast<int>(salt_len), iterations, EVP_sha256(),
                    static_cast<int>(hash.size()), hash.data());
  return hash;
}

}  // namespace

std::string HashPassword(const std::string& password) {
  unsigned char salt[kSaltBytes];
  RAND_bytes(salt, sizeof(salt));
  auto hash = Derive(password, salt, sizeof(salt), kIterations);
  return "pbkdf2-sha256$" + std::to_string(kIterations) + "$" + Hex(salt, sizeof(salt)) + "$" +
         Hex(hash.data(), hash.size());
}

bool VerifyPassword(const std::string& password, const std::string& stored) {
  int iterations = 0;
  char salt_hex[65], hash_hex[129];
  if (std::sscanf(stored.c_str(), "pbkdf2-sha256$%d$%64[0-9a-f]$%128[0-9a-f]", &iterations,
                  salt_hex, hash_hex) != 3 ||
      iterations < 1) {
    return false;
  }
  std::vector<unsigned char> salt, expected;
  if (!Unhex(salt_hex, &salt) || !Unhex(hash_hex, &expected) || expected.size() != kHashBytes) {
    return false;
  }
  auto actual = Derive(password, salt.data(), salt.size(), iterations);
  return CRYPTO_memcmp(actual.data(), expected.data(), kHashBytes) == 0;
}

}  // namespace cruddur
