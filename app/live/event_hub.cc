#include "live/event_hub.h"

#include <algorithm>
#include <iterator>

#include "core/uuid.h"

namespace cruddur {
namespace {

constexpr size_t kPruneAbove = 10000;  // Users kept with no open stream.

}  // namespace

EventHub::EventHub() : id_(ddb::RandomUuid().substr(0, 8)) {}

std::optional<size_t> EventHub::ResumeAt(const User& user, const std::string& last_event_id) const {
  const std::string prefix = id_ + "-";
  if (!last_event_id.starts_with(prefix)) return std::nullopt;
  const std::string digits = last_event_id.substr(prefix.size());
  if (digits.empty() || digits.size() > 19 ||
      digits.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  const uint64_t seen = std::stoull(digits);
  // Everything after `seen` must still be kept: the oldest kept one at most one after it.
  if (!user.recent.empty() && user.recent.front().n > seen + 1) return std::nullopt;
  size_t at = 0;
  while (at < user.recent.size() && user.recent[at].n <= seen) ++at;
  return at;
}

std::shared_ptr<ddb::http::EventStream> EventHub::Subscribe(const std::string& user_uuid,
                                                            const std::string& last_event_id) {
  auto stream = std::make_shared<ddb::http::EventStream>();
  std::lock_guard lock(mu_);
  User& user = users_[user_uuid];
  // The retry interval for the browser, then what the page missed, if anything.
  stream->Push("retry: 2000\n\n");
  if (!last_event_id.empty()) {
    if (auto at = ResumeAt(user, last_event_id)) {
      for (size_t i = *at; i < user.recent.size(); ++i) stream->Push(user.recent[i].text);
    } else {
      stream->Push("event: resync\ndata: {}\n\n");
    }
  }
  std::erase_if(user.streams, [](const auto& s) { return s.expired(); });
  user.streams.push_back(stream);
  Prune();
  return stream;
}

void EventHub::Publish(const std::string& user_uuid, const std::string& event,
                       const std::string& data, const std::string& key) {
  std::vector<std::shared_ptr<ddb::http::EventStream>> open;
  std::string text;
  {
    std::lock_guard lock(mu_);
    User& user = users_[user_uuid];
    if (!key.empty() && std::any_of(user.recent.begin(), user.recent.end(),
                                    [&key](const Sent& s) { return s.key == key; })) {
      return;
    }
    const uint64_t n = next_++;
    text =
        "id: " + id_ + "-" + std::to_string(n) + "\nevent: " + event + "\ndata: " + data + "\n\n";
    user.recent.push_back({n, key, text});
    if (user.recent.size() > kKept) user.recent.pop_front();
    std::erase_if(user.streams, [](const auto& s) { return s.expired(); });
    for (const auto& weak : user.streams) {
      if (auto s = weak.lock()) open.push_back(std::move(s));
    }
  }
  for (const auto& s : open) s->Push(text);  // Outside the lock: a Push wakes a session.
}

size_t EventHub::streams() const {
  std::lock_guard lock(mu_);
  size_t n = 0;
  for (const auto& [uuid, user] : users_) {
    for (const auto& s : user.streams) {
      auto open = s.lock();
      if (open && !open->closed()) ++n;
    }
  }
  return n;
}

void EventHub::Prune() {
  if (users_.size() <= kPruneAbove) return;
  for (auto it = users_.begin(); it != users_.end();) {
    auto& streams = it->second.streams;
    std::erase_if(streams, [](const auto& s) { return s.expired(); });
    it = streams.empty() ? users_.erase(it) : std::next(it);
  }
}

}  // namespace cruddur
