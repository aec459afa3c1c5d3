// AppError: the one error type of the Cruddur application (users database, data access, CLI,
// HTTP API). Its message is one line a person can act on; the kind lets the HTTP API choose a
// status without inspecting text.
#pragma once

#include <string>

#include "client/error.h"
#include "core/result.h"

namespace cruddur {

struct AppError {
  enum class Kind {
    kInvalid,      // The caller asked for something impossible (bad input, unknown user).
    kNotFound,     // What was named does not exist.
    kConflict,     // A uniqueness rule refused it (handle or email taken).
    kUnavailable,  // A database or service could not be reached.
    kInternal,     // Anything else: a bug or a corrupt answer.
  };
  Kind kind = Kind::kInternal;
  std::string message;

  static AppError Invalid(std::string m) { return {Kind::kInvalid, std::move(m)}; }
  static AppError NotFound(std::string m) { return {Kind::kNotFound, std::move(m)}; }
  static AppError Conflict(std::string m) { return {Kind::kConflict, std::move(m)}; }
  static AppError Unavailable(std::string m) { return {Kind::kUnavailable, std::move(m)}; }
  static AppError Internal(std::string m) { return {Kind::kInternal, std::move(m)}; }

  // A DynamoDB client error, classified: no answer = unavailable; a missing table =
  // not found; anything else the service refused = internal (our request was wrong).
  static AppError FromClient(const ddb::client::ClientError& e);
};

template <class T>
using AppResult = ddb::Result<T, AppError>;
using AppStatus = ddb::StatusOf<AppError>;

}  // namespace cruddur
