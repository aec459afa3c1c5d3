#include "expr/lexer.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace ddb::expr {
namespace {

constexpr std::string_view kReservedWords[] = {
#include "expr/reserved_words.inc"
};

bool IsNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

bool IsKeyword(std::string_view word, std::string_view keyword) {
  return word.size() == keyword.size() &&
         std::equal(word.begin(), word.end(), keyword.begin(), [](char a, char b) {
           return std::toupper(static_cast<unsigned char>(a)) == b;
         });
}

bool IsReservedWord(std::string_view word) {
  // The documented list includes SIZE and CONVERT, but DynamoDB accepts both as attribute names
  // (the size() function is recognised by the parenthesis that follows it).
  if (IsKeyword(word, "SIZE") || IsKeyword(word, "CONVERT")) return false;
  if (word.size() > 32) return false;
  char upper[33];
  for (size_t i = 0; i < word.size(); ++i) {
    upper[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[i])));
  }
  std::string_view key(upper, word.size());
  return std::binary_search(std::begin(kReservedWords), std::end(kReservedWords), key);
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  auto push = [&](TokenKind kind, size_t len) {
    tokens.push_back({kind, text.substr(i, len), i});
    i += len;
  };
  while (i < text.size()) {
    char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    auto run = [&](size_t from) {
      size_t j = from;
      while (j < text.size() && IsNameChar(text[j])) ++j;
      return j - i;
    };
    if (IsNameStart(c)) {
      push(TokenKind::kName, run(i + 1));
    } else if (c == '#' || c == ':') {
      push(c == '#' ? TokenKind::kNamePlaceholder : TokenKind::kValuePlaceholder, run(i + 1));
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      size_t j = i;
      while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
      push(TokenKind::kNumber, j - i);
    } else if (c == '<' && i + 1 < text.size() && text[i + 1] == '>') {
      push(TokenKind::kNe, 2);
    } else if (c == '<' && i + 1 < text.size() && text[i + 1] == '=') {
      push(TokenKind::kLe, 2);
    } else if (c == '>' && i + 1 < text.size() && text[i + 1] == '=') {
      push(TokenKind::kGe, 2);
    } else {
      static constexpr std::array<std::pair<char, TokenKind>, 11> kSingle = {{
          {'.', TokenKind::kDot},
          {',', TokenKind::kComma},
          {'(', TokenKind::kLParen},
          {')', TokenKind::kRParen},
          {'[', TokenKind::kLBracket},
          {']', TokenKind::kRBracket},
          {'=', TokenKind::kEq},
          {'<', TokenKind::kLt},
          {'>', TokenKind::kGt},
          {'+', TokenKind::kPlus},
          {'-', TokenKind::kMinus},
      }};
      auto it = std::find_if(kSingle.begin(), kSingle.end(), [&](auto& p) { return p.first == c; });
      push(it == kSingle.end() ? TokenKind::kInvalid : it->second, 1);
    }
  }
  tokens.push_back({TokenKind::kEnd, "<EOF>", text.size()});
  return tokens;
}

}  // namespace ddb::expr
