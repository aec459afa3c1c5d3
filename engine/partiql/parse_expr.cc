#include "partiql/parse_expr.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include "core/number.h"
#include "core/value_json.h"

namespace ddb::partiql {
namespace {

// The values an IN may list (as in the expression language).
constexpr size_t kMaxInOperands = 100;

// The types IS may test for (DynamoDB's shared PartiQL code names these).
constexpr std::array<std::string_view, 9> kIsTypes = {
    "MISSING", "NULL", "BOOLEAN", "BLOB", "STRING", "NUMERIC", "STRUCT", "TUPLE", "LIST"};

Expr Node(ExprKind kind, size_t offset, std::vector<Expr> args = {}) {
  Expr e;
  e.kind = kind;
  e.offset = offset;
  e.args = std::move(args);
  return e;
}

std::optional<expr::CompareOp> CompareOf(TokenKind k) {
  switch (k) {
    case TokenKind::kEq:
      return expr::CompareOp::kEq;
    case TokenKind::kNe:
      return expr::CompareOp::kNe;
    case TokenKind::kLt:
      return expr::CompareOp::kLt;
    case TokenKind::kLe:
      return expr::CompareOp::kLe;
    case TokenKind::kGt:
      return expr::CompareOp::kGt;
    case TokenKind::kGe:
      return expr::CompareOp::kGe;
    default:
      return std::nullopt;
  }
}

Result<Value> NumberValue(std::string_view text, bool negative) {
  DDB_ASSIGN_OR_RETURN(Number n, Number::Parse(negative ? "-" + std::string(text) : text));
  return Value::N(n.ToString());
}

// The levels of lists and maps in `v` (a scalar is 0).
size_t Depth(const Value& v) {
  size_t inner = 0;
  for (const Value& m : v.list) inner = std::max(inner, Depth(m));
  for (const auto& [k, m] : v.map) inner = std::max(inner, Depth(m));
  return v.type == Type::kL || v.type == Type::kM ? inner + 1 : 0;
}

// A literal list or map nested deeper than an item may be (the JSON path's rule and words).
Status CheckDepth(const Value& v) {
  if (Depth(v) <= static_cast<size_t>(kMaxNestingDepth)) return Status::OK();
  return ApiError::Validation(
      "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
      "beyond supported limit");
}

// << c, ... >>: a string set or a number set (binary sets only from parameters).
Result<Value> ParseBag(TokenStream& in) {
  std::vector<Value> members;
  if (!in.At(TokenKind::kRBag)) {
    do {
      DDB_ASSIGN_OR_RETURN(Value v, ParseConstant(in));
      members.push_back(std::move(v));
    } while (in.Accept(TokenKind::kComma));
  }
  DDB_RETURN_IF_ERROR(in.Expect(TokenKind::kRBag));
  if (members.empty()) return ApiError::Validation("Empty bags are not supported");
  const Type type = members[0].type;
  std::vector<std::string> texts;
  for (const Value& m : members) {
    if (m.type != type || (type != Type::kS && type != Type::kN && type != Type::kB)) {
      return ApiError::Validation(
          "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in "
          "bags");
    }
    if (std::find(texts.begin(), texts.end(), m.scalar) == texts.end()) texts.push_back(m.scalar);
  }
  const Type set = type == Type::kS ? Type::kSS : type == Type::kN ? Type::kNS : Type::kBS;
  return Value::Set(set, std::move(texts));
}

Result<Value> ParseList(TokenStream& in, const std::string& where) {
  List list;
  if (!in.At(TokenKind::kRBracket)) {
    do {
      DDB_ASSIGN_OR_RETURN(Value v,
                           ParseConstant(in, where + "[" + std::to_string(list.size()) + "]"));
      list.push_back(std::move(v));
    } while (in.Accept(TokenKind::kComma));
  }
  DDB_RETURN_IF_ERROR(in.Expect(TokenKind::kRBracket));
  Value out = Value::OfList(std::move(list));
  DDB_RETURN_IF_ERROR(CheckDepth(out));
  return out;
}

// { 'key': value, ... }: keys are string literals (or bound string parameters). `where` is the
// tuple's path from the outermost literal ("root", "root.a"), as the service's messages name it.
Result<Value> ParseTuple(TokenStream& in, const std::string& where) {
  Map map;
  if (!in.At(TokenKind::kRBrace)) {
    do {
      const Token key_token = in.Peek();
      DDB_ASSIGN_OR_RETURN(Value key, ParseConstant(in));
      if (key.type != Type::kS) return TokenStream::Syntax("Expected string as tuple key");
      DDB_RETURN_IF_ERROR(in.Expect(TokenKind::kColon));
      DDB_ASSIGN_OR_RETURN(Value v, ParseConstant(in, where + "." + key.scalar));
      if (!map.contains(key.scalar)) {
        map.emplace(key.scalar, std::move(v));
        continue;
      }
      return ApiError::Validation("Duplicate keys in tuple. Key: " + key.scalar + " under " +
                                  where + PositionOf(key_token));
    } while (in.Accept(TokenKind::kComma));
  }
  DDB_RETURN_IF_ERROR(in.Expect(TokenKind::kRBrace));
  Value out = Value::OfMap(std::move(map));
  DDB_RETURN_IF_ERROR(CheckDepth(out));
  return out;
}

// The argument list of `name(` (the parenthesis already read).
Result<Expr> ParseCall(TokenStream& in, std::string name, size_t offset) {
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  Expr call = Node(ExprKind::kCall, offset);
  call.function = std::move(name);
  if (!in.At(TokenKind::kRParen)) {
    do {
      DDB_ASSIGN_OR_RETURN(Expr arg, ParseOperand(in));
      call.args.push_back(std::move(arg));
    } while (in.Accept(TokenKind::kComma));
  }
  DDB_RETURN_IF_ERROR(in.Expect(TokenKind::kRParen));
  return call;
}

Result<Expr> ParsePrimary(TokenStream& in) {
  NestingGuard nested(in);
  DDB_RETURN_IF_ERROR(nested.status());
  const Token& t = in.Peek();
  const size_t offset = t.offset;
  if (in.Accept(TokenKind::kLParen)) {
    DDB_ASSIGN_OR_RETURN(Expr inner, ParseCondition(in));
    DDB_RETURN_IF_ERROR(in.Expect(TokenKind::kRParen));
    return inner;
  }
  const bool call = in.Peek(1).kind == TokenKind::kLParen;
  if (!call && in.AcceptKeyword("MISSING")) return Node(ExprKind::kMissing, offset);
  // Functions, among them exists(path) and missing(path), whose names are keywords too.
  const bool function_name =
      !TokenStream::IsReserved(t) || IsKeyword(t, "EXISTS") || IsKeyword(t, "MISSING");
  if (t.kind == TokenKind::kIdentifier && function_name && call) {
    std::string name = in.Next().text;
    in.Next();
    return ParseCall(in, std::move(name), offset);
  }
  if ((t.kind == TokenKind::kIdentifier && !TokenStream::IsReserved(t)) ||
      t.kind == TokenKind::kQuotedIdentifier) {
    Expr path = Node(ExprKind::kPath, offset);
    DDB_ASSIGN_OR_RETURN(path.path, ParsePath(in));
    return path;
  }
  Expr literal = Node(ExprKind::kLiteral, offset);
  DDB_ASSIGN_OR_RETURN(literal.value, ParseConstant(in));
  return literal;
}

// [NOT] BETWEEN / IN / IS after `left`; `left` itself when none follows.
Result<Expr> ParsePredicateTail(TokenStream& in, Expr left) {
  const size_t offset = left.offset;
  if (auto op = CompareOf(in.Peek().kind)) {
    in.Next();
    DDB_ASSIGN_OR_RETURN(Expr right, ParseOperand(in));
    Expr cmp = Node(ExprKind::kCompare, offset, {});
    cmp.op = *op;
    cmp.args.push_back(std::move(left));
    cmp.args.push_back(std::move(right));
    return cmp;
  }
  if (in.AcceptKeyword("IS")) {
    Expr is = Node(ExprKind::kIs, offset);
    is.negated = in.AcceptKeyword("NOT");
    const Token& type = in.Next();
    is.type_name = type.text;
    for (char& c : is.type_name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (type.kind != TokenKind::kIdentifier ||
        std::find(kIsTypes.begin(), kIsTypes.end(), is.type_name) == kIsTypes.end()) {
      return TokenStream::Syntax("Unexpected token");
    }
    is.args.push_back(std::move(left));
    return is;
  }
  const bool negated =
      in.AtKeyword("NOT") && (IsKeyword(in.Peek(1), "BETWEEN") || IsKeyword(in.Peek(1), "IN"));
  if (negated) in.Next();
  Expr result;
  if (in.AcceptKeyword("BETWEEN")) {
    DDB_ASSIGN_OR_RETURN(Expr low, ParseOperand(in));
    DDB_RETURN_IF_ERROR(in.ExpectKeyword("AND", "Expected AND after BETWEEN"));
    DDB_ASSIGN_OR_RETURN(Expr high, ParseOperand(in));
    result = Node(ExprKind::kBetween, offset);
    result.args = {std::move(left), std::move(low), std::move(high)};
  } else if (in.AcceptKeyword("IN")) {
    const bool bracket = in.Accept(TokenKind::kLBracket);
    if (!bracket) DDB_RETURN_IF_ERROR(in.Expect(TokenKind::kLParen));
    result = Node(ExprKind::kIn, offset);
    result.args.push_back(std::move(left));
    do {
      DDB_ASSIGN_OR_RETURN(Expr member, ParseOperand(in));
      result.args.push_back(std::move(member));
    } while (in.Accept(TokenKind::kComma));
    DDB_RETURN_IF_ERROR(in.Expect(bracket ? TokenKind::kRBracket : TokenKind::kRParen));
    if (result.args.size() - 1 > kMaxInOperands) {
      return ApiError::Validation(
          "The IN operator is provided with too many operands; number of operands: " +
          std::to_string(result.args.size() - 1));
    }
  } else {
    return left;
  }
  if (!negated) return result;
  return Node(ExprKind::kNot, offset, {std::move(result)});
}

Result<Expr> ParseNot(TokenStream& in) {
  NestingGuard nested(in);
  DDB_RETURN_IF_ERROR(nested.status());
  const size_t offset = in.Peek().offset;
  if (in.AcceptKeyword("NOT")) {
    DDB_ASSIGN_OR_RETURN(Expr inner, ParseNot(in));
    return Node(ExprKind::kNot, offset, {std::move(inner)});
  }
  DDB_ASSIGN_OR_RETURN(Expr left, ParseOperand(in));
  return ParsePredicateTail(in, std::move(left));
}

Result<Expr> ParseAnd(TokenStream& in) {
  DDB_ASSIGN_OR_RETURN(Expr left, ParseNot(in));
  while (in.AtKeyword("AND")) {
    in.Next();
    DDB_ASSIGN_OR_RETURN(Expr right, ParseNot(in));
    const size_t offset = left.offset;
    left = Node(ExprKind::kAnd, offset, {std::move(left), std::move(right)});
  }
  return left;
}

}  // namespace

bool TokenStream::IsReserved(const Token& t) { return t.reserved; }

Result<Expr> ParseCondition(TokenStream& in) {
  DDB_ASSIGN_OR_RETURN(Expr left, ParseAnd(in));
  while (in.AtKeyword("OR")) {
    in.Next();
    DDB_ASSIGN_OR_RETURN(Expr right, ParseAnd(in));
    const size_t offset = left.offset;
    left = Node(ExprKind::kOr, offset, {std::move(left), std::move(right)});
  }
  return left;
}

Result<Expr> ParseOperand(TokenStream& in) {
  DDB_ASSIGN_OR_RETURN(Expr left, ParsePrimary(in));
  while (in.At(TokenKind::kPlus) || in.At(TokenKind::kMinus)) {
    const ExprKind kind = in.Next().kind == TokenKind::kPlus ? ExprKind::kPlus : ExprKind::kMinus;
    DDB_ASSIGN_OR_RETURN(Expr right, ParsePrimary(in));
    const size_t offset = left.offset;
    left = Node(kind, offset, {std::move(left), std::move(right)});
  }
  return left;
}

Result<Value> ParseConstant(TokenStream& in, const std::string& where) {
  NestingGuard nested(in);
  DDB_RETURN_IF_ERROR(nested.status());
  const Token& t = in.Peek();
  switch (t.kind) {
    case TokenKind::kString:
      return Value::S(in.Next().text);
    case TokenKind::kNumber:
      return NumberValue(in.Next().text, false);
    case TokenKind::kMinus:
      in.Next();
      if (!in.At(TokenKind::kNumber)) return in.Unexpected();
      return NumberValue(in.Next().text, true);
    case TokenKind::kParameter:
      in.Next();
      return in.BindParameter();
    case TokenKind::kLBracket:
      in.Next();
      return ParseList(in, where);
    case TokenKind::kLBrace:
      in.Next();
      return ParseTuple(in, where);
    case TokenKind::kLBag:
      in.Next();
      return ParseBag(in);
    default:
      break;
  }
  if (in.AcceptKeyword("TRUE")) return Value::Bool(true);
  if (in.AcceptKeyword("FALSE")) return Value::Bool(false);
  if (in.AcceptKeyword("NULL")) return Value::Null();
  return in.Unexpected();
}

Result<std::string> ParseName(TokenStream& in) {
  const Token& t = in.Peek();
  if (t.kind == TokenKind::kQuotedIdentifier ||
      (t.kind == TokenKind::kIdentifier && !TokenStream::IsReserved(t))) {
    return in.Next().text;
  }
  return in.Unexpected();
}

Result<expr::Path> ParsePath(TokenStream& in) {
  expr::Path path;
  DDB_ASSIGN_OR_RETURN(std::string first, ParseName(in));
  path.elements.push_back({std::move(first), -1});
  for (;;) {
    if (in.Accept(TokenKind::kDot)) {
      DDB_ASSIGN_OR_RETURN(std::string name, ParseName(in));
      path.elements.push_back({std::move(name), -1});
    } else if (in.Accept(TokenKind::kLBracket)) {
      const Token& t = in.Next();
      int64_t index = 0;
      auto [end, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), index);
      if (t.kind == TokenKind::kNumber && ec == std::errc() &&
          end == t.text.data() + t.text.size()) {
        path.elements.push_back({"", index});
      } else if (t.kind == TokenKind::kString) {
        path.elements.push_back({t.text, -1});
      } else {
        return TokenStream::Syntax("Unexpected token");
      }
      DDB_RETURN_IF_ERROR(in.Expect(TokenKind::kRBracket));
    } else {
      break;
    }
    if (path.elements.size() > expr::kMaxPathDepth) {
      return ApiError::Validation("Document path is too deep");
    }
  }
  return path;
}

}  // namespace ddb::partiql
