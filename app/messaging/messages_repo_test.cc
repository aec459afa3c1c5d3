// MessagesRepo against a live DynamoDB-compatible server: CRUDDUR_TEST_ENDPOINT (set by
// tests/app/test_repo.py, which starts a fresh ddb-server); skipped when unset. Each test uses a
// table of its own.
#include "messaging/messages_repo.h"

#include <gtest/gtest.h>

#include <atomic>
#include <regex>
#include <set>
#include <thread>

#include "common/time_format.h"
#include "core/uuid.h"
#include "messaging/live_table_for_test.h"

namespace cruddur {
namespace {

User Person(const std::string& handle) {
  return User{ddb::RandomUuid(), "Name of " + handle, handle, handle + "@example.com", "", ""};
}

class MessagesRepoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto live = MakeLiveTable("repo-");
    if (!live) GTEST_SKIP() << "CRUDDUR_TEST_ENDPOINT is not set";
    client_ = std::move(live->client);
    table_ = live->table;
    repo_ = std::make_unique<MessagesRepo>(*client_, table_);
  }

  std::unique_ptr<ddb::client::DynamoDbClient> client_;
  std::string table_;
  std::unique_ptr<MessagesRepo> repo_;
  User alice_ = Person("alice"), bob_ = Person("bob"), carol_ = Person("carol");
};

TEST_F(MessagesRepoTest, ConversationShowsInBothInboxes) {
  auto c = repo_->CreateConversation(alice_, bob_, "hello bob");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_TRUE(c->created);
  EXPECT_EQ(c->message.message, "hello bob");
  EXPECT_EQ(c->message.handle, "alice");
  EXPECT_TRUE(std::regex_match(c->message.created_at,
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00)")));
  auto inbox = repo_->ListInbox(bob_.uuid, std::nullopt);
  ASSERT_TRUE(inbox.ok());
  ASSERT_EQ(inbox->items.size(), 1u);
  EXPECT_EQ(inbox->items[0].group_uuid, c->group_uuid);
  EXPECT_EQ(inbox->items[0].handle, "alice");  // The other participant.
  EXPECT_EQ(inbox->items[0].message, "hello bob");
  EXPECT_FALSE(inbox->before.has_value());
  EXPECT_EQ(repo_->ListInbox(alice_.uuid, std::nullopt)->items[0].handle, "bob");
  EXPECT_TRUE(*repo_->IsMember(c->group_uuid, alice_.uuid));
  EXPECT_TRUE(*repo_->IsMember(c->group_uuid, bob_.uuid));
  EXPECT_FALSE(*repo_->IsMember(c->group_uuid, carol_.uuid));
  EXPECT_EQ(repo_->InboxRows(c->group_uuid)->size(), 2u);
}

TEST_F(MessagesRepoTest, SecondStartReusesTheConversation) {
  auto first = repo_->CreateConversation(alice_, bob_, "one");
  auto second = repo_->CreateConversation(bob_, alice_, "two");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_FALSE(second->created);
  EXPECT_EQ(second->group_uuid, first->group_uuid);
  auto messages = repo_->ListMessages(first->group_uuid, std::nullopt);
  ASSERT_EQ(messages->items.size(), 2u);
  EXPECT_EQ(messages->items[0].message, "one");  // Oldest first.
  EXPECT_EQ(messages->items[1].message, "two");
  EXPECT_EQ(messages->items[1].handle, "bob");
}

TEST_F(MessagesRepoTest, MessagingYourselfIsRefused) {
  auto c = repo_->CreateConversation(alice_, alice_, "me");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().message, "user_receiver_is_self");
}

TEST_F(MessagesRepoTest, MessagesPageNewestFirstEachPageOldestFirst) {
  auto c = repo_->CreateConversation(alice_, bob_, "m0");
  ASSERT_TRUE(c.ok());
  for (int i = 1; i < 46; ++i) {
    ASSERT_TRUE(
        repo_->CreateMessage(c->group_uuid, i % 2 ? bob_ : alice_, "m" + std::to_string(i)).ok());
  }
  std::vector<std::string> seen;  // Newest page first; each page oldest first.
  std::optional<std::string> before;
  std::vector<size_t> sizes;
  do {
    auto page = repo_->ListMessages(c->group_uuid, before);
    ASSERT_TRUE(page.ok());
    sizes.push_back(page->items.size());
    std::vector<std::string> texts;
    for (const auto& m : page->items) texts.push_back(m.message);
    seen.insert(seen.begin(), texts.begin(), texts.end());
    before = page->before;
  } while (before);
  EXPECT_EQ(sizes, (std::vector<size_t>{20, 20, 6}));
  ASSERT_EQ(seen.size(), 46u);
  for (int i = 0; i < 46; ++i) EXPECT_EQ(seen[static_cast<size_t>(i)], "m" + std::to_string(i));
}

TEST_F(MessagesRepoTest, InboxPagesPastTwenty) {
  std::set<std::string> groups;
  for (int i = 0; i < 25; ++i) {
    auto c = repo_->CreateConversation(alice_, Person("p" + std::to_string(i)), "hi");
    ASSERT_TRUE(c.ok());
    groups.insert(c->group_uuid);
  }
  auto first = repo_->ListInbox(alice_.uuid, std::nullopt);
  ASSERT_EQ(first->items.size(), 20u);
  ASSERT_TRUE(first->before.has_value());
  EXPECT_EQ(first->items[0].handle, "p24");  // Newest first.
  auto second = repo_->ListInbox(alice_.uuid, first->before);
  ASSERT_EQ(second->items.size(), 5u);
  EXPECT_FALSE(second->before.has_value());
  EXPECT_EQ(second->items.back().handle, "p0");
  for (const auto* page : {&*first, &*second}) {
    for (const auto& e : page->items) groups.erase(e.group_uuid);
  }
  EXPECT_TRUE(groups.empty());
}

TEST_F(MessagesRepoTest, TwoUsersStartingAtOnceShareOneConversation) {
  for (int round = 0; round < 8; ++round) {
    User a = Person("a" + std::to_string(round)), b = Person("b" + std::to_string(round));
    std::string from_a, from_b;
    std::atomic<int> ready{0};
    auto start = [&](const User& me, const User& other, std::string* out) {
      ++ready;
      while (ready < 2) {
      }
      auto c = repo_->CreateConversation(me, other, "hi from " + me.handle);
      ASSERT_TRUE(c.ok()) << c.error().message;
      *out = c->group_uuid;
    };
    std::thread t1(start, std::cref(a), std::cref(b), &from_a);
    std::thread t2(start, std::cref(b), std::cref(a), &from_b);
    t1.join();
    t2.join();
    EXPECT_EQ(from_a, from_b);
    EXPECT_EQ(repo_->InboxRows(from_a)->size(), 2u);
    EXPECT_EQ(repo_->ListMessages(from_a, std::nullopt)->items.size(), 2u);
    EXPECT_EQ(repo_->ListInbox(a.uuid, std::nullopt)->items.size(), 1u);
  }
}

TEST(MessageTextTest, Rules) {
  EXPECT_EQ(MessageTextErrors(""), std::vector<std::string>{"message_blank"});
  EXPECT_EQ(MessageTextErrors(" \n\t"), std::vector<std::string>{"message_blank"});
  EXPECT_TRUE(MessageTextErrors("x").empty());
  std::string accents;
  for (int i = 0; i < 1024; ++i) accents += "\xc3\xa9";  // 1024 characters, 2048 bytes.
  EXPECT_TRUE(MessageTextErrors(accents).empty());
  EXPECT_EQ(MessageTextErrors(accents + "e"), std::vector<std::string>{"message_exceed_max_chars"});
  EXPECT_EQ(MessageTextErrors("bad \xff"), std::vector<std::string>{"message_invalid_utf8"});
}

TEST(TimeFormatTest, RoundTrips) {
  auto t = Clock::time_point(std::chrono::microseconds(1679946610311780LL));
  EXPECT_EQ(IsoUtc(t), "2023-03-27T19:50:10.311780+00:00");
  EXPECT_EQ(ParseIsoUtc("2023-03-27T19:50:10.311780+00:00"), t);
  EXPECT_EQ(ParseIsoUtc("2023-03-27T21:50:10.311780+02:00"), t);
  EXPECT_EQ(IsoUtc(Clock::time_point(std::chrono::seconds(0))), "1970-01-01T00:00:00.000000+00:00");
  EXPECT_FALSE(ParseIsoUtc("2023-03-27T19:50:10+00:00").has_value());
}

}  // namespace
}  // namespace cruddur
