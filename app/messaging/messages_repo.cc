#include "messaging/messages_repo.h"

#include <algorithm>

#include "common/time_format.h"
#include "core/uuid.h"
#include "messaging/item_layout.h"

namespace cruddur {
namespace {

using ddb::StringOf;
using ddb::client::TransactAction;

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

using layout::Group;
using layout::kGroupPrefix;
using layout::kMessagesPrefix;
using layout::Messages;
using layout::S;

// The seed scripts' Query of one partition: the newest 20, with the consumed capacity.
ddb::client::QueryRequest ScriptQuery(const std::string& table, const std::string& pk) {
  return {.table = table,
          .key_condition = "pk = :pk",
          .expressions = {{}, {{":pk", S(pk)}}},
          .forward = false,
          .limit = 20,
          .total_capacity = true};
}

// A new item's condition: no item at its key yet.
constexpr const char* kAbsent = "attribute_not_exists(pk)";

}  // namespace

ddb::client::CreateTableRequest MessagesTableSchema(const std::string& table) {
  ddb::client::CreateTableRequest r;
  r.table = table;
  r.attributes = {{"message_group_uuid", "S"}, {"pk", "S"}, {"sk", "S"}};
  r.key = {{"pk", true}, {"sk", false}};
  r.global_indexes = {{kGroupIndex,
                       {{"message_group_uuid", true}, {"sk", false}},
                       "ALL",
                       {},
                       ddb::client::Throughput{5, 5}}};
  r.throughput = ddb::client::Throughput{5, 5};
  r.stream_view = "NEW_IMAGE";
  return r;
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
  ddb::client::QueryRequest q{.table = table_,
                              .key_condition = "pk = :pk",
                              .expressions = {{}, {{":pk", S(pk)}}},
                              .forward = false,
                              .limit = limit + 1};
  if (before) q.start_key = ddb::Item{{"pk", S(pk)}, {"sk", S(*before)}};
  auto page = client_.Query(q);
  if (!page.ok()) return AppError::FromClient(page.error());
  const auto wanted = static_cast<size_t>(limit);
  bool more = page->items.size() > wanted || page->last_key.has_value();
  if (page->items.size() > wanted) page->items.resize(wanted);
  Page<ddb::Item> out{std::move(page->items), std::nullopt};
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
  auto item = client_.GetItem(
      {.table = table_, .key = {{"pk", S(pk)}, {"sk", S(sk)}}, .consistent_read = true});
  if (!item.ok()) return AppError::FromClient(item.error());
  return *item && StringOf(**item, "message_uuid") == message_uuid;
}

AppResult<MessageEntry> MessagesRepo::CreateMessage(const std::string& group_uuid,
                                                    const User& sender, const std::string& text) {
  MessageEntry m{ddb::RandomUuid(), sender.uuid, sender.display_name, sender.handle, text, ""};
  // Two messages of one conversation in the same microsecond would share a key: the condition
  // refuses the second, which then takes the next microsecond.
  for (int attempt = 0;; ++attempt) {
    m.created_at = NowIsoUtc();
    auto answer = client_.PutItem(
        {.table = table_, .item = MessageItem(group_uuid, m), .condition = kAbsent});
    if (answer.ok()) return m;
    if (!answer.error().IsConditionFailed() || attempt == 5) {
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
  DDB_ASSIGN_OR_RETURN(auto pair, PairItem(a_uuid, b_uuid));
  if (!pair) return std::optional<std::string>();
  return std::optional<std::string>(PairGroup(*pair));
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
    ddb::client::TransactWriteRequest start;
    for (auto& item : ConversationItems(group_uuid, sender, receiver, m)) {
      start.actions.push_back({.table = table_, .item = std::move(item), .condition = kAbsent});
    }
    auto answer = client_.TransactWrite(start);
    if (answer.ok()) return Conversation{group_uuid, std::move(m), true};
    // Cancelled: most likely the other user started the same conversation at the same moment;
    // the next round finds it.
    if (!answer.error().IsTransactionCanceled()) {
      return AppError::FromClient(answer.error());
    }
  }
  return AppError::Internal("could not start or find the conversation of " + sender.handle +
                            " and " + receiver.handle);
}

AppResult<std::vector<InboxRow>> MessagesRepo::InboxRows(const std::string& group_uuid) {
  auto items = client_.QueryAll({.table = table_,
                                 .index = kGroupIndex,
                                 .key_condition = "message_group_uuid = :g",
                                 .expressions = {{}, {{":g", S(group_uuid)}}}});
  if (!items.ok()) return AppError::FromClient(items.error());
  std::vector<InboxRow> rows;
  for (auto& item : *items) {
    std::string owner = StringOf(item, "pk");
    if (!owner.starts_with(kGroupPrefix)) continue;
    InboxEntry entry = ToInboxEntry(item);
    rows.push_back({owner.substr(kGroupPrefix.size()), std::move(entry), std::move(item)});
  }
  return rows;
}

AppResult<bool> MessagesRepo::IsMember(const std::string& group_uuid,
                                       const std::string& user_uuid) {
  DDB_ASSIGN_OR_RETURN(auto rows, InboxRows(group_uuid));
  return std::any_of(rows.begin(), rows.end(),
                     [&](const InboxRow& row) { return row.owner_uuid == user_uuid; });
}

AppStatus MessagesRepo::MoveInboxRow(const InboxRow& row, const StoredMessage& m) {
  ddb::Item moved = row.item;
  moved["sk"] = S(m.message.created_at);
  moved["message"] = S(m.message.message);
  ddb::Item old_key{{"pk", row.item.at("pk")}, {"sk", row.item.at("sk")}};
  using Kind = TransactAction::Kind;
  auto answer = client_.TransactWrite(
      {.actions = {
           {.kind = Kind::kDelete,
            .table = table_,
            .item = std::move(old_key),
            .condition = "attribute_exists(pk)"},
           {.kind = Kind::kPut, .table = table_, .item = std::move(moved), .condition = kAbsent}}});
  if (answer.ok()) return AppStatus::OK();
  if (answer.error().IsTransactionCanceled() || answer.error().Is("TransactionConflictException")) {
    return AppError::Conflict("the inbox row moved meanwhile");
  }
  return AppError::FromClient(answer.error());
}

std::optional<StoredMessage> MessagesRepo::MessageOfImage(const ddb::Item& image) {
  const std::string pk = StringOf(image, "pk");
  if (!pk.starts_with(kMessagesPrefix)) return std::nullopt;
  return StoredMessage{pk.substr(kMessagesPrefix.size()), ToMessage(image)};
}

AppResult<std::optional<ddb::Item>> MessagesRepo::PairItem(const std::string& a_uuid,
                                                           const std::string& b_uuid) {
  auto item =
      client_.GetItem({.table = table_, .key = PairKey(a_uuid, b_uuid), .consistent_read = true});
  if (!item.ok()) return AppError::FromClient(item.error());
  return std::move(item).value();
}

std::string MessagesRepo::PairGroup(const ddb::Item& pair) { return StringOf(pair, "group_uuid"); }

AppResult<bool> MessagesRepo::HasMessages(const std::string& group_uuid) {
  auto page = client_.Query({.table = table_,
                             .key_condition = "pk = :pk",
                             .expressions = {{}, {{":pk", S(Messages(group_uuid))}}},
                             .limit = 1});
  if (!page.ok()) return AppError::FromClient(page.error());
  return !page->items.empty();
}

AppStatus MessagesRepo::PutItems(const std::vector<ddb::Item>& items) {
  std::vector<ddb::client::BatchWrite> writes;
  writes.reserve(items.size());
  for (const auto& item : items) writes.push_back({table_, true, item});
  auto written = client_.BatchWriteAll(writes);
  if (!written.ok()) return AppError::FromClient(written.error());
  return AppStatus::OK();
}

ddb::client::QueryRequest MessagesRepo::ConversationQuery(const std::string& group_uuid) const {
  return ScriptQuery(table_, Messages(group_uuid));
}

ddb::client::QueryRequest MessagesRepo::InboxQuery(const std::string& user_uuid) const {
  return ScriptQuery(table_, Group(user_uuid));
}

}  // namespace cruddur
