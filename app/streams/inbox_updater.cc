#include "streams/inbox_updater.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

namespace cruddur {
namespace {

constexpr int kMaxRounds = 8;

}  // namespace

AppStatus InboxUpdater::OnNewImage(const ddb::Item& image) {
  auto m = MessagesRepo::MessageOfImage(image);
  return m ? Move(*m) : AppStatus::OK();
}

AppStatus InboxUpdater::Move(const StoredMessage& m) {
  // A concurrent move of the same row cancels our transaction; the next round sees its result.
  for (int round = 0; round < kMaxRounds; ++round) {
    DDB_ASSIGN_OR_RETURN(auto rows, repo_.InboxRows(m.group_uuid));
    bool retry = false;
    for (const auto& row : rows) {
      if (row.entry.created_at >= m.message.created_at) continue;  // Already as new or newer.
      auto moved = repo_.MoveInboxRow(row, m);
      if (!moved.ok()) {
        if (moved.error().kind != AppError::Kind::kConflict) return moved;
        retry = true;
      }
    }
    if (!retry) return AppStatus::OK();
  }
  return AppError::Unavailable("inbox rows of conversation " + m.group_uuid + " kept changing");
}

AppStatus InboxUpdater::OnNewImages(const std::vector<ddb::Item>& images, int parallel) {
  std::map<std::string, StoredMessage> newest;  // By conversation.
  for (const auto& image : images) {
    auto m = MessagesRepo::MessageOfImage(image);
    if (!m) continue;
    auto [it, added] = newest.emplace(m->group_uuid, *m);
    if (!added && it->second.message.created_at < m->message.created_at) it->second = *m;
  }
  std::vector<const StoredMessage*> work;
  work.reserve(newest.size());
  for (const auto& [group, m] : newest) work.push_back(&m);
  std::atomic<size_t> next{0};
  std::mutex mu;
  AppStatus first_error = AppStatus::OK();
  auto worker = [&] {
    for (size_t i = next++; i < work.size(); i = next++) {
      AppStatus status = Move(*work[i]);
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

}  // namespace cruddur
