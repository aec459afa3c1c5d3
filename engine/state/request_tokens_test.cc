#include "state/request_tokens.h"

#include <gtest/gtest.h>

namespace ddb {
namespace {

using std::chrono::microseconds;
using std::chrono::minutes;

class IdempotencyCacheTest : public ::testing::Test {
 protected:
  // Runs `token` with `fingerprint` at t0 + `after`; the execution answers `response`.
  Result<std::string> Run(const std::string& token, const std::string& fingerprint,
                          Clock::TimePoint::duration after,
                          Result<std::string> response = std::string("ok")) {
    return cache_.Run(
        token, fingerprint, t0_ + after,
        [&] {
          ++executed_;
          return response;
        },
        [&]() -> Result<std::string> {
          ++replayed_;
          return std::string("replayed");
        });
  }

  IdempotencyCache cache_;
  const Clock::TimePoint t0_{std::chrono::seconds(1700000000)};
  int executed_ = 0;
  int replayed_ = 0;
};

TEST_F(IdempotencyCacheTest, TheSameRequestWithinTheLifetimeIsReplayed) {
  auto first = Run("token", "request", minutes(0));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, "ok");
  auto again = Run("token", "request", minutes(9));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, "replayed");
  // Exactly ten minutes later the token is still remembered.
  again = Run("token", "request", IdempotencyCache::kLifetime);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, "replayed");
  EXPECT_EQ(executed_, 1);
  EXPECT_EQ(replayed_, 2);
}

TEST_F(IdempotencyCacheTest, ADifferentRequestWithTheSameTokenIsAMismatch) {
  ASSERT_TRUE(Run("token", "request", minutes(0)).ok());
  auto other = Run("token", "other request", minutes(5));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().kind, ErrorKind::kIdempotentParameterMismatch);
  EXPECT_EQ(executed_, 1);
  EXPECT_EQ(replayed_, 0);
  // The mismatch did not replace the remembered request.
  auto same = Run("token", "request", minutes(6));
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(*same, "replayed");
}

TEST_F(IdempotencyCacheTest, ATokenOlderThanTheLifetimeExecutesAgain) {
  ASSERT_TRUE(Run("token", "request", minutes(0)).ok());
  const Clock::TimePoint::duration expired = IdempotencyCache::kLifetime + microseconds(1);
  auto again = Run("token", "request", expired);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, "ok");
  EXPECT_EQ(executed_, 2);
  EXPECT_EQ(replayed_, 0);
  // Forgotten, so another request may now use the token; it is then remembered from then on.
  executed_ = 0;
  ASSERT_TRUE(Run("reused", "first", minutes(0)).ok());
  auto reused = Run("reused", "second", minutes(11));
  ASSERT_TRUE(reused.ok());
  EXPECT_EQ(*reused, "ok");
  auto mismatch = Run("reused", "first", minutes(20));
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.error().kind, ErrorKind::kIdempotentParameterMismatch);
  EXPECT_EQ(executed_, 2);
}

TEST_F(IdempotencyCacheTest, FailuresAreNotRemembered) {
  auto failed = Run("token", "request", minutes(0), ApiError::ConditionFailed());
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().kind, ErrorKind::kConditionalCheckFailed);
  // Not a replay, and not a mismatch either: the failed request left no trace.
  auto other = Run("token", "other request", minutes(1));
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(*other, "ok");
  EXPECT_EQ(executed_, 2);
  EXPECT_EQ(replayed_, 0);
}

TEST_F(IdempotencyCacheTest, TokensAreIndependent) {
  ASSERT_TRUE(Run("one", "request", minutes(0)).ok());
  auto two = Run("two", "request", minutes(1));
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(*two, "ok");
  EXPECT_EQ(executed_, 2);
  EXPECT_EQ(*Run("one", "request", minutes(2)), "replayed");
  EXPECT_EQ(*Run("two", "request", minutes(2)), "replayed");
}

}  // namespace
}  // namespace ddb
