// MessagesRepo: Cruddur's direct messages in DynamoDB, the single-table design of spec §2 with
// access patterns A-D of spec §3 (pattern E is the stream processor's). The HTTP API and the
// scripts use it; it works unchanged on ddb-server, DynamoDB Local and the real service.
//
// Every list is newest-first in DynamoDB and paginated: a Page carries the cursor (`before`, the
// sort key of its oldest entry) that asks for the next, older page. Times are IsoUtc
// (common/time_format.h). A conversation is created in one TransactWriteItems together with a
// pair item (pk "PAIR#<uuid>#<uuid>", the two user uuids in order) whose condition makes two
// users starting a conversation at once end up in the same one. Thread-safe (the client is).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "client/dynamodb_client.h"
#include "common/app_error.h"
#include "core/value.h"
#include "users/users_db.h"

namespace cruddur {

inline constexpr const char* kMessagesTable = "cruddur-messages";
inline constexpr const char* kGroupIndex = "message-group-sk-index";

// An inbox row: a conversation as its owner sees it (the other participant).
struct InboxEntry {
  std::string group_uuid;
  std::string user_uuid;  // The other participant.
  std::string display_name;
  std::string handle;
  std::string message;     // The last message.
  std::string created_at;  // Its time (the item's sort key).
};

struct MessageEntry {
  std::string uuid;
  std::string user_uuid;  // The sender.
  std::string display_name;
  std::string handle;
  std::string message;
  std::string created_at;
};

template <class T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> before;  // Cursor of the next, older page; nullopt on the last.
};

struct Conversation {
  std::string group_uuid;
  MessageEntry message;
  bool created = false;  // False: the two users already had this conversation.
};

// The CreateTable request of the messages table (spec §2): key pk/sk, the group index
// message-group-sk-index (projection ALL), a NEW_IMAGE stream, 5/5 provisioned throughput.
ddb::client::CreateTableRequest MessagesTableSchema(const std::string& table);

// The validation error codes of a message text (spec §5): message_blank (empty or only
// whitespace), message_exceed_max_chars (over 1024 characters, counted as Unicode characters),
// message_invalid_utf8. Empty when valid.
std::vector<std::string> MessageTextErrors(const std::string& text);

// A message item and a group item as stored.
MessageEntry ToMessage(const ddb::Item& item);
InboxEntry ToInboxEntry(const ddb::Item& item);

// A message as a stream record's new image carries it.
struct StoredMessage {
  std::string group_uuid;
  MessageEntry message;
};

// One participant's inbox row of a conversation (its group item).
struct InboxRow {
  std::string owner_uuid;  // Whose inbox it is in.
  InboxEntry entry;        // What it shows: the other participant and the last message.
  ddb::Item item;          // As stored, for MoveInboxRow.
};

class MessagesRepo {
 public:
  explicit MessagesRepo(ddb::client::DynamoDbClient& client, std::string table = kMessagesTable)
      : client_(client), table_(std::move(table)) {}

  // Pattern B: `user_uuid`'s conversations, newest first.
  AppResult<Page<InboxEntry>> ListInbox(const std::string& user_uuid,
                                        const std::optional<std::string>& before, int limit = 20);
  // Pattern A: a conversation's messages; the page is the newest `limit` before `before`,
  // returned oldest first.
  AppResult<Page<MessageEntry>> ListMessages(const std::string& group_uuid,
                                             const std::optional<std::string>& before,
                                             int limit = 20);
  // Pattern C: adds a message to an existing conversation.
  AppResult<MessageEntry> CreateMessage(const std::string& group_uuid, const User& sender,
                                        const std::string& text);
  // Pattern D: starts a conversation between `sender` and `receiver` with a first message, or
  // adds the message to their existing one. Invalid if they are the same user.
  AppResult<Conversation> CreateConversation(const User& sender, const User& receiver,
                                             const std::string& text);
  // The conversation of two users, if they have one.
  AppResult<std::optional<std::string>> FindConversation(const std::string& a_uuid,
                                                         const std::string& b_uuid);
  // A conversation's inbox rows (one per participant), through the group index; none for a
  // conversation that does not exist.
  AppResult<std::vector<InboxRow>> InboxRows(const std::string& group_uuid);
  // Whether `user_uuid` takes part in conversation `group_uuid`.
  AppResult<bool> IsMember(const std::string& group_uuid, const std::string& user_uuid);

  // Read state (messages_repo_read.cc): per reader and conversation, the time of the newest
  // message read (pk "READ#<user uuid>", sk the group uuid, `read_at`).
  //
  // Marks `group_uuid` read by `user_uuid` up to `read_at`; a marker never moves back (an older
  // `read_at` changes nothing and is not an error).
  AppStatus MarkRead(const std::string& user_uuid, const std::string& group_uuid,
                     const std::string& read_at);
  // Every marker of `user_uuid`: group uuid -> read_at.
  AppResult<std::map<std::string, std::string>> ReadMarkers(const std::string& user_uuid);
  // The messages of `group_uuid` that `reader_uuid` did not send and that are newer than `after`
  // (all of them when nullopt), counted up to `cap`.
  AppResult<int64_t> CountUnread(const std::string& group_uuid, const std::string& reader_uuid,
                                 const std::optional<std::string>& after, int64_t cap);
  // A marker as stored, for the seed.
  static ddb::Item ReadMarkerItem(const std::string& user_uuid, const std::string& group_uuid,
                                  const std::string& read_at);

  // Pattern E, one step: moves `row` to message `m` (its time and text) in one transaction
  // (delete at the old sort key, put at the new one). Conflict if the row moved meanwhile.
  AppStatus MoveInboxRow(const InboxRow& row, const StoredMessage& m);
  // The message a stream record's new image holds, or nullopt for other items (inbox rows,
  // pair items).
  static std::optional<StoredMessage> MessageOfImage(const ddb::Item& image);

  // For the seed, which writes a whole conversation at once. The pair item of two users (read
  // consistently), if there is one; PairGroup is the conversation it names.
  AppResult<std::optional<ddb::Item>> PairItem(const std::string& a_uuid,
                                               const std::string& b_uuid);
  static std::string PairGroup(const ddb::Item& pair);
  // Whether conversation `group_uuid` has any message.
  AppResult<bool> HasMessages(const std::string& group_uuid);
  // Writes `items` (from the functions below) as they are, in batches; not atomic.
  AppStatus PutItems(const std::vector<ddb::Item>& items);
  // The items of one conversation's start: the two inbox rows, the message item and the pair
  // item, in that order.
  static std::vector<ddb::Item> ConversationItems(const std::string& group_uuid, const User& sender,
                                                  const User& receiver, const MessageEntry& first);
  static ddb::Item MessageItem(const std::string& group_uuid, const MessageEntry& m);

  // The seed scripts' requests for patterns A and B (newest 20, with the consumed capacity),
  // for bin/ddb/patterns, which prints the service's answer as it is.
  ddb::client::QueryRequest ConversationQuery(const std::string& group_uuid) const;
  ddb::client::QueryRequest InboxQuery(const std::string& user_uuid) const;

  const std::string& table() const { return table_; }

 private:
  static ddb::Item PairKey(const std::string& a_uuid, const std::string& b_uuid);
  // The newest `limit` items of partition `pk` older than `before`, newest first, with the
  // cursor of the next page when there is one.
  AppResult<Page<ddb::Item>> QueryNewestFirst(const std::string& pk,
                                              const std::optional<std::string>& before, int limit);
  // Whether the item at (pk, sk) is the message `message_uuid`.
  AppResult<bool> HoldsMessage(const std::string& pk, const std::string& sk,
                               const std::string& message_uuid);
  ddb::client::DynamoDbClient& client_;
  std::string table_;
};

}  // namespace cruddur
