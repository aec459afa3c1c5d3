// Password hashes for the local identity pool: Argon2id (libsodium's crypto_pwhash_str, its
// "interactive" limits: 2 passes over 64 MB), stored in the standard "$argon2id$..." form.
// Hashes written by earlier versions ("pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>",
// PBKDF2-HMAC-SHA256 from OpenSSL) still verify, and NeedsRehash says to replace them at the next
// sign-in. Thread-safe; each call takes tens of milliseconds by design.
#pragma once

#include <string>

namespace cruddur {

std::string HashPassword(const std::string& password);
// Constant-time check of `password` against a stored hash; false for a malformed one.
bool VerifyPassword(const std::string& password, const std::string& stored);
// True if `stored` should be replaced by HashPassword's (an older algorithm or weaker limits).
bool NeedsRehash(const std::string& stored);
// Spends the time of one VerifyPassword against a real hash, for a sign-in naming no account:
// the answer then takes as long as a wrong password for an existing one.
void VerifyNothing(const std::string& password);

}  // namespace cruddur
