// EventHub: what the signed-in users' open pages are told as it happens (GET /api/events,
// Server-Sent Events). Subscribe() opens a user's stream; Publish() sends an event to every
// stream of that user. Each event has an id "<hub>-<n>" (the hub's random id, a count); a page
// reconnecting with the Last-Event-ID of this hub gets what it missed from the last kKept events
// of its user, and one from another process (or older than that) gets `event: resync`, which
// tells it to fetch its data again. An event published twice under one key (a message seen both
// when sent and on the table's stream) goes out once. Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "http/event_stream.h"

namespace cruddur {

class EventHub {
 public:
  static constexpr size_t kKept = 64;  // Recent events per user, for reconnects.

  EventHub();

  // A new stream of `user_uuid`'s events, starting with what followed `last_event_id` (empty:
  // nothing before now).
  std::shared_ptr<ddb::http::EventStream> Subscribe(const std::string& user_uuid,
                                                    const std::string& last_event_id);
  // Sends `event` with `data` (one line of JSON) to each of `user_uuid`'s streams, unless an
  // event of the same non-empty `key` was published to that user already.
  void Publish(const std::string& user_uuid, const std::string& event, const std::string& data,
               const std::string& key = "");
  // Open streams, for the health check and tests.
  size_t streams() const;

 private:
  struct Sent {
    uint64_t n;
    std::string key;
    std::string text;  // As written: "id: ...\nevent: ...\ndata: ...\n\n".
  };
  struct User {
    std::vector<std::weak_ptr<ddb::http::EventStream>> streams;
    std::deque<Sent> recent;
  };
  // Where `last_event_id` (of this hub) leaves off in `user`, or nullopt if it cannot tell.
  std::optional<size_t> ResumeAt(const User& user, const std::string& last_event_id) const;
  void Prune();  // Drops users with no stream once there are many. REQUIRES: mu_ held.

  const std::string id_;  // This hub's (process's) random id.
  mutable std::mutex mu_;
  uint64_t next_ = 1;
  std::map<std::string, User> users_;
};

}  // namespace cruddur
