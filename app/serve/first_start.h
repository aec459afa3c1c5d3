// What `cruddur serve` (and `bin/db/setup`) need in place before the first request, created on a
// first start and left alone afterwards: the users database with its table and the seed users,
// the seed users' local identities linked to their rows, and the messages table with the seeded
// conversation. Every step is idempotent, so a start interrupted half-way finishes next time.
#pragma once

#include <string>
#include <vector>

#include "client/dynamodb_client.h"
#include "common/app_error.h"
#include "identity/identity_pool.h"
#include "users/users_db.h"

namespace cruddur {

// Creates the database (an SQLite file; PostgreSQL's must exist), the users table when missing
// and adds the seed users that are not there. Never replaces existing rows or tables.
AppStatus EnsureUsersDb(const UsersDbLocation& where);

// Gives every seed user an identity in the local pool (password SeedPassword()), once.
AppStatus EnsureLocalIdentities(LocalIdentityPool& pool);

// Copies each identity's sub into users.cognito_user_id (identities without a user are skipped).
// Returns the identities linked, for the caller to report.
AppResult<std::vector<Identity>> LinkIdentities(IdentityPool& pool, UsersDb& users);

// Creates `table` (messages_repo.h's schema) when missing, waits until it is ACTIVE (up to a
// minute, for the real service), and seeds the conversation (seed/seed.h). Returns a line
// describing what was done.
AppResult<std::string> EnsureMessagesTable(ddb::client::DynamoDbClient& client, UsersDb& users,
                                           const std::string& table);

}  // namespace cruddur
