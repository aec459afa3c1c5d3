// PartiQL's tokens as DynamoDB reads them: identifiers (bare or "double-quoted"), 'string'
// literals ('' is a quote inside one), numbers, ? parameters, punctuation and the operators
// = <> != < <= > >= + - and the bag brackets << >>. Keywords are bare identifiers, matched
// without regard to case. Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ddb::partiql {

enum class TokenKind {
  kIdentifier,        // bare: a name or a keyword
  kQuotedIdentifier,  // "name": never a keyword; `text` is the name without quotes
  kString,            // 'text': `text` is the value, '' already turned into '
  kNumber,
  kParameter,  // ?
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kLBrace,
  kRBrace,
  kLBag,  // <<
  kRBag,  // >>
  kComma,
  kDot,
  kColon,
  kStar,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kPlus,
  kMinus,
  kSemicolon,
  kInvalid,  // a character no token starts with, or an unterminated quote
  kEnd,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;  // As described per kind; the source text for the others.
  size_t offset = 0;
  size_t length = 0;  // Of its source text, quotes included.
  size_t line = 1;    // Where it starts, from 1 (for the service's " at line:column:length").
  size_t column = 1;
  bool reserved = false;  // A kIdentifier that is one of the dialect's reserved words.
};

// " at <line>:<column>:<length>": where the service's semantic errors say the token is.
std::string PositionOf(const Token& token);

// Splits `statement`; the last token is always kEnd. Comments (-- to the end of a line, and
// /* ... */) are skipped as whitespace.
std::vector<Token> Tokenize(std::string_view statement);

// True if `token` is the bare keyword `keyword` (which is given in upper case).
bool IsKeyword(const Token& token, std::string_view keyword);

// Whether a bare identifier is one of the words a name may not be without quotes (the statement
// words and the operators), in any case.
bool IsReservedWord(std::string_view identifier);

}  // namespace ddb::partiql
