#include "api/auth_service.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "core/clock.h"
#include "core/uuid.h"

namespace cruddur {
namespace {

namespace json = boost::json;

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("auth-" + ddb::RandomUuid());
    std::filesystem::create_directories(dir_);
    pool_ = std::move(LocalIdentityPool::Open((dir_ / "ids.db").string(), true)).value();
    UsersDbLocation where{false, "", (dir_ / "users.db").string()};
    ASSERT_TRUE(CreateUsersDatabase(where).ok());
    users_ = std::move(OpenUsersDb(where)).value();
    ASSERT_TRUE(users_->LoadSchema().ok());
    for (const User& u : SeedUsers()) ASSERT_TRUE(users_->Insert(u).ok());
    auto bayko = pool_->SignUp("bayko", "bayko@exampro.co", "secret-1");
    ASSERT_TRUE(bayko.ok());
    ASSERT_TRUE(users_->SetCognitoId("bayko", bayko->sub).ok());
    ASSERT_TRUE(pool_->SignUp("londo", "lmollari@centari.com", "secret-2").ok());  // No user link.
    auto signer = TokenSigner::LoadOrCreate((dir_ / "key.pem").string());
    ASSERT_TRUE(signer.ok());
    auth_ = std::move(AuthService::Local(std::move(signer).value(), pool_.get())).value();
  }
  void TearDown() override {
    users_.reset();
    pool_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::string TokenFor(const std::string& login, const std::string& password, int* status) {
    ApiResponse r = auth_->SignIn(
        json::serialize(json::object{{"username", login}, {"password", password}}), "127.0.0.1");
    *status = r.status;
    if (r.status != 200) return "";
    return std::string(json::parse(r.body).at("id_token").as_string());
  }

  std::filesystem::path dir_;
  std::unique_ptr<LocalIdentityPool> pool_;
  std::unique_ptr<UsersDb> users_;
  std::unique_ptr<AuthService> auth_;
};

TEST_F(AuthServiceTest, SignInThenCallAsTheUser) {
  int status = 0;
  std::string token = TokenFor("bayko", "secret-1", &status);
  ASSERT_EQ(status, 200);
  auto caller = auth_->Authenticate("Bearer " + token, *users_);
  ASSERT_TRUE(caller.user.has_value()) << caller.refusal.body;
  EXPECT_EQ(caller.user->handle, "bayko");
  EXPECT_EQ(TokenFor("bayko@exampro.co", "secret-1", &status).empty(), false);  // By email.
}

TEST_F(AuthServiceTest, Refusals) {
  int status = 0;
  TokenFor("bayko", "wrong", &status);
  EXPECT_EQ(status, 401);
  TokenFor("nobody", "secret-1", &status);
  EXPECT_EQ(status, 401);
  EXPECT_EQ(auth_->SignIn("{}", "127.0.0.1").status, 400);
  EXPECT_EQ(auth_->Authenticate("", *users_).refusal.status, 401);
  EXPECT_EQ(auth_->Authenticate("Bearer abc.def.ghi", *users_).refusal.status, 401);
  // A valid token whose sub no user has.
  std::string londo = TokenFor("londo", "secret-2", &status);
  ASSERT_EQ(status, 200);
  EXPECT_EQ(auth_->Authenticate("Bearer " + londo, *users_).refusal.status, 403);
}

TEST_F(AuthServiceTest, TokensExpireOnTheServicesClock) {
  ddb::ManualClock clock;
  auth_->set_clock(&clock);
  int status = 0;
  std::string token = TokenFor("bayko", "secret-1", &status);
  ASSERT_EQ(status, 200);
  clock.Advance(std::chrono::minutes(59));
  EXPECT_TRUE(auth_->Authenticate("Bearer " + token, *users_).user.has_value());
  // An hour's lifetime, and the 30 s of clock skew allowed.
  clock.Advance(std::chrono::minutes(2));
  auto late = auth_->Authenticate("Bearer " + token, *users_);
  EXPECT_FALSE(late.user.has_value());
  EXPECT_EQ(late.refusal.status, 401);
  // Nor is a token accepted before it was issued.
  clock.Advance(-std::chrono::hours(2));
  EXPECT_EQ(auth_->Authenticate("Bearer " + token, *users_).refusal.status, 401);
}

}  // namespace
}  // namespace cruddur
