// Result<T> and Status: errors as values on the request path.
//
// A Result<T> holds either a T or an ApiError; a Status holds nothing or an ApiError. Both are
// [[nodiscard]]: ignoring an error is a compile error under -Werror. No function on the request
// path throws; exceptions from libraries are caught at their boundary and turned into ApiError.
// Code that is not a server request path (the DynamoDB client, the application) names its own
// error type: Result<T, E> and StatusOf<E>.
#pragma once

#include <optional>
#include <utility>
#include <variant>

#include "core/api_error.h"

namespace ddb {

template <class E>
class [[nodiscard]] StatusOf {
 public:
  StatusOf() = default;
  StatusOf(E e) : error_(std::move(e)) {}  // NOLINT: implicit by design, like absl::Status.
  static StatusOf OK() { return {}; }

  bool ok() const { return !error_.has_value(); }
  // REQUIRES: !ok().
  const E& error() const& { return *error_; }
  E&& error() && { return std::move(*error_); }

 private:
  std::optional<E> error_;
};

using Status = StatusOf<ApiError>;

template <class T, class E = ApiError>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT
  Result(E e) : v_(std::in_place_index<1>, std::move(e)) {}          // NOLINT
  Result(StatusOf<E> s)
      : v_(std::in_place_index<1>, std::move(s).error()) {}  // NOLINT: REQUIRES !s.ok()

  bool ok() const { return v_.index() == 0; }
  // REQUIRES: ok().
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return std::get<0>(v_); }
  const T& operator*() const { return std::get<0>(v_); }
  // REQUIRES: !ok().
  const E& error() const& { return std::get<1>(v_); }
  E&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, E> v_;
};

}  // namespace ddb

// Returns the error of `expr` (a Status or Result) from the enclosing function.
#define DDB_RETURN_IF_ERROR(expr)                                 \
  do {                                                            \
    auto ddb_status_ = (expr);                                    \
    if (!ddb_status_.ok()) return std::move(ddb_status_).error(); \
  } while (0)

#define DDB_CONCAT_INNER(a, b) a##b
#define DDB_CONCAT(a, b) DDB_CONCAT_INNER(a, b)
// `DDB_ASSIGN_OR_RETURN(auto x, F())`: binds the value or returns the error.
#define DDB_ASSIGN_OR_RETURN(lhs, expr) \
  DDB_ASSIGN_OR_RETURN_IMPL(DDB_CONCAT(ddb_result_, __LINE__), lhs, expr)
// NOLINTBEGIN(bugprone-macro-parentheses): `lhs` is a declaration, `tmp` a fresh name.
#define DDB_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return std::move(tmp).error();   \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)
