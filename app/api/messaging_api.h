// MessagingApi: the behaviour of the messaging routes of spec §5, independent of HTTP: each
// call takes the signed-in caller (already resolved from the token) and the request's data, and
// returns the status and JSON body to send. The HTTP layer (routing, tokens, logging) calls it.
//
//   GET  /api/message_groups[?before=]        ListGroups   (each row with its `unread` count)
//   GET  /api/messages/<group>[?before=]      ListMessages (members only: 404 otherwise; the
//                                             newest page marks the conversation read)
//   POST /api/messages {message, message_group_uuid | handle}   Send (200 reply / 201 new)
//   GET  /api/messages/counter                Counter (the unread total, cached)
//   GET  /api/events                          the caller's events (routes/app_handler.cc):
//        `message` {message_group_uuid, message} for each message of their conversations,
//        `read` {message_group_uuid} when they read one on another page
//   GET  /api/users/@<handle>/short           UserShort (public)
//   GET  /api/users/search?q=<text>           SearchUsers (signed in: up to 10 others whose
//                                             handle or display name starts with the text)
//
// `before` is the X-Next-Before cursor of the previous page, or a prefix of such a time
// (absent or empty: the newest page; other text: 400). Validation failures are 422 with {"errors":
// [every code that applies]}. Thread-safe if the UsersDb passed to each call is the caller's own
// connection.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cache/unread_counter.h"
#include "http/event_stream.h"
#include "live/event_hub.h"
#include "messaging/messages_repo.h"
#include "users/users_db.h"

namespace cruddur {

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON.
  // Extra headers, e.g. X-Next-Before: the cursor of the next (older) page.
  std::vector<std::pair<std::string, std::string>> headers;
  // GET /api/events: the body is this stream of events instead (text/event-stream).
  std::shared_ptr<ddb::http::EventStream> events = nullptr;
};

class MessagingApi {
 public:
  // `hub` (optional) hears of every message sent and conversation read, for the pages' events.
  MessagingApi(MessagesRepo& repo, UnreadCounter& unread, EventHub* hub = nullptr)
      : repo_(repo), unread_(unread), hub_(hub) {}

  ApiResponse ListGroups(const User& caller, const std::optional<std::string>& before);
  ApiResponse ListMessages(const User& caller, const std::string& group_uuid,
                           const std::optional<std::string>& before);
  // `body` is the request's JSON text; `users` resolves the receiver's handle.
  ApiResponse Send(const User& caller, const std::string& body, UsersDb& users);
  ApiResponse Counter(const User& caller);
  static ApiResponse UserShort(const std::string& handle, UsersDb& users);
  static ApiResponse SearchUsers(const User& caller, const std::string& text, UsersDb& users);

  // {"error": message} with `status`; for the HTTP layer's own errors too.
  static ApiResponse Error(int status, const std::string& message);

 private:
  // Send's steps: parse, validate (every code that applies), then reply or start, then notify.
  struct SendRequest {
    std::string message;
    std::string group;   // message_group_uuid: a reply.
    std::string handle;  // The receiver: a new conversation.
  };
  struct SendTarget {
    std::optional<User> receiver;  // A new conversation's receiver, when found.
    std::string other_handle;      // A reply's other participant.
    std::string other_uuid;
  };
  // Nullopt when `body` is not a JSON object; absent or non-string members are "".
  static std::optional<SendRequest> ParseSend(const std::string& body);
  AppResult<std::vector<std::string>> ValidateSend(const User& caller, const SendRequest& request,
                                                   UsersDb& users, SendTarget* target);
  // Counts a new message for `handle`'s unread badge.
  void Notify(const std::string& handle);
  // `reader` has read `group_uuid` up to `read_at`: the marker moves, the cached total goes.
  void MarkRead(const User& reader, const std::string& group_uuid, const std::string& read_at);
  // The messages of `row`'s conversation `reader` has not read (at most kMaxUnread); `as_shown`:
  // only those up to the row's last message (none when the reader read that far).
  AppResult<int64_t> UnreadOf(const User& reader, const InboxEntry& row,
                              const std::map<std::string, std::string>& markers, bool as_shown);
  // The unread messages of the whole inbox (its first kMaxCountedPages pages).
  AppResult<int64_t> TotalUnread(const User& reader);
  static constexpr int64_t kMaxUnread = 100;  // A row shows "99+" beyond.
  static constexpr int kMaxCountedPages = 50;
  ApiResponse Failure(const AppError& e);
  // Tells the participants' pages of message `m` in `group_uuid` (live/event_hub.h).
  void Announce(const std::string& group_uuid, const MessageEntry& m,
                const std::vector<std::string>& user_uuids);
  MessagesRepo& repo_;
  UnreadCounter& unread_;
  EventHub* hub_;
};

}  // namespace cruddur
