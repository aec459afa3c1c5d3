#include "partiql/lexer.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace ddb::partiql {
namespace {

bool IdentifierStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}
bool IdentifierPart(char c) {
  return IdentifierStart(c) || std::isdigit(static_cast<unsigned char>(c));
}
bool Digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// The length of the comment or whitespace run at `s`, 0 if none. An unterminated /* comment
// runs to the end.
size_t Skippable(std::string_view s) {
  if (s.empty()) return 0;
  if (std::isspace(static_cast<unsigned char>(s[0]))) return 1;
  if (s.starts_with("--")) {
    size_t end = s.find('\n');
    return end == std::string_view::npos ? s.size() : end + 1;
  }
  if (s.starts_with("/*")) {
    size_t end = s.find("*/", 2);
    return end == std::string_view::npos ? s.size() : end + 2;
  }
  return 0;
}

// A quoted token starting at s[0] == quote; `*length` is set to its source length. False if
// it is not closed.
bool Quoted(std::string_view s, char quote, std::string* value, size_t* length) {
  value->clear();
  for (size_t i = 1; i < s.size(); ++i) {
    if (s[i] != quote) {
      value->push_back(s[i]);
      continue;
    }
    if (i + 1 < s.size() && s[i + 1] == quote) {  // A doubled quote stands for one.
      value->push_back(quote);
      ++i;
      continue;
    }
    *length = i + 1;
    return true;
  }
  *length = s.size();
  return false;
}

size_t NumberLength(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && Digit(s[i])) ++i;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && Digit(s[i])) ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    if (j < s.size() && Digit(s[j])) {
      while (j < s.size() && Digit(s[j])) ++j;
      i = j;
    }
  }
  return i;
}

struct Punctuation {
  std::string_view text;
  TokenKind kind;
};

// Longest first, so that "<=" is not read as "<" then "=".
constexpr Punctuation kPunctuation[] = {
    {"<<", TokenKind::kLBag},     {">>", TokenKind::kRBag},     {"<>", TokenKind::kNe},
    {"!=", TokenKind::kNe},       {"<=", TokenKind::kLe},       {">=", TokenKind::kGe},
    {"(", TokenKind::kLParen},    {")", TokenKind::kRParen},    {"[", TokenKind::kLBracket},
    {"]", TokenKind::kRBracket},  {"{", TokenKind::kLBrace},    {"}", TokenKind::kRBrace},
    {",", TokenKind::kComma},     {".", TokenKind::kDot},       {":", TokenKind::kColon},
    {"*", TokenKind::kStar},      {"=", TokenKind::kEq},        {"<", TokenKind::kLt},
    {">", TokenKind::kGt},        {"+", TokenKind::kPlus},      {"-", TokenKind::kMinus},
    {"?", TokenKind::kParameter}, {";", TokenKind::kSemicolon},
};

}  // namespace

std::vector<Token> Tokenize(std::string_view statement) {
  std::vector<Token> out;
  size_t i = 0;
  size_t line = 1;
  size_t line_start = 0;
  // Lines and columns up to `to`.
  auto advance = [&](size_t to) {
    for (; i < to; ++i) {
      if (statement[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
  };
  while (i < statement.size()) {
    std::string_view rest = statement.substr(i);
    if (size_t skip = Skippable(rest)) {
      advance(i + skip);
      continue;
    }
    Token t;
    t.offset = i;
    t.line = line;
    t.column = i - line_start + 1;
    size_t length = 1;
    const char c = rest[0];
    if (IdentifierStart(c)) {
      while (length < rest.size() && IdentifierPart(rest[length])) ++length;
      t.kind = TokenKind::kIdentifier;
      t.text = std::string(rest.substr(0, length));
      t.reserved = IsReservedWord(t.text);
    } else if (c == '"' || c == '\'') {
      bool closed = Quoted(rest, c, &t.text, &length);
      t.kind = !closed ? TokenKind::kInvalid
                       : (c == '"' ? TokenKind::kQuotedIdentifier : TokenKind::kString);
      if (!closed) t.text = std::string(rest);
    } else if (Digit(c) || (c == '.' && rest.size() > 1 && Digit(rest[1]))) {
      length = NumberLength(rest);
      if (length == 0) length = 1;
      t.kind = TokenKind::kNumber;
      t.text = std::string(rest.substr(0, length));
    } else {
      t.kind = TokenKind::kInvalid;
      for (const auto& p : kPunctuation) {
        if (rest.starts_with(p.text)) {
          t.kind = p.kind;
          length = p.text.size();
          break;
        }
      }
      t.text = std::string(rest.substr(0, length));
    }
    t.length = length;
    out.push_back(std::move(t));
    advance(i + length);
  }
  Token end;
  end.offset = statement.size();
  out.push_back(std::move(end));
  return out;
}

namespace {

// Keywords a bare name may not be (the statement words and the operators).
constexpr std::array<std::string_view, 33> kReserved = {
    "ALL",   "AND",  "AS",     "ASC",    "BETWEEN", "BY",    "DELETE", "DESC",      "EXISTS",
    "FALSE", "FROM", "IN",     "INSERT", "INTO",    "IS",    "LIMIT",  "MISSING",   "MODIFIED",
    "NEW",   "NOT",  "NULL",   "OLD",    "OR",      "ORDER", "REMOVE", "RETURNING", "SELECT",
    "SET",   "TRUE", "UPDATE", "VALUE",  "VALUES",  "WHERE"};

// `word` equals `upper` (an upper-case keyword) in any case; ASCII only, as identifiers are.
bool EqualsUpper(std::string_view word, std::string_view upper) {
  if (word.size() != upper.size()) return false;
  for (size_t i = 0; i < upper.size(); ++i) {
    const char c = word[i];
    if ((c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c) != upper[i]) return false;
  }
  return true;
}

}  // namespace

bool IsReservedWord(std::string_view identifier) {
  return std::any_of(kReserved.begin(), kReserved.end(),
                     [identifier](std::string_view k) { return EqualsUpper(identifier, k); });
}

std::string PositionOf(const Token& token) {
  return " at " + std::to_string(token.line) + ":" + std::to_string(token.column) + ":" +
         std::to_string(token.length);
}

bool IsKeyword(const Token& token, std::string_view keyword) {
  return token.kind == TokenKind::kIdentifier && EqualsUpper(token.text, keyword);
}

}  // namespace ddb::partiql
