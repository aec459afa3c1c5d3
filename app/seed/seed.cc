#include "seed/seed.h"

#include <cstdio>
#include <map>
#include <sstream>

#include "common/name_uuid.h"
#include "common/time_format.h"
#include "messaging/messages_repo.h"

namespace cruddur {
namespace {

using ddb::StringOf;

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
  MessagesRepo repo(client, table);
  // The pair item: absent (start), incomplete (resume with its base) or complete (done).
  DDB_ASSIGN_OR_RETURN(auto pair, repo.PairItem(one.uuid, two.uuid));
  std::string base_text;
  if (!pair) {
    // Messages without the pair item: the users were re-created with other ids.
    DDB_ASSIGN_OR_RETURN(bool has_messages, repo.HasMessages(kSeedGroupUuid));
    if (has_messages) {
      return SeedOutcome{0, true,
                         std::string("conversation ") + kSeedGroupUuid +
                             " already has messages: run bin/ddb/setup to start over"};
    }
  }
  if (pair) {
    if (MessagesRepo::PairGroup(*pair) != kSeedGroupUuid || !StringOf(*pair, "seeded").empty()) {
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
  std::map<std::string, std::string> last_sent;  // Per user: the time of their last message.
  for (size_t i = 0; i < lines.size(); ++i) {
    const User& sender = lines[i].first == 1 ? one : two;
    last = MessageEntry{NameUuid(std::string(kSeedGroupUuid) + "/" + std::to_string(i)),
                        sender.uuid,
                        sender.display_name,
                        sender.handle,
                        lines[i].second,
                        IsoUtc(*base + std::chrono::minutes(i))};
    items.push_back(MessagesRepo::MessageItem(kSeedGroupUuid, last));
    last_sent[sender.uuid] = last.created_at;
  }
  // Each has read the conversation up to their own last message: what came after is unread.
  for (const auto& [user_uuid, read_at] : last_sent) {
    items.push_back(MessagesRepo::ReadMarkerItem(user_uuid, kSeedGroupUuid, read_at));
  }
  auto start = MessagesRepo::ConversationItems(kSeedGroupUuid, one, two, last);
  ddb::Item pair_item = start[3];
  pair_item["seed_base"] = ddb::Value::S(IsoUtc(*base));
  if (!pair) DDB_RETURN_IF_ERROR(repo.PutItems({pair_item}));
  items.push_back(start[0]);
  items.push_back(start[1]);
  DDB_RETURN_IF_ERROR(repo.PutItems(items));
  pair_item["seeded"] = ddb::Value::S(NowIsoUtc());
  DDB_RETURN_IF_ERROR(repo.PutItems({pair_item}));
  return SeedOutcome{static_cast<int>(lines.size()), false, ""};
}

}  // namespace cruddur
