#include "seed/seed.h"

#include <simdjson.h>

#include <cstdio>
#include <sstream>
#include <thread>

#include "common/name_uuid.h"
#include "common/time_format.h"
#include "messaging/ddb_json.h"
#include "messaging/messages_repo.h"
#include "protocol/json_writer.h"
#include "protocol/value_json.h"

namespace cruddur {
namespace {

using ddb::protocol::JsonWriter;

constexpr const char kDialogue[] =
#include "seed/dialogue.inc"
    ;

AppResult<User> SeedUser(UsersDb& users, const std::string& handle) {
  DDB_ASSIGN_OR_RETURN(auto user, users.FindByHandle(handle));
  if (!user) {
    return AppError::NotFound("user " + handle +
                              " is not in the users database: run bin/db/setup first");
  }
  return *user;
}

AppResult<std::string> Call(ddb::client::DynamoDbClient& client, const char* op,
                            const std::string& body) {
  auto answer = client.Call(op, body);
  if (!answer.ok()) return AppError::FromClient(answer.error());
  return std::move(answer).value();
}

// Writes `items` with BatchWriteItem, 25 at a time, re-sending UnprocessedItems.
AppStatus PutAll(ddb::client::DynamoDbClient& client, const std::string& table,
                 const std::vector<ddb::Item>& items) {
  for (size_t start = 0; start < items.size(); start += 25) {
    std::string body;
    JsonWriter w(&body);
    w.BeginObject();
    w.Key("RequestItems");
    w.BeginObject();
    w.Key(table);
    w.BeginArray();
    for (size_t i = start; i < std::min(items.size(), start + 25); ++i) {
      w.BeginObject();
      w.Key("PutRequest");
      w.BeginObject();
      w.Key("Item");
      ddb::protocol::WriteItem(w, items[i]);
      w.EndObject();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    w.EndObject();
    for (int round = 0;; ++round) {
      DDB_ASSIGN_OR_RETURN(std::string answer, Call(client, "BatchWriteItem", body));
      simdjson::dom::parser parser;
      simdjson::dom::object unprocessed;
      if (parser.parse(answer)["UnprocessedItems"].get(unprocessed) != simdjson::SUCCESS ||
          unprocessed.size() == 0) {
        break;
      }
      if (round == 8) return AppError::Unavailable("DynamoDB kept leaving items unprocessed");
      // Re-send exactly what was left, after a pause that grows.
      body = "{\"RequestItems\":" + simdjson::minify(unprocessed) + "}";
      std::this_thread::sleep_for(std::chrono::milliseconds(50 << round));
    }
  }
  return AppStatus::OK();
}

}  // namespace

const std::vector<std::pair<int, std::string>>& SeedDialogue() {
  static const std::vector<std::pair<int, std::string>> kLines = [] {
    std::vector<std::pair<int, std::string>> lines;
    std::istringstream in(kDialogue);
    std::string line;
    while (std::getline(in, line)) {
      if (line.starts_with("Person 1: ")) lines.emplace_back(1, line.substr(10));
      if (line.starts_with("Person 2: ")) lines.emplace_back(2, line.substr(10));
    }
    return lines;
  }();
  return kLines;
}

AppResult<SeedOutcome> SeedConversation(ddb::client::DynamoDbClient& client, UsersDb& users,
                                        const std::string& table) {
  DDB_ASSIGN_OR_RETURN(User one, SeedUser(users, "andrewbrown"));
  DDB_ASSIGN_OR_RETURN(User two, SeedUser(users, "bayko"));
  // The pair item: absent (start), incomplete (resume with its base) or complete (done).
  std::string body;
  {
    JsonWriter w(&body);
    w.BeginObject();
    w.Member("TableName", table);
    w.Key("Key");
    ddb::protocol::WriteItem(w, MessagesRepo::PairKey(one.uuid, two.uuid));
    w.MemberBool("ConsistentRead", true);
    w.EndObject();
  }
  DDB_ASSIGN_OR_RETURN(std::string got, Call(client, "GetItem", body));
  DDB_ASSIGN_OR_RETURN(auto pair, ParseGetItem(got));
  std::string base_text;
  if (!pair) {
    // Messages without the pair item: the users were re-created with other ids.
    DDB_ASSIGN_OR_RETURN(
        std::string any,
        Call(client, "Query",
             QueryJson({table, std::string("MSG#") + kSeedGroupUuid, false, 1, {}, false})));
    DDB_ASSIGN_OR_RETURN(ItemPage page, ParseItemPage(any));
    if (!page.items.empty()) {
      return SeedOutcome{0, true,
                         std::string("conversation ") + kSeedGroupUuid +
                             " already has messages: run bin/ddb/setup to start over"};
    }
  }
  if (pair) {
    if (StringOf(*pair, "group_uuid") != kSeedGroupUuid || !StringOf(*pair, "seeded").empty()) {
      return SeedOutcome{0, true,
                         "andrewbrown and bayko already have their conversation: nothing to do"};
    }
    base_text = StringOf(*pair, "seed_base");
  }
  auto base = ParseIsoUtc(base_text);
  if (!base) {
    base = std::chrono::floor<std::chrono::minutes>(Clock::now() - std::chrono::hours(24));
  }
  const auto& lines = SeedDialogue();
  std::vector<ddb::Item> items;
  MessageEntry last;
  for (size_t i = 0; i < lines.size(); ++i) {
    const User& sender = lines[i].first == 1 ? one : two;
    last = MessageEntry{NameUuid(std::string(kSeedGroupUuid) + "/" + std::to_string(i)),
                        sender.uuid,
                        sender.display_name,
                        sender.handle,
                        lines[i].second,
                        IsoUtc(*base + std::chrono::minutes(i))};
    items.push_back(MessagesRepo::MessageItem(kSeedGroupUuid, last));
  }
  auto start = MessagesRepo::ConversationItems(kSeedGroupUuid, one, two, last);
  ddb::Item pair_item = start[3];
  pair_item["seed_base"] = S(IsoUtc(*base));
  if (!pair) DDB_RETURN_IF_ERROR(PutAll(client, table, {pair_item}));
  items.push_back(start[0]);
  items.push_back(start[1]);
  DDB_RETURN_IF_ERROR(PutAll(client, table, items));
  pair_item["seeded"] = S(NowIsoUtc());
  DDB_RETURN_IF_ERROR(PutAll(client, table, {pair_item}));
  return SeedOutcome{static_cast<int>(lines.size()), false, ""};
}

}  // namespace cruddur
