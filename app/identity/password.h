// Password hashes for the local identity pool: PBKDF2-HMAC-SHA256 (OpenSSL), a random 16-byte
// salt and 210,000 iterations (OWASP's 2023 figure), stored as
// "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>". Thread-safe.
#pragma once

#include <string>

namespace cruddur {

std::string HashPassword(const std::string& password);
// Constant-time check of `password` against a stored hash; false for a malformed one.
bool VerifyPassword(const std::string& password, const std::string& stored);

}  // namespace cruddur
