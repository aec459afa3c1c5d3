#include "auth/jwt.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

namespace cruddur {
namespace {

using Clock = std::chrono::system_clock;

class JwtTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() / ("jwt-test-" + std::to_string(::getpid()));
    std::filesystem::remove(path_);
    auto signer = TokenSigner::LoadOrCreate(path_.string());
    ASSERT_TRUE(signer.ok()) << signer.error().message;
    signer_.emplace(std::move(signer).value());
    auto jwks = Jwks::Parse(signer_->JwksJson());
    ASSERT_TRUE(jwks.ok()) << jwks.error().message;
    jwks_.emplace(std::move(jwks).value());
  }
  void TearDown() override { std::filesystem::remove(path_); }

  std::string Token(boost::json::object claims) const {
    return signer_->Sign(boost::json::serialize(claims));
  }
  boost::json::object Claims(int64_t exp_in_seconds = 3600) const {
    const auto now =
        std::chrono::duration_cast<std::chrono::seconds>(Clock::now().time_since_epoch()).count();
    return {{"sub", "abc-123"},  {"iss", rules_.issuer},        {"aud", rules_.client_id},
            {"token_use", "id"}, {"exp", now + exp_in_seconds}, {"cognito:username", "bob"}};
  }

  std::filesystem::path path_;
  std::optional<TokenSigner> signer_;
  std::optional<Jwks> jwks_;
  TokenRules rules_{"http://localhost:4567/auth", "cruddur-web"};
};

TEST_F(JwtTest, ValidTokenVerifies) {
  auto claims = jwks_->Verify(Token(Claims()), rules_, Clock::now());
  ASSERT_TRUE(claims.ok()) << claims.error().message;
  EXPECT_EQ(claims->sub, "abc-123");
  EXPECT_EQ(claims->username, "bob");
}

TEST_F(JwtTest, AccessTokensUseClientId) {
  auto c = Claims();
  c.erase("aud");
  c["token_use"] = "access";
  c["client_id"] = rules_.client_id;
  EXPECT_TRUE(jwks_->Verify(Token(c), rules_, Clock::now()).ok());
}

TEST_F(JwtTest, RefusesWhatCognitoRefuses) {
  auto message = [&](const std::string& token) {
    auto r = jwks_->Verify(token, rules_, Clock::now());
    return r.ok() ? std::string("ok") : r.error().message;
  };
  EXPECT_EQ(message(Token(Claims(-120))), "token expired");
  auto other = Claims();
  other["aud"] = "someone-else";
  EXPECT_EQ(message(Token(other)), "token for another client");
  other = Claims();
  other["iss"] = "https://evil";
  EXPECT_EQ(message(Token(other)), "token from another issuer");
  other = Claims();
  other["token_use"] = "refresh";
  EXPECT_EQ(message(Token(other)), "token_use 'refresh' not accepted");
  std::string token = Token(Claims());
  token[token.size() - 5] = token[token.size() - 5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(message(token), "bad token signature");
  EXPECT_EQ(message("not-a-token"), "malformed token");
  // Signed by another key pair.
  auto stranger_path = path_.string() + "-other";
  auto stranger = TokenSigner::LoadOrCreate(stranger_path);
  EXPECT_EQ(message(stranger->Sign(boost::json::serialize(Claims()))),
            "token signed by an unknown key");
  std::filesystem::remove(stranger_path);
}

TEST_F(JwtTest, KeyIsKeptAcrossRestarts) {
  auto again = TokenSigner::LoadOrCreate(path_.string());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->kid(), signer_->kid());
  EXPECT_TRUE(
      jwks_->Verify(again->Sign(boost::json::serialize(Claims())), rules_, Clock::now()).ok());
  EXPECT_EQ(std::filesystem::status(path_).permissions() & std::filesystem::perms::group_read,
            std::filesystem::perms::none);
}

}  // namespace
}  // namespace cruddur
