// bin/ddb/patterns/*: access patterns A and B by hand, printed as the seed's scripts print them.
#include <simdjson.h>

#include <ctime>
#include <iostream>

#include "cli/commands.h"
#include "cli/output.h"
#include "client/protocol/dynamodb_json.h"
#include "messaging/messages_repo.h"
#include "seed/seed.h"

namespace cruddur {
namespace {

// Sends `q` and returns the answer as the service wrote it (the scripts print it).
AppResult<std::string> Query(Context& ctx, const ddb::client::QueryRequest& q) {
  DDB_ASSIGN_OR_RETURN(auto* client, ctx.Dynamo());
  auto answer = client->Call("Query", ddb::client::ToJson(q));
  if (!answer.ok()) return AppError::FromClient(answer.error());
  return std::move(answer).value();
}

// "2023-03-27 07:50 PM": the sort key's time as written, in its own offset (Python's
// fromisoformat(sk).strftime('%Y-%m-%d %I:%M %p')); the key itself if it is not a time.
std::string ShortTime(const std::string& sk) {
  std::tm tm{};
  int n = 0;
  if (std::sscanf(sk.c_str(), "%4d-%2d-%2dT%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &n) != 5 ||
      n != 16) {
    return sk;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%d %I:%M %p", &tm);
  return buf;
}

size_t Utf8Chars(const std::string& s) {
  size_t count = 0;
  for (unsigned char c : s) count += (c & 0xc0) != 0x80;
  return count;
}

// The first `n` characters of UTF-8 `text`.
std::string FirstChars(const std::string& text, size_t n) {
  size_t i = 0;
  for (size_t count = 0; i < text.size() && count < n; ++count) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xc0) == 0x80) ++i;
  }
  return text.substr(0, i);
}

// Pads to `width` characters (not bytes), as Python's f'{s: <width}'.
std::string PadRight(const std::string& s, size_t width) {
  const size_t chars = Utf8Chars(s);
  return chars >= width ? s : s + std::string(width - chars, ' ');
}

AppResult<int> GetConversation(Context& ctx) {
  DDB_ASSIGN_OR_RETURN(auto* client, ctx.Dynamo());
  const auto request = MessagesRepo(*client).ConversationQuery(kSeedGroupUuid);
  DDB_ASSIGN_OR_RETURN(std::string answer, Query(ctx, request));
  DDB_ASSIGN_OR_RETURN(std::string pretty, PrettyJson(answer, kPythonJson));
  std::cout << pretty << "\n";
  simdjson::dom::parser parser;
  simdjson::dom::element capacity;
  if (parser.parse(answer)["ConsumedCapacity"].get(capacity) == simdjson::SUCCESS) {
    DDB_ASSIGN_OR_RETURN(std::string c, PrettyJson(simdjson::minify(capacity), kPythonJson));
    std::cout << c << "\n";
  }
  auto page = ddb::client::DecodeItemPage(answer);
  if (!page.ok()) return AppError::FromClient(page.error());
  for (auto it = page->items.rbegin(); it != page->items.rend(); ++it) {
    const MessageEntry m = ToMessage(*it);
    std::cout << PadRight(m.handle, 12) << PadRight(ShortTime(m.created_at), 22)
              << FirstChars(m.message, 40) << "...\n";
  }
  return 0;
}

AppResult<int> ListConversations(Context& ctx) {
  DDB_ASSIGN_OR_RETURN(auto users, ctx.Users());
  DDB_ASSIGN_OR_RETURN(auto me, users->FindByHandle("andrewbrown"));
  if (!me) {
    return AppError::NotFound("user andrewbrown is not in the users database: run bin/db/setup");
  }
  std::cout << "my-uuid: " << me->uuid << "\n";
  DDB_ASSIGN_OR_RETURN(auto* client, ctx.Dynamo());
  DDB_ASSIGN_OR_RETURN(std::string answer, Query(ctx, MessagesRepo(*client).InboxQuery(me->uuid)));
  DDB_ASSIGN_OR_RETURN(std::string pretty, PrettyJson(answer, kPythonJson));
  std::cout << pretty << "\n";
  return 0;
}

}  // namespace

void AddDdbPatternCommands(std::vector<Command>* out) {
  out->push_back({"ddb patterns get-conversation", "[prod]",
                  "pattern A: the seeded conversation's latest 20 messages", GetConversation});
  out->push_back({"ddb patterns list-conversations", "[prod]",
                  "pattern B: andrewbrown's conversations", ListConversations});
}

}  // namespace cruddur
