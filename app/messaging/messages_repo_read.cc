// MessagesRepo's read state: the markers of what each participant has read, and the count of
// what they have not.
#include "messaging/item_layout.h"
#include "messaging/messages_repo.h"

namespace cruddur {

using layout::S;

ddb::Item MessagesRepo::ReadMarkerItem(const std::string& user_uuid, const std::string& group_uuid,
                                       const std::string& read_at) {
  return {{"pk", S(layout::Reads(user_uuid))}, {"sk", S(group_uuid)}, {"read_at", S(read_at)}};
}

AppStatus MessagesRepo::MarkRead(const std::string& user_uuid, const std::string& group_uuid,
                                 const std::string& read_at) {
  auto put = client_.PutItem({.table = table_,
                              .item = ReadMarkerItem(user_uuid, group_uuid, read_at),
                              .condition = "attribute_not_exists(read_at) OR read_at < :t",
                              .expressions = {{}, {{":t", S(read_at)}}}});
  // A marker already at or past `read_at`: someone read further meanwhile.
  if (put.ok() || put.error().IsConditionFailed()) return AppStatus::OK();
  return AppError::FromClient(put.error());
}

AppResult<std::map<std::string, std::string>> MessagesRepo::ReadMarkers(
    const std::string& user_uuid) {
  auto items = client_.QueryAll({.table = table_,
                                 .key_condition = "pk = :pk",
                                 .expressions = {{}, {{":pk", S(layout::Reads(user_uuid))}}}});
  if (!items.ok()) return AppError::FromClient(items.error());
  std::map<std::string, std::string> markers;
  for (const auto& item : *items) {
    markers.emplace(ddb::StringOf(item, "sk"), ddb::StringOf(item, "read_at"));
  }
  return markers;
}

AppResult<int64_t> MessagesRepo::CountUnread(const std::string& group_uuid,
                                             const std::string& reader_uuid,
                                             const std::optional<std::string>& after, int64_t cap) {
  ddb::client::QueryRequest q{
      .table = table_,
      .key_condition = "pk = :pk",
      .filter = "user_uuid <> :me",
      .projection = "sk",
      .expressions = {{}, {{":pk", S(layout::Messages(group_uuid))}, {":me", S(reader_uuid)}}}};
  if (after) {
    q.key_condition += " AND sk > :after";
    q.expressions.values.emplace(":after", S(*after));
  }
  auto items = client_.QueryAll(std::move(q), static_cast<size_t>(cap));
  if (!items.ok()) return AppError::FromClient(items.error());
  return static_cast<int64_t>(items->size());
}

}  // namespace cruddur
