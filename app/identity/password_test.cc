#include "identity/password.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <cstdio>
#include <string>

namespace cruddur {
namespace {

// A hash as versions before Argon2id stored it.
std::string Pbkdf2Hash(const std::string& password) {
  const unsigned char salt[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  unsigned char hash[32];
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt, sizeof(salt), 1000,
                    EVP_sha256(), sizeof(hash), hash);
  auto hex = [](const unsigned char* d, size_t n) {
    std::string out;
    char buf[3];
    for (size_t i = 0; i < n; ++i) {
      std::snprintf(buf, sizeof(buf), "%02x", d[i]);
      out += buf;
    }
    return out;
  };
  return "pbkdf2-sha256$1000$" + hex(salt, sizeof(salt)) + "$" + hex(hash, sizeof(hash));
}

TEST(PasswordTest, NewHashesAreArgon2idAndVerify) {
  const std::string hash = HashPassword("correct horse");
  EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
  EXPECT_TRUE(VerifyPassword("correct horse", hash));
  EXPECT_FALSE(VerifyPassword("correct horse!", hash));
  EXPECT_FALSE(NeedsRehash(hash));
  EXPECT_NE(HashPassword("correct horse"), hash);  // A fresh salt each time.
}

TEST(PasswordTest, OlderHashesStillVerifyAndAskToBeReplaced) {
  const std::string old = Pbkdf2Hash("battery staple");
  EXPECT_TRUE(VerifyPassword("battery staple", old));
  EXPECT_FALSE(VerifyPassword("battery", old));
  EXPECT_TRUE(NeedsRehash(old));
}

TEST(PasswordTest, MalformedHashesVerifyNothing) {
  for (const std::string bad : {"", "$argon2id$", "pbkdf2-sha256$x$y$z", "plain"}) {
    EXPECT_FALSE(VerifyPassword("", bad)) << bad;
    EXPECT_FALSE(VerifyPassword("plain", bad)) << bad;
  }
}

}  // namespace
}  // namespace cruddur
