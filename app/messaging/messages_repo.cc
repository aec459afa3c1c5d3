#include "messaging/messages_repo.h"

#include <algorithm>

#include "common/time_format.h"
#include "common/uuid.h"
#include "protocol/json_writer.h"
#include "protocol/value_json.h"

namespace cruddur {
namespace {

using ddb::protocol::JsonWriter;

constexpr size_t kMaxMessageChars = 1024;

// Code points in `text`, or nullopt if it is not valid UTF-8.
std::optional<size_t> Utf8Length(const std::string& text) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++count) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > text.size()) return std::nullopt;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return std::nullopt;
    }
    i += n;
  }
  return count;
}

void Member(JsonWriter& w, const char* key, const ddb::Item& item) {
  w.Key(key);
  ddb::protocol::WriteItem(w, item);
}

std::string Group(const std::string& uuid) { return "GRP#" + uuid; }
std::string Messages(const std::string& uuid) { return "MSG#" + uuid; }

}  // namespace

std::string TableSchemaJson(const std::string& table) {
  std::string body = R"({"TableName":)";
  ddb::protocol::AppendJsonString(table, &body);
  body +=
      R"(,"AttributeDefinitions":[)"
      R"({"AttributeName":"message_group_uuid","AttributeType":"S"},)"
      R"({"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"}],)"
      R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},)"
      R"({"AttributeName":"sk","KeyType":"RANGE"}],)"
      R"("GlobalSecondaryIndexes":[{"IndexName":"message-group-sk-index",)"
      R"("KeySchema":[{"AttributeName":"message_group_uuid","KeyType":"HASH"},)"
      R"({"AttributeName":"sk","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"},)"
      R"("ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}}],)"
      R"("StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_IMAGE"},)"
      R"("BillingMode":"PROVISIONED",)"
      R"("ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}})";
  return body;
}

std::vector<std::string> MessageTextErrors(const std::string& text) {
  auto length = Utf8Length(text);
  if (!length) return {"message_invalid_utf8"};
  const bool blank =
      std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c) != 0; });
  if (blank) return {"message_blank"};
  if (*length > kMaxMessageChars) return {"message_exceed_max_chars"};
  return {};
}

MessageEntry ToMessage(const ddb::Item& item) {
  return {StringOf(item, "message_uuid"),      StringOf(item, "user_uuid"),
          StringOf(item, "user_display_name"), StringOf(item, "user_handle"),
          StringOf(item, "message"),           StringOf(item, "sk")};
}

InboxEntry ToInboxEntry(const ddb::Item& item) {
  return {StringOf(item, "message_group_uuid"),
          StringOf(item, "user_uuid"),
          StringOf(item, "user_display_name"),
          StringOf(item, "user_handle"),
          StringOf(item, "message"),
          StringOf(item, "sk")};
}

ddb::Item MessagesRepo::MessageItem(const std::string& group_uuid, const MessageEntry& m) {
  return {{"pk", S(Messages(group_uuid))}, {"sk", S(m.created_at)},
          {"message_uuid", S(m.uuid)},     {"message", S(m.message)},
          {"user_uuid", S(m.user_uuid)},   {"user_display_name", S(m.display_name)},
          {"user_handle", S(m.handle)}};
}

ddb::Item MessagesRepo::PairKey(const std::string& a_uuid, const std::string& b_uuid) {
  const auto& [low, high] = std::minmax(a_uuid, b_uuid);
  return {{"pk", S("PAIR#" + low + "#" + high)}, {"sk", S("PAIR")}};
}

std::vector<ddb::Item> MessagesRepo::ConversationItems(const std::string& group_uuid,
                                                       const User& sender, const User& receiver,
                                                       const MessageEntry& first) {
  auto group_item = [&](const User& owner, const User& other) {
    return ddb::Item{
        {"pk", S(Group(owner.uuid))},          {"sk", S(first.created_at)},
        {"message_group_uuid", S(group_uuid)}, {"message", S(first.message)},
        {"user_uuid", S(other.uuid)},          {"user_display_name", S(other.display_name)},
        {"user_handle", S(other.handle)}};
  };
  // The pair item holds the group as `group_uuid`, not `message_group_uuid`, so that it stays
  // out of the group index (which must list exactly the two group items).
  ddb::Item pair = PairKey(sender.uuid, receiver.uuid);
  pair["group_uuid"] = S(group_uuid);
  return {group_item(sender, receiver), group_item(receiver, sender),
          MessageItem(group_uuid, first), std::move(pair)};
}

AppResult<Page<ddb::Item>> MessagesRepo::QueryNewestFirst(const std::string& pk,
                                                          const std::optional<std::string>& before,
                                                          int limit) {
  // One item more than the page: a cursor only when an older item really exists (DynamoDB's
  // LastEvaluatedKey is also set when the page ends exactly at the last item).
  auto answer = client_.Call("Query", QueryJson({table_, pk, true, limit + 1, before, false}));
  if (!answer.ok()) return AppError::FromClient(answer.error());
  DDB_ASSIGN_OR_RETURN(ItemPage page, ParseItemPage(*answer));
  const auto wanted = static_cast<size_t>(limit);
  bool more = page.items.size() > wanted || page.last_key.has_value();
  if (page.items.size() > wanted) page.items.resize(wanted);
  Page<ddb::Item> out{std::move(page.items), std::nullopt};
  if (more && !out.items.empty()) out.before = StringOf(out.items.back(), "sk");
  return out;
}

AppResult<Page<InboxEntry>> MessagesRepo::ListInbox(const std::string& user_uuid,
                                                    const std::optional<std::string>& before,
                                                    int limit) {
  DDB_ASSIGN_OR_RETURN(Page<ddb::Item> page, QueryNewestFirst(Group(user_uuid), before, limit));
  Page<InboxEntry> out;
  for (const auto& item : page.items) out.items.push_back(ToInboxEntry(item));
  out.before = std::move(page.before);
  return out;
}

AppResult<Page<MessageEntry>> MessagesRepo::ListMessages(const std::string& group_uuid,
                                                         const std::optional<std::string>& before,
                                                         int limit) {
  DDB_ASSIGN_OR_RETURN(Page<ddb::Item> page, QueryNewestFirst(Messages(group_uuid), before, limit));
  Page<MessageEntry> out;
  for (auto it = page.items.rbegin(); it != page.items.rend(); ++it) {
    out.items.push_back(ToMessage(*it));
  }
  out.before = std::move(page.before);
  return out;
}

AppResult<bool> MessagesRepo::HoldsMessage(const std::string& pk, const std::string& sk,
                                           const std::string& message_uuid) {
  std::string body;
  JsonWriter w(&body);
  w.BeginObject();
  w.Member("TableName", table_);
  Member(w, "Key", ddb::Item{{"pk", S(pk)}, {"sk", S(sk)}});
  w.MemberBool("ConsistentRead", true);
  w.EndObject();
  auto answer = client_.Call("GetItem", body);
  if (!answer.ok()) return AppError::FromClient(answer.error());
  DDB_ASSIGN_OR_RETURN(std::optional<ddb::Item> item, ParseGetItem(*answer));
  return item && StringOf(*item, "message_uuid") == message_uuid;
}

AppResult<MessageEntry> MessagesRepo::CreateMessage(const std::string& group_uuid,
                                                    const User& sender, const std::string& text) {
  MessageEntry m{ddb::RandomUuid(), sender.uuid, sender.display_name, sender.handle, text, ""};
  // Two messages of one conversation in the same microsecond would share a key: the condition
  // refuses the second, which then takes the next microsecond.
  for (int attempt = 0;; ++attempt) {
    m.created_at = NowIsoUtc();
    std::string body;
    JsonWriter w(&body);
    w.BeginObject();
    w.Member("TableName", table_);
    Member(w, "Item", MessageItem(group_uuid, m));
    w.Member("ConditionExpression", "attribute_not_exists(pk)");
    w.EndObject();
    auto answer = client_.Call("PutItem", body);
    if (answer.ok()) return m;
    if (answer.error().type != "ConditionalCheckFailedException" || attempt == 5) {
      return AppError::FromClient(answer.error());
    }
    // The key may hold this very message: the client retried a PutItem whose first answer was
    // lost (a timeout), and the retry found the first attempt's item.
    DDB_ASSIGN_OR_RETURN(bool ours, HoldsMessage(Messages(group_uuid), m.created_at, m.uuid));
    if (ours) return m;
  }
}

AppResult<std::optional<std::string>> MessagesRepo::FindConversation(const std::string& a_uuid,
                                                                     const std::string& b_uuid) {
  std::string body;
  JsonWriter w(&body);
  w.BeginObject();
  w.Member("TableName", table_);
  Member(w, "Key", PairKey(a_uuid, b_uuid));
  w.MemberBool("ConsistentRead", true);
  w.EndObject();
  auto answer = client_.Call("GetItem", body);
  if (!answer.ok()) return AppError::FromClient(answer.error());
  DDB_ASSIGN_OR_RETURN(auto item, ParseGetItem(*answer));
  if (!item) return std::optional<std::string>();
  return std::optional<std::string>(StringOf(*item, "group_uuid"));
}

AppResult<Conversation> MessagesRepo::CreateConversation(const User& sender, const User& receiver,
                                                         const std::string& text) {
  if (sender.uuid == receiver.uuid) {
    return AppError::Invalid("user_receiver_is_self");
  }
  for (int attempt = 0; attempt < 2; ++attempt) {
    DDB_ASSIGN_OR_RETURN(auto existing, FindConversation(sender.uuid, receiver.uuid));
    if (existing) {
      DDB_ASSIGN_OR_RETURN(MessageEntry m, CreateMessage(*existing, sender, text));
      return Conversation{*existing, std::move(m), false};
    }
    const std::string group_uuid = ddb::RandomUuid();
    MessageEntry m{ddb::RandomUuid(), sender.uuid, sender.display_name,
                   sender.handle,     text,        NowIsoUtc()};
    std::vector<TransactAction> actions;
    for (auto& item : ConversationItems(group_uuid, sender, receiver, m)) {
      actions.push_back({true, std::move(item), "attribute_not_exists(pk)"});
    }
    const std::string body = TransactWriteJson(table_, actions);
    auto answer = client_.Call("TransactWriteItems", body);
    if (answer.ok()) return Conversation{group_uuid, std::move(m), true};
    // Cancelled: most likely the other user started the same conversation at the same moment;
    // the next round finds it.
    if (answer.error().type != "TransactionCanceledException") {
      return AppError::FromClient(answer.error());
    }
  }
  return AppError::Internal("could not start or find the conversation of " + sender.handle +
                            " and " + receiver.handle);
}

AppResult<std::vector<ddb::Item>> MessagesRepo::GroupItems(const std::string& group_uuid) {
  std::string body;
  JsonWriter w(&body);
  w.BeginObject();
  w.Member("TableName", table_);
  w.Member("IndexName", kGroupIndex);
  w.Member("KeyConditionExpression", "message_group_uuid = :g");
  Member(w, "ExpressionAttributeValues", {{":g", S(group_uuid)}});
  w.EndObject();
  auto answer = client_.Call("Query", body);
  if (!answer.ok()) return AppError::FromClient(answer.error());
  DDB_ASSIGN_OR_RETURN(ItemPage page, ParseItemPage(*answer));
  return std::move(page.items);
}

AppResult<bool> MessagesRepo::IsMember(const std::string& group_uuid,
                                       const std::string& user_uuid) {
  DDB_ASSIGN_OR_RETURN(auto items, GroupItems(group_uuid));
  return std::any_of(items.begin(), items.end(), [&](const ddb::Item& item) {
    return StringOf(item, "pk") == Group(user_uuid);
  });
}

}  // namespace cruddur
