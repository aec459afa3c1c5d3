#include "cache/unread_counter.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace cruddur {
namespace {

TEST(UnreadCounterTest, InProcessCachesTotalsThatExpire) {
  auto now = std::chrono::steady_clock::time_point();
  auto counter = InProcessCounter(std::chrono::seconds(600), [&] { return now; });
  EXPECT_EQ(*counter->Count("bob"), std::nullopt);
  ASSERT_TRUE(counter->Increment("bob").ok());  // Not cached: nothing to add to.
  EXPECT_EQ(*counter->Count("bob"), std::nullopt);
  ASSERT_TRUE(counter->Set("bob", 2).ok());
  ASSERT_TRUE(counter->Increment("bob").ok());
  EXPECT_EQ(*counter->Count("bob"), 3);
  EXPECT_EQ(*counter->Count("alice"), std::nullopt);
  now += std::chrono::seconds(599);
  ASSERT_TRUE(counter->Increment("bob").ok());  // Renews the expiry.
  now += std::chrono::seconds(599);
  EXPECT_EQ(*counter->Count("bob"), 4);
  now += std::chrono::seconds(2);
  EXPECT_EQ(*counter->Count("bob"), std::nullopt);
  ASSERT_TRUE(counter->Set("bob", 0).ok());
  EXPECT_EQ(*counter->Count("bob"), 0);
  ASSERT_TRUE(counter->Forget("bob").ok());
  EXPECT_EQ(*counter->Count("bob"), std::nullopt);
}

// Against a real redis-server: CRUDDUR_TEST_REDIS=redis://127.0.0.1:PORT (tests/app starts it).
TEST(UnreadCounterTest, Redis) {
  const char* url = std::getenv("CRUDDUR_TEST_REDIS");
  if (url == nullptr) GTEST_SKIP() << "CRUDDUR_TEST_REDIS is not set";
  auto counter = OpenUnreadCounter(std::string(url));
  ASSERT_TRUE(counter.ok()) << counter.error().message;
  auto& c = **counter;
  ASSERT_TRUE(c.Forget("bob").ok());
  EXPECT_EQ(*c.Count("bob"), std::nullopt);
  ASSERT_TRUE(c.Increment("bob").ok());
  EXPECT_EQ(*c.Count("bob"), std::nullopt);
  ASSERT_TRUE(c.Set("bob", 5).ok());
  ASSERT_TRUE(c.Increment("bob").ok());
  ASSERT_TRUE(c.Increment("bob").ok());
  EXPECT_EQ(*c.Count("bob"), 7);
  ASSERT_TRUE(c.Forget("bob").ok());
  EXPECT_EQ(*c.Count("bob"), std::nullopt);
  EXPECT_FALSE(OpenUnreadCounter(std::string("redis://127.0.0.1:1")).ok());
  EXPECT_FALSE(OpenUnreadCounter(std::string("memcached://x")).ok());
}

}  // namespace
}  // namespace cruddur
