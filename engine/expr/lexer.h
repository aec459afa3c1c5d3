// Lexer for DynamoDB expressions: splits an expression into tokens, remembering each token's
// position so that syntax errors can quote the token and its neighbourhood as DynamoDB does.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace ddb::expr {

enum class TokenKind {
  kName,              // attribute name or keyword (AND, SET, BETWEEN, ...) or function name
  kNamePlaceholder,   // #name
  kValuePlaceholder,  // :value
  kNumber,            // digits, only valid as a list index
  kDot,
  kComma,
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kPlus,
  kMinus,
  kInvalid,  // a character that starts no token; the parser reports it as a syntax error
  kEnd,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string_view text;  // Points into the expression.
  size_t offset = 0;
};

// Tokenizes `text`; the last token is always kEnd. A character that starts no token becomes a
// kInvalid token, so that the parser reports it with its neighbours as DynamoDB does.
std::vector<Token> Tokenize(std::string_view text);

// True if `word` equals `keyword` ignoring ASCII case.
bool IsKeyword(std::string_view word, std::string_view keyword);

// True if `word` is one of DynamoDB's reserved words (case-insensitive).
bool IsReservedWord(std::string_view word);

}  // namespace ddb::expr
