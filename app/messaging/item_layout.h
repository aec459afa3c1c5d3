// The key layout of the messages table (spec §2), for MessagesRepo's own files only: an inbox
// row is in its owner's partition ("GRP#<user uuid>"), a message in its conversation's
// ("MSG#<group uuid>"), a read marker in its reader's ("READ#<user uuid>", sort key the group).
// Nothing outside messaging/messages_repo*.cc includes it.
#pragma once

#include <string>
#include <string_view>

#include "core/value.h"

namespace cruddur::layout {

inline constexpr std::string_view kGroupPrefix = "GRP#";
inline constexpr std::string_view kMessagesPrefix = "MSG#";
inline constexpr std::string_view kReadPrefix = "READ#";

inline std::string Group(const std::string& user_uuid) {
  return std::string(kGroupPrefix) + user_uuid;
}
inline std::string Messages(const std::string& group_uuid) {
  return std::string(kMessagesPrefix) + group_uuid;
}
inline std::string Reads(const std::string& user_uuid) {
  return std::string(kReadPrefix) + user_uuid;
}

inline ddb::Value S(std::string text) { return ddb::Value::S(std::move(text)); }

}  // namespace cruddur::layout
