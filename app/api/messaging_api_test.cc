// MessagingApi against a live server (CRUDDUR_TEST_ENDPOINT, set by tests/app/test_repo.py) and
// a SQLite users database in a temporary file.
#include "api/messaging_api.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "core/uuid.h"
#include "messaging/live_table_for_test.h"

namespace cruddur {
namespace {

namespace json = boost::json;

class MessagingApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto live = MakeLiveTable("api-");
    if (!live) GTEST_SKIP() << "CRUDDUR_TEST_ENDPOINT is not set";
    client_ = std::move(live->client);
    const std::string table = live->table;
    repo_ = std::make_unique<MessagesRepo>(*client_, table);
    path_ = std::filesystem::temp_directory_path() / (table + ".db");
    UsersDbLocation where{false, "", path_.string()};
    ASSERT_TRUE(CreateUsersDatabase(where).ok());
    users_ = std::move(OpenUsersDb(where)).value();
    ASSERT_TRUE(users_->LoadSchema().ok());
    for (const User& u : SeedUsers()) ASSERT_TRUE(users_->Insert(u).ok());
    andrew_ = *users_->FindByHandle("andrewbrown").value();
    bayko_ = *users_->FindByHandle("bayko").value();
    api_ = std::make_unique<MessagingApi>(*repo_, *unread_);
  }
  void TearDown() override {
    users_.reset();
    std::filesystem::remove(path_);
  }
  ApiResponse Send(const User& from, json::object body) {
    return api_->Send(from, json::serialize(body), *users_);
  }
  static json::value Body(const ApiResponse& r) { return json::parse(r.body); }

  std::unique_ptr<ddb::client::DynamoDbClient> client_;
  std::unique_ptr<MessagesRepo> repo_;
  std::unique_ptr<UnreadCounter> unread_ = InProcessCounter();
  std::unique_ptr<UsersDb> users_;
  std::unique_ptr<MessagingApi> api_;
  std::filesystem::path path_;
  User andrew_, bayko_;
};

TEST_F(MessagingApiTest, StartReplyListAndCount) {
  ApiResponse start = Send(andrew_, {{"message", "hi"}, {"handle", "bayko"}});
  ASSERT_EQ(start.status, 201) << start.body;
  const std::string group(Body(start).at("message_group_uuid").as_string());
  EXPECT_EQ(Body(start).at("handle"), "andrewbrown");
  EXPECT_EQ(Send(andrew_, {{"message", "again"}, {"handle", "bayko"}}).status, 200);  // Reused.
  EXPECT_EQ(Body(api_->Counter(bayko_)).at("count"), 2);

  ApiResponse reply = Send(bayko_, {{"message", "hello"}, {"message_group_uuid", group}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_NE(Body(reply).at("uuid"), json::value(bayko_.uuid));  // The message's own uuid.
  EXPECT_FALSE(Body(reply).as_object().contains("message_group_uuid"));
  EXPECT_EQ(Body(api_->Counter(andrew_)).at("count"), 1);

  ApiResponse inbox = api_->ListGroups(bayko_, std::nullopt);
  ASSERT_EQ(inbox.status, 200);
  EXPECT_EQ(Body(inbox).as_array().at(0).at("handle"), "andrewbrown");
  EXPECT_EQ(Body(api_->Counter(bayko_)).at("count"), 0);  // Listing resets it.

  ApiResponse messages = api_->ListMessages(andrew_, group, std::nullopt);
  ASSERT_EQ(messages.status, 200);
  const json::value listed = Body(messages);
  const auto& list = listed.as_array();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].at("message"), "hi");  // Oldest first.
  EXPECT_EQ(list[2].at("message"), "hello");
  User londo = *users_->FindByHandle("londo").value();
  EXPECT_EQ(api_->ListMessages(londo, group, std::nullopt).status, 404);
}

TEST_F(MessagingApiTest, ValidationListsEveryCode) {
  auto codes = [&](json::object body) {
    ApiResponse r = Send(andrew_, std::move(body));
    EXPECT_EQ(r.status, 422) << r.body;
    return json::serialize(Body(r).at("errors"));
  };
  EXPECT_EQ(codes({}),
            R"(["message_blank","message_group_uuid_blank","user_receiver_handle_blank"])");
  EXPECT_EQ(codes({{"message", std::string(1025, 'x')}, {"handle", "nobody"}}),
            R"(["message_exceed_max_chars","user_receiver_not_found"])");
  EXPECT_EQ(codes({{"message", "x"}, {"handle", "andrewbrown"}}), R"(["user_receiver_is_self"])");
  EXPECT_EQ(codes({{"message", "x"}, {"message_group_uuid", "not-mine"}}),
            R"(["message_group_not_found"])");
  EXPECT_EQ(api_->Send(andrew_, "not json", *users_).status, 400);
}

TEST_F(MessagingApiTest, UserShort) {
  ApiResponse r = MessagingApi::UserShort("bayko", *users_);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Body(r), json::parse(R"({"uuid":")" + bayko_.uuid +
                                 R"(","handle":"bayko","display_name":"Andrew Bayko"})"));
  EXPECT_EQ(MessagingApi::UserShort("nobody", *users_).status, 404);
}

}  // namespace
}  // namespace cruddur
