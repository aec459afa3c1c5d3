// The parser's cursor over a statement's tokens, and its syntax errors, shared by the
// statement parser (parser.cc) and the expression parser (parse_expr.cc). Binds each ? to the
// next of the request's Parameters as it is read. Thread-compatible; lives for one parse.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/value.h"
#include "partiql/lexer.h"

namespace ddb::partiql {

class TokenStream {
 public:
  TokenStream(std::vector<Token> tokens, const std::vector<Value>& parameters)
      : tokens_(std::move(tokens)), parameters_(parameters) {}

  const Token& Peek(size_t ahead = 0) const {
    size_t i = pos_ + ahead;
    return tokens_[i < tokens_.size() ? i : tokens_.size() - 1];
  }
  const Token& Next() {
    const Token& t = Peek();
    if (t.kind != TokenKind::kEnd) ++pos_;
    return t;
  }
  bool At(TokenKind kind) const { return Peek().kind == kind; }
  bool AtKeyword(std::string_view keyword) const { return IsKeyword(Peek(), keyword); }
  // Consumes the token if it is `kind` / the keyword.
  bool Accept(TokenKind kind) {
    if (!At(kind)) return false;
    Next();
    return true;
  }
  bool AcceptKeyword(std::string_view keyword) {
    if (!AtKeyword(keyword)) return false;
    Next();
    return true;
  }
  Status Expect(TokenKind kind) {
    if (Accept(kind)) return Status::OK();
    return Unexpected();
  }
  Status ExpectKeyword(std::string_view keyword, std::string_view detail) {
    if (AcceptKeyword(keyword)) return Status::OK();
    return Syntax(detail);
  }

  // Nesting of parentheses, NOT, calls and literal lists, maps and sets, bounded so that no
  // statement can exhaust the stack: a statement of 8192 characters could otherwise nest 8000
  // levels deep. Call Leave() after each successful Enter().
  static constexpr int kMaxNesting = 64;
  Status Enter() {
    if (++depth_ > kMaxNesting) return Syntax("Expression nesting exceeds the supported depth");
    return Status::OK();
  }
  void Leave() { --depth_; }

  // The next parameter's value (for a ?), in order.
  Result<Value> BindParameter() {
    if (bound_ >= parameters_.size()) return ParameterCountMismatch();
    return parameters_[bound_++];
  }
  size_t bound() const { return bound_; }

  // DynamoDB's syntax error: "Statement wasn't well formed, can't be processed: <detail>".
  static constexpr std::string_view kSyntaxPrefix =
      "Statement wasn't well formed, can't be processed: ";
  static ApiError Syntax(std::string_view detail) {
    return ApiError::Validation(std::string(kSyntaxPrefix) + std::string(detail));
  }
  static ApiError ParameterCountMismatch() {
    return ApiError::Validation("Number of parameters in request and statement don't match.");
  }
  // The error for the token at the cursor where something else was expected.
  ApiError Unexpected() const {
    const Token& t = Peek();
    switch (t.kind) {
      case TokenKind::kEnd:
        return Syntax("Unexpected end of input");
      case TokenKind::kIdentifier:
        return Syntax(IsReserved(t) ? "Unexpected keyword" : "Unexpected term");
      default:
        return Syntax("Unexpected token");
    }
  }
  // Whether the bare identifier `t` is one of the dialect's keywords (not usable as a name
  // without quotes).
  static bool IsReserved(const Token& t);

 private:
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  const std::vector<Value>& parameters_;
  size_t bound_ = 0;
  int depth_ = 0;
};

// Enter() for a scope, Leave() at its end: `DDB_RETURN_IF_ERROR(nested.status())` first thing.
class NestingGuard {
 public:
  explicit NestingGuard(TokenStream& in) : in_(in), status_(in.Enter()) {}
  ~NestingGuard() { in_.Leave(); }
  NestingGuard(const NestingGuard&) = delete;
  NestingGuard& operator=(const NestingGuard&) = delete;
  const Status& status() const { return status_; }

 private:
  TokenStream& in_;
  Status status_;
};

}  // namespace ddb::partiql
