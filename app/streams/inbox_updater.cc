#include "streams/inbox_updater.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "messaging/ddb_json.h"

namespace cruddur {
namespace {

constexpr int kMaxRounds = 8;

}  // namespace

AppStatus InboxUpdater::OnNewImage(const ddb::Item& image) {
  const std::string pk = StringOf(image, "pk");
  if (!pk.starts_with("MSG#")) return AppStatus::OK();
  const std::string group_uuid = pk.substr(4);
  const std::string sk = StringOf(image, "sk");
  const std::string message = StringOf(image, "message");
  // A concurrent move of the same row cancels our transaction; the next round sees its result.
  for (int round = 0; round < kMaxRounds; ++round) {
    DDB_ASSIGN_OR_RETURN(auto rows, repo_.GroupItems(group_uuid));
    bool retry = false;
    for (const auto& row : rows) {
      if (StringOf(row, "sk") >= sk) continue;  // Already as new or newer.
      auto moved = MoveGroupItem(row, sk, message);
      if (!moved.ok()) {
        if (moved.error().kind != AppError::Kind::kConflict) return moved;
        retry = true;
      }
    }
    if (!retry) return AppStatus::OK();
  }
  return AppError::Unavailable("inbox rows of conversation " + group_uuid + " kept changing");
}

AppStatus InboxUpdater::OnNewImages(const std::vector<ddb::Item>& images, int parallel) {
  std::map<std::string, const ddb::Item*> newest;  // By conversation.
  for (const auto& image : images) {
    const std::string pk = StringOf(image, "pk");
    if (!pk.starts_with("MSG#")) continue;
    auto [it, added] = newest.emplace(pk, &image);
    if (!added && StringOf(*it->second, "sk") < StringOf(image, "sk")) it->second = &image;
  }
  std::vector<const ddb::Item*> work;
  work.reserve(newest.size());
  for (const auto& [pk, image] : newest) work.push_back(image);
  std::atomic<size_t> next{0};
  std::mutex mu;
  AppStatus first_error = AppStatus::OK();
  auto worker = [&] {
    for (size_t i = next++; i < work.size(); i = next++) {
      AppStatus status = OnNewImage(*work[i]);
      std::lock_guard lock(mu);
      if (!status.ok() && first_error.ok()) first_error = status;
    }
  };
  const size_t threads = std::min(work.size(), static_cast<size_t>(std::max(parallel, 1)));
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  return first_error;
}

AppStatus InboxUpdater::MoveGroupItem(const ddb::Item& group_item, const std::string& sk,
                                      const std::string& message) {
  ddb::Item moved = group_item;
  moved["sk"] = S(sk);
  moved["message"] = S(message);
  ddb::Item old_key{{"pk", group_item.at("pk")}, {"sk", group_item.at("sk")}};
  const std::string body =
      TransactWriteJson(repo_.table(), {{false, std::move(old_key), "attribute_exists(pk)"},
                                        {true, std::move(moved), "attribute_not_exists(pk)"}});
  auto answer = client_.Call("TransactWriteItems", body);
  if (answer.ok()) return AppStatus::OK();
  if (answer.error().type == "TransactionCanceledException" ||
      answer.error().type == "TransactionConflictException") {
    return AppError::Conflict("the inbox row moved meanwhile");
  }
  return AppError::FromClient(answer.error());
}

}  // namespace cruddur
