#include "api/messaging_api.h"

#include <simdjson.h>

#include <algorithm>

#include "common/name_uuid.h"
#include "core/json_writer.h"

namespace cruddur {
namespace {

using ddb::JsonWriter;

void WriteMessage(JsonWriter& w, const MessageEntry& m) {
  w.Member("uuid", m.uuid);
  w.Member("display_name", m.display_name);
  w.Member("handle", m.handle);
  w.Member("message", m.message);
  w.Member("created_at", m.created_at);
}

ApiResponse Json(int status, std::string body) { return ApiResponse{status, std::move(body), {}}; }

ApiResponse Unprocessable(const std::vector<std::string>& codes) {
  std::string body;
  JsonWriter w(&body);
  w.BeginObject();
  w.Key("errors");
  w.BeginArray();
  for (const auto& c : codes) w.String(c);
  w.EndArray();
  w.EndObject();
  return Json(422, std::move(body));
}

// The `before` of a request: absent or empty = the newest page. A cursor is a time as
// X-Next-Before gave it, or any prefix of one ("2026-11-01": older than November); it is compared
// as a string, so only its length and alphabet are checked (false: malformed).
bool ReadCursor(const std::optional<std::string>& given, std::optional<std::string>* cursor) {
  if (!given || given->empty()) return true;
  if (given->size() > 64) return false;
  for (char c : *given) {
    bool time_char = (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '.' || c == '+' ||
                     c == 'T' || c == 'Z';
    if (!time_char) return false;
  }
  *cursor = given;
  return true;
}

constexpr const char* kBadCursor = "before must be a cursor from an X-Next-Before header";

void AddCursor(const std::optional<std::string>& before, ApiResponse* r) {
  if (before) r->headers.emplace_back("X-Next-Before", *before);
}

}  // namespace

ApiResponse MessagingApi::Error(int status, const std::string& message) {
  std::string body;
  JsonWriter w(&body);
  w.BeginObject();
  w.Member("error", message);
  w.EndObject();
  return Json(status, std::move(body));
}

ApiResponse MessagingApi::Failure(const AppError& e) {
  switch (e.kind) {
    case AppError::Kind::kNotFound:
      return Error(404, e.message);
    case AppError::Kind::kUnavailable:
      return Error(503, e.message);
    case AppError::Kind::kInvalid:
    case AppError::Kind::kConflict:
      return Error(409, e.message);
    case AppError::Kind::kInternal:
      break;
  }
  return Error(500, e.message);
}

ApiResponse MessagingApi::ListGroups(const User& caller, const std::optional<std::string>& before) {
  std::optional<std::string> cursor;
  if (!ReadCursor(before, &cursor)) return Error(400, kBadCursor);
  auto page = repo_.ListInbox(caller.uuid, cursor);
  if (!page.ok()) return Failure(page.error());
  auto markers = repo_.ReadMarkers(caller.uuid);
  if (!markers.ok()) return Failure(markers.error());
  std::string body;
  JsonWriter w(&body);
  w.BeginArray();
  for (const auto& e : page->items) {
    auto unread = UnreadOf(caller, e, *markers, true);
    if (!unread.ok()) return Failure(unread.error());
    w.BeginObject();
    w.Member("uuid", e.group_uuid);
    w.Member("display_name", e.display_name);
    w.Member("handle", e.handle);
    w.Member("message", e.message);
    w.Member("created_at", e.created_at);
    w.MemberInt("unread", *unread);
    w.EndObject();
  }
  w.EndArray();
  ApiResponse r = Json(200, std::move(body));
  AddCursor(page->before, &r);
  return r;
}

ApiResponse MessagingApi::ListMessages(const User& caller, const std::string& group_uuid,
                                       const std::optional<std::string>& before) {
  std::optional<std::string> cursor;
  if (!ReadCursor(before, &cursor)) return Error(400, kBadCursor);
  if (!IsUuid(group_uuid)) return Error(404, "message_group_not_found");
  auto member = repo_.IsMember(group_uuid, caller.uuid);
  if (!member.ok()) return Failure(member.error());
  if (!*member) return Error(404, "message_group_not_found");
  auto page = repo_.ListMessages(group_uuid, cursor);
  if (!page.ok()) return Failure(page.error());
  // The newest page on screen: the conversation is read up to its newest message.
  if (!cursor && !page->items.empty()) MarkRead(caller, group_uuid, page->items.back().created_at);
  std::string body;
  JsonWriter w(&body);
  w.BeginArray();
  for (const auto& m : page->items) {
    w.BeginObject();
    WriteMessage(w, m);
    w.EndObject();
  }
  w.EndArray();
  ApiResponse r = Json(200, std::move(body));
  AddCursor(page->before, &r);
  return r;
}

std::optional<MessagingApi::SendRequest> MessagingApi::ParseSend(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::object obj;
  if (parser.parse(body).get(obj) != simdjson::SUCCESS) return std::nullopt;
  auto text_of = [&](const char* key) {
    std::string_view v;
    return obj[key].get(v) == simdjson::SUCCESS ? std::string(v) : std::string();
  };
  return SendRequest{text_of("message"), text_of("message_group_uuid"), text_of("handle")};
}

AppResult<std::vector<std::string>> MessagingApi::ValidateSend(const User& caller,
                                                               const SendRequest& request,
                                                               UsersDb& users, SendTarget* target) {
  std::vector<std::string> codes = MessageTextErrors(request.message);
  if (request.group.empty() && request.handle.empty()) {
    codes.emplace_back("message_group_uuid_blank");
    codes.emplace_back("user_receiver_handle_blank");
  }
  if (request.group.empty() && !request.handle.empty()) {
    DDB_ASSIGN_OR_RETURN(target->receiver, users.FindByHandle(request.handle));
    if (!target->receiver) {
      codes.emplace_back("user_receiver_not_found");
    } else if (target->receiver->uuid == caller.uuid) {
      codes.emplace_back("user_receiver_is_self");
    }
  }
  if (!request.group.empty() && !IsUuid(request.group)) {
    codes.emplace_back("message_group_not_found");
  } else if (!request.group.empty()) {
    // One look at the conversation's rows: membership now, the other participant for later.
    DDB_ASSIGN_OR_RETURN(auto rows, repo_.InboxRows(request.group));
    auto mine = std::find_if(rows.begin(), rows.end(),
                             [&](const InboxRow& row) { return row.owner_uuid == caller.uuid; });
    if (mine == rows.end()) {
      codes.emplace_back("message_group_not_found");
    } else {
      target->other_handle = mine->entry.handle;
      target->other_uuid = mine->entry.user_uuid;
    }
  }
  return codes;
}

ApiResponse MessagingApi::Send(const User& caller, const std::string& body, UsersDb& users) {
  auto request = ParseSend(body);
  if (!request) return Error(400, "the body must be a JSON object");
  SendTarget target;
  auto codes = ValidateSend(caller, *request, users, &target);
  if (!codes.ok()) return Failure(codes.error());
  if (!codes->empty()) return Unprocessable(*codes);
  std::string out;
  JsonWriter w(&out);
  if (!request->group.empty()) {  // Pattern C: a reply.
    auto m = repo_.CreateMessage(request->group, caller, request->message);
    if (!m.ok()) return Failure(m.error());
    MarkRead(caller, request->group, m->created_at);  // One has read what one answers.
    Notify(target.other_handle);
    Announce(request->group, *m, {target.other_uuid, caller.uuid});
    w.BeginObject();
    WriteMessage(w, *m);
    w.EndObject();
    return Json(200, std::move(out));
  }
  // Pattern D: a new conversation, or a message in the one the two already have.
  auto c = repo_.CreateConversation(caller, *target.receiver, request->message);
  if (!c.ok()) return Failure(c.error());
  MarkRead(caller, c->group_uuid, c->message.created_at);
  Notify(target.receiver->handle);
  Announce(c->group_uuid, c->message, {target.receiver->uuid, caller.uuid});
  w.BeginObject();
  w.Member("message_group_uuid", c->group_uuid);
  WriteMessage(w, c->message);
  w.EndObject();
  return Json(c->created ? 201 : 200, std::move(out));
}

void MessagingApi::Notify(const std::string& handle) {
  // The unread count is a hint: a cache that is down must not fail a message that was sent.
  if (!handle.empty()) (void)unread_.Increment(handle);
}

void MessagingApi::MarkRead(const User& reader, const std::string& group_uuid,
                            const std::string& read_at) {
  // Read state is a hint too: a marker that was not written leaves the conversation unread.
  if (!repo_.MarkRead(reader.uuid, group_uuid, read_at).ok()) return;
  (void)unread_.Forget(reader.handle);
  if (hub_ == nullptr) return;
  std::string data;
  JsonWriter w(&data);
  w.BeginObject();
  w.Member("message_group_uuid", group_uuid);
  w.EndObject();
  hub_->Publish(reader.uuid, "read", data);
}

void MessagingApi::Announce(const std::string& group_uuid, const MessageEntry& m,
                            const std::vector<std::string>& user_uuids) {
  if (hub_ == nullptr) return;
  std::string data;
  JsonWriter w(&data);
  w.BeginObject();
  w.Member("message_group_uuid", group_uuid);
  w.Key("message");
  w.BeginObject();
  WriteMessage(w, m);
  w.EndObject();
  w.EndObject();
  for (const auto& uuid : user_uuids) {
    if (!uuid.empty()) hub_->Publish(uuid, "message", data, "message/" + m.uuid);
  }
}

AppResult<int64_t> MessagingApi::UnreadOf(const User& reader, const InboxEntry& row,
                                          const std::map<std::string, std::string>& markers,
                                          bool as_shown) {
  auto marker = markers.find(row.group_uuid);
  std::optional<std::string> read_at;
  if (marker != markers.end()) read_at = marker->second;
  // A row shows its conversation up to its last message: nothing newer was read than that.
  if (as_shown && read_at && *read_at >= row.created_at) return int64_t{0};
  return repo_.CountUnread(row.group_uuid, reader.uuid, read_at, kMaxUnread);
}

AppResult<int64_t> MessagingApi::TotalUnread(const User& reader) {
  DDB_ASSIGN_OR_RETURN(auto markers, repo_.ReadMarkers(reader.uuid));
  int64_t total = 0;
  std::optional<std::string> before;
  for (int page = 0; page < kMaxCountedPages; ++page) {
    DDB_ASSIGN_OR_RETURN(auto rows, repo_.ListInbox(reader.uuid, before));
    for (const auto& row : rows.items) {
      // Not as shown: a row moves to its newest message a moment after it arrives (spec §3
      // pattern E), and a cached total must not miss that message for 600 seconds.
      DDB_ASSIGN_OR_RETURN(int64_t unread, UnreadOf(reader, row, markers, false));
      total += unread;
    }
    before = rows.before;
    if (!before) break;
  }
  return total;
}

ApiResponse MessagingApi::Counter(const User& caller) {
  auto cached = unread_.Count(caller.handle);
  int64_t count = 0;
  if (cached.ok() && *cached) {
    count = **cached;
  } else {
    auto total = TotalUnread(caller);
    if (!total.ok()) return Failure(total.error());
    count = *total;
    (void)unread_.Set(caller.handle, count);
  }
  std::string body;
  JsonWriter w(&body);
  w.BeginObject();
  w.MemberInt("count", count);
  w.EndObject();
  return Json(200, std::move(body));
}

ApiResponse MessagingApi::UserShort(const std::string& handle, UsersDb& users) {
  auto user = users.FindByHandle(handle);
  if (!user.ok()) return Error(503, user.error().message);
  if (!*user) return Error(404, "user_not_found");
  std::string body;
  JsonWriter w(&body);
  w.BeginObject();
  w.Member("uuid", (*user)->uuid);
  w.Member("handle", (*user)->handle);
  w.Member("display_name", (*user)->display_name);
  w.EndObject();
  return Json(200, std::move(body));
}

ApiResponse MessagingApi::SearchUsers(const User& caller, const std::string& text, UsersDb& users) {
  constexpr int kMaxFound = 10;
  constexpr size_t kMaxText = 64;
  if (text.size() > kMaxText) return Error(400, "q must be at most 64 characters");
  std::vector<User> found;
  if (!text.empty()) {
    auto matches = users.Search(text, caller.uuid, kMaxFound);
    if (!matches.ok()) return Error(503, matches.error().message);
    found = std::move(matches).value();
  }
  std::string body;
  JsonWriter w(&body);
  w.BeginArray();
  for (const User& u : found) {
    w.BeginObject();
    w.Member("uuid", u.uuid);
    w.Member("handle", u.handle);
    w.Member("display_name", u.display_name);
    w.EndObject();
  }
  w.EndArray();
  return Json(200, std::move(body));
}

}  // namespace cruddur
