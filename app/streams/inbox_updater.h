// InboxUpdater: access pattern E (spec §3). For a new message item, moves each group item of
// its conversation (one per participant, found through the group index) to the message's time
// and text, in one transaction per group item (delete at the old sort key, put at the new one),
// so no reader ever finds an inbox row missing; only if the message is newer than what the row
// holds, so a late or repeated record never moves an inbox backwards. Idempotent. Thread-safe.
#pragma once

#include <vector>

#include "common/app_error.h"
#include "core/value.h"
#include "messaging/messages_repo.h"

namespace cruddur {

class InboxUpdater {
 public:
  explicit InboxUpdater(MessagesRepo& repo) : repo_(repo) {}

  // Applies one stream record's new image. Items that are not messages (group items, pair
  // items) are ignored, as REMOVE records are by the caller.
  AppStatus OnNewImage(const ddb::Item& image);

  // Applies a batch of new images: only the newest message of each conversation matters (an
  // inbox row shows the last one), so each conversation is moved once, and conversations are
  // moved concurrently (up to `parallel` at a time). The first error is returned; the others
  // were still attempted, and applying the batch again is harmless.
  AppStatus OnNewImages(const std::vector<ddb::Item>& images, int parallel = 8);

 private:
  // Moves the conversation's rows that are older than `m` to it.
  AppStatus Move(const StoredMessage& m);
  MessagesRepo& repo_;
};

}  // namespace cruddur
