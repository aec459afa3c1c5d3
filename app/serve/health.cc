#include "serve/health.h"

#include "core/json_writer.h"
#include "messaging/tables.h"

namespace cruddur {
namespace {

using ddb::JsonWriter;

// Writes `"ok": ...` and, on failure, `"error": message`; returns whether it succeeded.
bool WriteOutcome(JsonWriter& w, const AppStatus& status) {
  w.MemberBool("ok", status.ok());
  if (!status.ok()) w.Member("error", status.error().message);
  return status.ok();
}

AppStatus CheckTable(const HealthSources& s) {
  DDB_ASSIGN_OR_RETURN(std::string status, TableStatus(*s.client, s.table));
  if (status != "ACTIVE") {
    return AppError::Unavailable("table " + s.table + " is " +
                                 (status.empty() ? std::string("missing") : status));
  }
  return AppStatus::OK();
}

AppStatus CheckUsers(UsersDbPool& pool) {
  DDB_ASSIGN_OR_RETURN(auto lease, pool.Acquire());
  auto has = lease->HasSchema();
  if (!has.ok()) {
    lease.Discard();
    return has.error();
  }
  if (!*has) return AppError::Unavailable("the users table is missing: run bin/db/setup");
  return AppStatus::OK();
}

}  // namespace

ApiResponse CheckHealth(const HealthSources& s) {
  std::string body;
  JsonWriter w(&body);
  bool ok = true;
  w.BeginObject();
  w.Key("database");
  w.BeginObject();
  ok &= WriteOutcome(w, CheckTable(s));
  w.Member("endpoint", s.client->endpoint().url);
  w.Member("table", s.table);
  w.EndObject();

  w.Key("users_db");
  w.BeginObject();
  ok &= WriteOutcome(w, CheckUsers(*s.users));
  w.Member("location", s.users->location().Describe());
  w.EndObject();

  w.Key("stream_processor");
  w.BeginObject();
  if (s.processor == nullptr) {
    w.MemberBool("ok", true);
    w.MemberBool("in_process", false);
  } else {
    StreamProcessor::Health h = s.processor->Status();
    bool fine = h.running && h.last_error.empty();
    ok &= fine;
    w.MemberBool("ok", fine);
    w.MemberBool("in_process", true);
    w.MemberBool("running", h.running);
    w.MemberInt("records_processed", h.records_processed);
    w.Member("last_record_at", h.last_record_at);
    if (!h.last_error.empty()) w.Member("error", h.last_error);
  }
  w.EndObject();

  w.Key("unread_counter");
  w.BeginObject();
  auto probe = s.unread->Count("health-check");
  ok &= WriteOutcome(w, probe.ok() ? AppStatus::OK() : AppStatus(probe.error()));
  w.Member("backend", s.unread->Describe());
  w.EndObject();

  w.Member("status", ok ? "ok" : "degraded");
  w.EndObject();
  return ApiResponse{ok ? 200 : 503, std::move(body), {}};
}

}  // namespace cruddur
