// How `cruddur serve` checks who is calling: with a Cognito user pool when
// AWS_COGNITO_USER_POOL_ID is set (its JWKS fetched over HTTPS at start; tokens for
// AWS_COGNITO_USER_POOL_CLIENT_ID), else as its own identity provider: the local identity pool
// with the seed users (created on first start, linked to their rows in the users database) and a
// signing key in the data folder.
#pragma once

#include <memory>
#include <string>

#include "api/auth_service.h"
#include "identity/identity_pool.h"
#include "users/users_db.h"

namespace cruddur {

struct AuthSetup {
  std::unique_ptr<LocalIdentityPool> pool;  // Local mode only; AuthService points into it.
  std::unique_ptr<AuthService> service;
  std::string description;  // One line for the start-up banner.
};

// `data_dir` holds the local signing key (cruddur-signing-key.pem). `seed` creates the seed
// users' identities (not in prod).
AppResult<AuthSetup> SetUpAuth(const std::string& data_dir, const std::string& identity_db,
                               UsersDb& users, bool seed);

}  // namespace cruddur
