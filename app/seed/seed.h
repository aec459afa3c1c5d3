// The seeded conversation (spec §4, bin/ddb/seed): users andrewbrown ("Person 1") and bayko
// ("Person 2") in group 5ae290ed-55d1-47a0-bc6d-fe2bc2700399, one message per line of
// seed/dialogue.txt, line i dated base + i minutes with the base a day in the past.
//
// Idempotent and resumable: the pair item of the two users is written first and records the
// base time, every other key is derived from it, and the pair item is marked complete last; a
// second run finds it complete and writes nothing, an interrupted one finishes the same items.
#pragma once

#include <string>
#include <vector>

#include "client/dynamodb_client.h"
#include "common/app_error.h"
#include "users/users_db.h"

namespace cruddur {

inline constexpr const char* kSeedGroupUuid = "5ae290ed-55d1-47a0-bc6d-fe2bc2700399";

// The dialogue's lines as (speaker 1 or 2, text).
const std::vector<std::pair<int, std::string>>& SeedDialogue();

struct SeedOutcome {
  int messages_written = 0;
  bool already_seeded = false;
  std::string note;  // One line for the user.
};

// Seeds `table`. NotFound if either seed user is missing from the users database.
AppResult<SeedOutcome> SeedConversation(ddb::client::DynamoDbClient& client, UsersDb& users,
                                        const std::string& table);

}  // namespace cruddur
