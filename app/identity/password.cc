#include "identity/password.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <vector>

namespace cruddur {
namespace {

constexpr size_t kHashBytes = 32;  // PBKDF2 hashes of earlier versions.
constexpr const char* kPbkdf2Prefix = "pbkdf2-sha256$";

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

// sodium_init is idempotent and thread-safe; it must run before any other libsodium call.
bool SodiumReady() {
  static const bool kReady = sodium_init() >= 0;
  return kReady;
}

bool VerifyPbkdf2(const std::string& password, const std::string& stored) {
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

}  // namespace

std::string HashPassword(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (!SodiumReady() ||
      crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return "";  // Out of memory: an empty hash verifies nothing.
  }
  return out;
}

bool VerifyPassword(const std::string& password, const std::string& stored) {
  if (stored.starts_with(kPbkdf2Prefix)) return VerifyPbkdf2(password, stored);
  if (!SodiumReady() || stored.empty()) return false;
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(const std::string& stored) {
  if (stored.starts_with(kPbkdf2Prefix) || !SodiumReady()) return true;
  return crypto_pwhash_str_needs_rehash(stored.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

void VerifyNothing(const std::string& password) {
  // Made once; made again if hashing failed (an empty decoy would answer at once).
  static std::mutex mu;
  static std::string decoy;
  std::string copy;
  {
    std::lock_guard lock(mu);
    if (decoy.empty()) decoy = HashPassword("no account has this password");
    copy = decoy;
  }
  if (copy.empty()) {
    // No memory for Argon2id now: spend the time of a PBKDF2 check instead.
    (void)Derive(password, reinterpret_cast<const unsigned char*>("decoy"), 5, 600000);
    return;
  }
  (void)VerifyPassword(password, copy);
}

}  // namespace cruddur
