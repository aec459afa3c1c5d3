// IdentityPool: where Cruddur's sign-in identities live (spec §4 bin/cognito, §5 sign-in).
// In production, an Amazon Cognito user pool (AWS_COGNITO_USER_POOL_ID); locally, the app's own
// pool: a SQLite file (CRUDDUR_IDENTITY_DB, default data/cruddur-identities.db) holding each
// identity's `sub`, username (the handle), email and a slow salted password hash.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/app_error.h"

namespace cruddur {

struct Identity {
  std::string sub;       // The identity's id: users.cognito_user_id.
  std::string username;  // Cognito's Username (the sub for email-alias pools; locally the handle).
  std::string handle;    // preferred_username.
  std::string email;
  std::string created_at;
};

class IdentityPool {
 public:
  virtual ~IdentityPool() = default;
  virtual AppResult<std::vector<Identity>> ListUsers() = 0;
};

// The Cognito user pool named by AWS_COGNITO_USER_POOL_ID, through the AWS credential chain.
AppResult<std::unique_ptr<IdentityPool>> OpenCognitoPool();

// The local pool, which signs users in too (issue 6's HTTP API).
class LocalIdentityPool final : public IdentityPool {
 public:
  // Opens (creating when `create`) the pool file. Unavailable if it cannot.
  static AppResult<std::unique_ptr<LocalIdentityPool>> Open(const std::string& path, bool create);
  ~LocalIdentityPool() override;

  AppResult<std::vector<Identity>> ListUsers() override;
  // Adds an identity with `password`; Conflict if the handle or email is taken.
  AppResult<Identity> SignUp(const std::string& handle, const std::string& email,
                             const std::string& password);
  // The identity `sub` names, if it still exists (a refresh token's owner).
  AppResult<std::optional<Identity>> Find(const std::string& sub);
  // The identity whose handle or email is `login` and whose password is `password`.
  AppResult<std::optional<Identity>> Authenticate(const std::string& login,
                                                  const std::string& password);

 private:
  struct Db;
  explicit LocalIdentityPool(std::unique_ptr<Db> db);
  std::unique_ptr<Db> db_;
};

// The password of the seed users' local identities: CRUDDUR_SEED_PASSWORD, else
// "cruddur-demo-password".
std::string SeedPassword();

}  // namespace cruddur
