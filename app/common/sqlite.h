// A prepared SQLite statement, finalized on destruction; the one way the application binds
// parameters (never by assembling SQL text). Used by one thread at a time.
#pragma once

#include <sqlite3.h>

#include <string>

namespace cruddur {

class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, const std::string& sql) {
    sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr);
  }
  ~SqliteStatement() { sqlite3_finalize(stmt_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // False if the SQL did not compile (sqlite3_errmsg says why).
  bool ok() const { return stmt_ != nullptr; }
  // Binds text to parameter ?`index` (1-based).
  SqliteStatement& Bind(int index, const std::string& text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE, or an error code.
  int Step() { return sqlite3_step(stmt_); }
  // Column `i` of the current row as text ("" for NULL).
  std::string Column(int i) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
    return text ? text : "";
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace cruddur
