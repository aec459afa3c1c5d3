#include "expr/parser.h"

#include <algorithm>

#include "expr/eval.h"
#include "expr/lexer.h"

namespace ddb::expr {
namespace {

// Words the grammar itself uses: as a name they are a syntax error, not a reserved word.
bool IsGrammarKeyword(std::string_view word) {
  for (std::string_view kw :
       {"AND", "OR", "NOT", "BETWEEN", "IN", "SET", "REMOVE", "ADD", "DELETE"}) {
    if (IsKeyword(word, kw)) return true;
  }
  return false;
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, std::string_view text, std::string_view kind, ParseContext& ctx)
      : tokens_(std::move(tokens)), text_(text), kind_(kind), ctx_(ctx) {}

  Result<Condition> ConditionExpr();
  Result<UpdateExpression> Update();
  Result<std::vector<Path>> Projection();
  bool AtEnd() const { return Peek().kind == TokenKind::kEnd; }
  ApiError SyntaxError() const;
  ApiError Invalid(std::string_view what) const {
    return ApiError::Validation("Invalid " + std::string(kind_) + ": " + std::string(what));
  }

 private:
  const Token& Peek(size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  const Token& Next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  bool Accept(TokenKind k) {
    if (Peek().kind != k) return false;
    ++pos_;
    return true;
  }
  bool AcceptKeyword(std::string_view kw) {
    if (Peek().kind != TokenKind::kName || !IsKeyword(Peek().text, kw)) return false;
    ++pos_;
    return true;
  }
  Status Expect(TokenKind k) { return Accept(k) ? Status::OK() : Status(SyntaxError()); }

  bool StartsOperand() const;
  bool StartsComparison() const;
  Status CountOperator();
  Result<Condition> Or();
  Result<Condition> And();
  Result<Condition> Not();
  Result<Condition> Primary();
  Result<Condition> FunctionCondition(std::string_view name);
  Result<Condition> Comparison(Operand left);
  Result<Operand> ConditionOperand();
  Result<Operand> SetOperand();
  Result<Operand> SetValue();
  Result<std::vector<Operand>> Arguments(std::string_view function);
  Result<Path> ParsePath();
  Result<Operand> ValueOperand();
  Result<UpdateAction> Action(UpdateKind kind);

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  std::string_view text_;
  std::string_view kind_;
  ParseContext& ctx_;
  int operators_ = 0;
  int depth_ = 0;  // Nesting: see Level.

  // One level of nesting for its lifetime: each condition (Or) and each NOT or operand taken
  // (Not, ConditionOperand, SetOperand), so a parenthesised condition costs two. The parser
  // recurses once per level; deeper than kMaxNesting is a syntax error, so that no expression
  // can exhaust a thread's stack (the 4 KB limit alone allows thousands of levels).
  static constexpr int kMaxNesting = 256;
  struct Level {
    explicit Level(int& counter) : depth(++counter) {}
    ~Level() { --depth; }
    Level(const Level&) = delete;
    Level& operator=(const Level&) = delete;
    int& depth;
    bool too_deep() const { return depth > kMaxNesting; }
  };
};

bool Parser::StartsOperand() const {
  const Token& t = Peek();
  if (t.kind == TokenKind::kNamePlaceholder || t.kind == TokenKind::kValuePlaceholder) return true;
  return t.kind == TokenKind::kName && (Peek(1).kind != TokenKind::kLParen || t.text == "size");
}

bool Parser::StartsComparison() const {
  switch (Peek().kind) {
    case TokenKind::kEq:
    case TokenKind::kNe:
    case TokenKind::kLt:
    case TokenKind::kLe:
    case TokenKind::kGt:
    case TokenKind::kGe:
      return true;
    case TokenKind::kName:
      return IsKeyword(Peek().text, "BETWEEN") || IsKeyword(Peek().text, "IN");
    default:
      return false;
  }
}

// DynamoDB allows at most 300 operators (comparisons, functions, AND, OR, NOT) per expression.
Status Parser::CountOperator() {
  if (++operators_ <= 300) return Status::OK();
  return Invalid("The expression contains too many operators; operator count: " +
                 std::to_string(operators_));
}

ApiError Parser::SyntaxError() const {
  // DynamoDB quotes the offending token and the text from the token before it to the one after.
  const Token& tok = Peek();
  size_t at = std::min(pos_, tokens_.size() - 1);
  size_t from = at > 0 ? tokens_[at - 1].offset : 0;
  size_t to = tok.kind == TokenKind::kEnd
                  ? text_.size()
                  : (at + 1 < tokens_.size() && tokens_[at + 1].kind != TokenKind::kEnd
                         ? tokens_[at + 1].offset + tokens_[at + 1].text.size()
                         : tok.offset + tok.text.size());
  return Invalid("Syntax error; token: \"" + std::string(tok.text) + "\", near: \"" +
                 std::string(text_.substr(from, to - from)) + "\"");
}

Result<Path> Parser::ParsePath() {
  Path path;
  auto element = [&]() -> Status {
    const Token& t = Peek();
    if (t.kind == TokenKind::kName) {
      if (IsGrammarKeyword(t.text)) return SyntaxError();
      if (IsReservedWord(t.text)) {
        return Invalid("Attribute name is a reserved keyword; reserved keyword: " +
                       std::string(t.text));
      }
      path.elements.push_back({std::string(t.text), -1});
    } else if (t.kind == TokenKind::kNamePlaceholder) {
      auto it = ctx_.names ? ctx_.names->find(t.text) : NameMap::const_iterator();
      if (!ctx_.names || it == ctx_.names->end()) {
        return Invalid(
            "An expression attribute name used in the document path is not defined; attribute "
            "name: " +
            std::string(t.text));
      }
      ctx_.used_names.emplace(t.text);
      path.elements.push_back({it->second, -1});
    } else {
      return SyntaxError();
    }
    Next();
    return Status::OK();
  };
  DDB_RETURN_IF_ERROR(element());
  while (true) {
    if (Accept(TokenKind::kDot)) {
      DDB_RETURN_IF_ERROR(element());
    } else if (Accept(TokenKind::kLBracket)) {
      const Token& t = Peek();
      if (t.kind != TokenKind::kNumber) return SyntaxError();
      int64_t index = t.text.size() > 18 ? INT64_MAX : std::stoll(std::string(t.text));
      if (index > 2147483647) {
        return Invalid("List index is not within the allowable range; index: [" +
                       std::string(t.text) + "]");
      }
      path.elements.push_back({"", index});
      Next();
      DDB_RETURN_IF_ERROR(Expect(TokenKind::kRBracket));
    } else {
      break;
    }
  }
  if (path.elements.size() > kMaxPathDepth) {
    return Invalid("The document path has too many nesting levels; nesting levels: " +
                   std::to_string(path.elements.size()));
  }
  return path;
}

Result<Operand> Parser::ValueOperand() {
  const Token& t = Peek();
  auto it = ctx_.values ? ctx_.values->find(t.text) : Item::const_iterator();
  if (!ctx_.values || it == ctx_.values->end()) {
    return Invalid(
        "An expression attribute value used in expression is not defined; attribute value: " +
        std::string(t.text));
  }
  ctx_.used_values.emplace(t.text);
  Operand op;
  op.kind = OperandKind::kValue;
  op.value = &it->second;
  op.value_name = std::string(t.text);
  Next();
  return op;
}

Result<std::vector<Operand>> Parser::Arguments(std::string_view function) {
  DDB_RETURN_IF_ERROR(Expect(TokenKind::kLParen));
  std::vector<Operand> args;
  if (Peek().kind != TokenKind::kRParen) {
    do {
      DDB_ASSIGN_OR_RETURN(Operand arg, function == "if_not_exists" || function == "list_append"
                                            ? SetOperand()
                                            : ConditionOperand());
      args.push_back(std::move(arg));
    } while (Accept(TokenKind::kComma));
  }
  DDB_RETURN_IF_ERROR(Expect(TokenKind::kRParen));
  return args;
}

ApiError OperandCount(const Parser& p, std::string_view fn, size_t n) {
  return p.Invalid("Incorrect number of operands for operator or function; operator or function: " +
                   std::string(fn) + ", number of operands: " + std::to_string(n));
}

Result<Operand> Parser::ConditionOperand() {
  Level level(depth_);
  if (level.too_deep()) return SyntaxError();
  const Token& t = Peek();
  if (t.kind == TokenKind::kValuePlaceholder) return ValueOperand();
  if (t.kind == TokenKind::kName && Peek(1).kind == TokenKind::kLParen) {
    std::string name(t.text);
    if (name != "size") {
      if (name == "attribute_exists" || name == "attribute_not_exists" ||
          name == "attribute_type" || name == "begins_with" || name == "contains") {
        return Invalid(
            "The function is not allowed to be used this way in an expression; "
            "function: " +
            name);
      }
      if (name == "if_not_exists" || name == "list_append") {
        return Invalid("The function is not allowed in a condition expression; function: " + name);
      }
      return Invalid("Invalid function name; function: " + name);
    }
    Next();
    DDB_RETURN_IF_ERROR(CountOperator());
    DDB_ASSIGN_OR_RETURN(std::vector<Operand> args, Arguments(name));
    if (args.size() != 1) return OperandCount(*this, name, args.size());
    Operand op;
    op.kind = OperandKind::kSize;
    op.args = std::move(args);
    DDB_RETURN_IF_ERROR(CheckStaticOperand(op, kind_));
    return op;
  }
  DDB_ASSIGN_OR_RETURN(Path path, ParsePath());
  Operand op;
  op.kind = OperandKind::kPath;
  op.path = std::move(path);
  return op;
}

Result<Condition> Parser::ConditionExpr() { return Or(); }

Result<Condition> Parser::Or() {
  Level level(depth_);
  if (level.too_deep()) return SyntaxError();
  DDB_ASSIGN_OR_RETURN(Condition left, And());
  while (AcceptKeyword("OR")) {
    DDB_ASSIGN_OR_RETURN(Condition right, And());
    DDB_RETURN_IF_ERROR(CountOperator());
    Condition c;
    c.kind = ConditionKind::kOr;
    c.children.push_back(std::move(left));
    c.children.push_back(std::move(right));
    left = std::move(c);
  }
  return left;
}

Result<Condition> Parser::And() {
  DDB_ASSIGN_OR_RETURN(Condition left, Not());
  while (AcceptKeyword("AND")) {
    DDB_ASSIGN_OR_RETURN(Condition right, Not());
    DDB_RETURN_IF_ERROR(CountOperator());
    Condition c;
    c.kind = ConditionKind::kAnd;
    c.children.push_back(std::move(left));
    c.children.push_back(std::move(right));
    left = std::move(c);
  }
  return left;
}

Result<Condition> Parser::Not() {
  Level level(depth_);
  if (level.too_deep()) return SyntaxError();
  if (AcceptKeyword("NOT")) {
    DDB_RETURN_IF_ERROR(CountOperator());
    DDB_ASSIGN_OR_RETURN(Condition inner, Not());
    Condition c;
    c.kind = ConditionKind::kNot;
    c.children.push_back(std::move(inner));
    return c;
  }
  return Primary();
}

Result<Condition> Parser::Primary() {
  if (Peek().kind == TokenKind::kLParen) {
    const size_t open = pos_++;
    // "(a) = :v" puts an operand in parentheses; try that reading first, then a condition.
    if (StartsOperand()) {
      auto operand = ConditionOperand();
      if (operand.ok() && Accept(TokenKind::kRParen) && StartsComparison()) {
        return Comparison(std::move(operand).value());
      }
      pos_ = open + 1;
    }
    DDB_ASSIGN_OR_RETURN(Condition inner, Or());
    DDB_RETURN_IF_ERROR(Expect(TokenKind::kRParen));
    if (inner.parenthesized) return Invalid("The expression has redundant parentheses;");
    inner.parenthesized = true;
    return inner;
  }
  const Token& t = Peek();
  if (t.kind == TokenKind::kName && Peek(1).kind == TokenKind::kLParen && t.text != "size") {
    std::string_view name = t.text;
    Next();
    return FunctionCondition(name);
  }
  DDB_ASSIGN_OR_RETURN(Operand left, ConditionOperand());
  return Comparison(std::move(left));
}

Result<Condition> Parser::FunctionCondition(std::string_view name) {
  static constexpr std::pair<std::string_view, std::pair<Function, size_t>> kFunctions[] = {
      {"attribute_exists", {Function::kAttributeExists, 1}},
      {"attribute_not_exists", {Function::kAttributeNotExists, 1}},
      {"attribute_type", {Function::kAttributeType, 2}},
      {"begins_with", {Function::kBeginsWith, 2}},
      {"contains", {Function::kContains, 2}},
  };
  const auto* found = std::find_if(std::begin(kFunctions), std::end(kFunctions),
                                   [&](const auto& f) { return f.first == name; });
  if (found == std::end(kFunctions)) {
    if (name == "if_not_exists" || name == "list_append") {
      return Invalid("The function is not allowed in a condition expression; function: " +
                     std::string(name));
    }
    return Invalid("Invalid function name; function: " + std::string(name));
  }
  DDB_RETURN_IF_ERROR(CountOperator());
  DDB_ASSIGN_OR_RETURN(std::vector<Operand> args, Arguments(name));
  if (args.size() != found->second.second) return OperandCount(*this, name, args.size());
  if (args[0].kind != OperandKind::kPath && kind_ == "KeyConditionExpression" &&
      found->second.first == Function::kBeginsWith) {
    return ApiError::Validation(
        "Invalid condition in KeyConditionExpression: begins_with operator must have the key "
        "attribute as its first operand");
  }
  if (args[0].kind != OperandKind::kPath) {
    return Invalid("Operator or function requires a document path; operator or function: " +
                   std::string(name));
  }
  Condition c;
  c.kind = ConditionKind::kFunction;
  c.function = found->second.first;
  c.operands = std::move(args);
  DDB_RETURN_IF_ERROR(CheckStaticTypes(c, kind_));
  return c;
}

Result<Condition> Parser::Comparison(Operand left) {
  static constexpr std::pair<TokenKind, CompareOp> kOps[] = {
      {TokenKind::kEq, CompareOp::kEq}, {TokenKind::kNe, CompareOp::kNe},
      {TokenKind::kLt, CompareOp::kLt}, {TokenKind::kLe, CompareOp::kLe},
      {TokenKind::kGt, CompareOp::kGt}, {TokenKind::kGe, CompareOp::kGe},
  };
  Condition c;
  c.operands.push_back(std::move(left));
  if (StartsComparison()) DDB_RETURN_IF_ERROR(CountOperator());
  for (const auto& [tok, op] : kOps) {
    if (Accept(tok)) {
      DDB_ASSIGN_OR_RETURN(Operand right, ConditionOperand());
      c.kind = ConditionKind::kCompare;
      c.op = op;
      c.operands.push_back(std::move(right));
      DDB_RETURN_IF_ERROR(CheckStaticTypes(c, kind_));
      return c;
    }
  }
  if (AcceptKeyword("BETWEEN")) {
    DDB_ASSIGN_OR_RETURN(Operand low, ConditionOperand());
    if (!AcceptKeyword("AND")) return SyntaxError();
    DDB_ASSIGN_OR_RETURN(Operand high, ConditionOperand());
    c.kind = ConditionKind::kBetween;
    c.operands.push_back(std::move(low));
    c.operands.push_back(std::move(high));
    DDB_RETURN_IF_ERROR(CheckStaticTypes(c, kind_));
    return c;
  }
  if (AcceptKeyword("IN")) {
    DDB_RETURN_IF_ERROR(Expect(TokenKind::kLParen));
    do {
      DDB_ASSIGN_OR_RETURN(Operand item, ConditionOperand());
      c.operands.push_back(std::move(item));
    } while (Accept(TokenKind::kComma));
    DDB_RETURN_IF_ERROR(Expect(TokenKind::kRParen));
    if (c.operands.size() > 101) {
      return Invalid("The IN operator is provided with too many operands; number of operands: " +
                     std::to_string(c.operands.size() - 1));
    }
    c.kind = ConditionKind::kIn;
    return c;
  }
  if (c.operands[0].kind == OperandKind::kSize && AtEnd()) {
    return Invalid(
        "The function is not allowed to be used this way in an expression; function: size");
  }
  return SyntaxError();
}

Result<Operand> Parser::SetOperand() {
  Level level(depth_);
  if (level.too_deep()) return SyntaxError();
  const Token& t = Peek();
  if (t.kind == TokenKind::kValuePlaceholder) return ValueOperand();
  if (Accept(TokenKind::kLParen)) {  // "SET a = (:v)"
    DDB_ASSIGN_OR_RETURN(Operand inner, SetValue());
    DDB_RETURN_IF_ERROR(Expect(TokenKind::kRParen));
    return inner;
  }
  if (t.kind == TokenKind::kName && Peek(1).kind == TokenKind::kLParen) {
    std::string name(t.text);
    OperandKind kind;
    if (name == "if_not_exists") {
      kind = OperandKind::kIfNotExists;
    } else if (name == "list_append") {
      kind = OperandKind::kListAppend;
    } else if (name == "size" || name == "attribute_exists" || name == "attribute_not_exists" ||
               name == "attribute_type" || name == "begins_with" || name == "contains") {
      return Invalid("The function is not allowed in an update expression; function: " + name);
    } else {
      return Invalid("Invalid function name; function: " + name);
    }
    Next();
    DDB_ASSIGN_OR_RETURN(std::vector<Operand> args, Arguments(name));
    if (args.size() != 2) return OperandCount(*this, name, args.size());
    if (kind == OperandKind::kIfNotExists && args[0].kind != OperandKind::kPath) {
      return Invalid("Operator or function requires a document path; operator or function: " +
                     name);
    }
    for (const auto& arg : args) {
      if (arg.kind == kind) {  // list_append(list_append(...)), if_not_exists(if_not_exists(...))
        return Invalid(
            "The function is not allowed to be used this way in an expression; "
            "function: " +
            name);
      }
    }
    DDB_RETURN_IF_ERROR(CountOperator());
    Operand op;
    op.kind = kind;
    op.args = std::move(args);
    return op;
  }
  DDB_ASSIGN_OR_RETURN(Path path, ParsePath());
  Operand op;
  op.path = std::move(path);
  return op;
}

Result<Operand> Parser::SetValue() {
  DDB_ASSIGN_OR_RETURN(Operand left, SetOperand());
  bool plus = Accept(TokenKind::kPlus);
  if (!plus && !Accept(TokenKind::kMinus)) return left;
  DDB_ASSIGN_OR_RETURN(Operand right, SetOperand());
  DDB_RETURN_IF_ERROR(CountOperator());
  Operand op;
  op.kind = plus ? OperandKind::kPlus : OperandKind::kMinus;
  op.args.push_back(std::move(left));
  op.args.push_back(std::move(right));
  DDB_RETURN_IF_ERROR(CheckStaticOperand(op, kind_));
  return op;
}

Result<UpdateAction> Parser::Action(UpdateKind kind) {
  UpdateAction action;
  action.kind = kind;
  DDB_ASSIGN_OR_RETURN(action.path, ParsePath());
  if (kind == UpdateKind::kSet) {
    DDB_RETURN_IF_ERROR(Expect(TokenKind::kEq));
    DDB_ASSIGN_OR_RETURN(action.value, SetValue());
  } else if (kind != UpdateKind::kRemove) {
    if (Peek().kind != TokenKind::kValuePlaceholder) return SyntaxError();
    DDB_ASSIGN_OR_RETURN(action.value, ValueOperand());
    DDB_RETURN_IF_ERROR(CheckStaticAction(action, kind_));
  }
  return action;
}

Result<UpdateExpression> Parser::Update() {
  static constexpr std::pair<std::string_view, UpdateKind> kClauses[] = {
      {"SET", UpdateKind::kSet},
      {"REMOVE", UpdateKind::kRemove},
      {"ADD", UpdateKind::kAdd},
      {"DELETE", UpdateKind::kDelete}};
  UpdateExpression update;
  bool seen[4] = {false, false, false, false};
  while (!AtEnd()) {
    int clause = -1;
    for (int k = 0; k < 4; ++k) {
      if (Peek().kind == TokenKind::kName && IsKeyword(Peek().text, kClauses[k].first)) clause = k;
    }
    if (clause < 0) return SyntaxError();
    if (seen[clause]) {
      return Invalid("The \"" + std::string(kClauses[clause].first) +
                     "\" section can only be used once in an update expression;");
    }
    seen[clause] = true;
    Next();
    do {
      DDB_ASSIGN_OR_RETURN(UpdateAction action, Action(kClauses[clause].second));
      update.actions.push_back(std::move(action));
    } while (Accept(TokenKind::kComma));
  }
  if (update.actions.empty()) return SyntaxError();  // Only whitespace.
  std::vector<const Path*> paths;
  for (const auto& a : update.actions) paths.push_back(&a.path);
  DDB_RETURN_IF_ERROR(CheckPathOverlaps(paths, kind_));
  return update;
}

Result<std::vector<Path>> Parser::Projection() {
  std::vector<Path> paths;
  do {
    DDB_ASSIGN_OR_RETURN(Path p, ParsePath());
    paths.push_back(std::move(p));
  } while (Accept(TokenKind::kComma));
  if (!AtEnd()) return SyntaxError();
  std::vector<const Path*> ptrs;
  ptrs.reserve(paths.size());
  for (const auto& p : paths) ptrs.push_back(&p);
  DDB_RETURN_IF_ERROR(CheckPathOverlaps(ptrs, kind_));
  return paths;
}

template <class T, class F>
Result<T> Run(std::string_view text, std::string_view kind, ParseContext& ctx, F parse) {
  if (text.empty()) {
    return ApiError::Validation("Invalid " + std::string(kind) +
                                ": The expression can not be empty;");
  }
  if (text.size() > kMaxExpressionBytes) {
    // DynamoDB names the size only for condition-style expressions.
    bool with_size = kind != "UpdateExpression" && kind != "ProjectionExpression";
    return ApiError::Validation(
        "Invalid " + std::string(kind) +
        ": Expression size has exceeded the maximum allowed size;" +
        (with_size ? " expression size: " + std::to_string(text.size()) : std::string()));
  }
  Parser p(Tokenize(text), text, kind, ctx);
  DDB_ASSIGN_OR_RETURN(T result, parse(p));
  if (!p.AtEnd()) return p.SyntaxError();
  return result;
}

// The shape a KeyConditionExpression must have whatever the table (the service checks it before
// looking the table up; ops/key_condition.h checks it against the key schema): comparisons,
// BETWEENs or begins_with joined by AND, each on one top-level attribute, one per attribute.
// Walks as the service reports: operators top-down, then each condition's operands.
Status CheckKeyConditionShape(const Condition& c, std::set<std::string, std::less<>>* keys) {
  auto bad_operator = [](std::string_view op) {
    return ApiError::Validation("Invalid operator used in KeyConditionExpression: " +
                                std::string(op));
  };
  switch (c.kind) {
    case ConditionKind::kAnd:
      for (const auto& child : c.children) DDB_RETURN_IF_ERROR(CheckKeyConditionShape(child, keys));
      return Status::OK();
    case ConditionKind::kOr:
      return bad_operator("OR");
    case ConditionKind::kNot:
      return bad_operator("NOT");
    case ConditionKind::kIn:
      return bad_operator("IN");
    case ConditionKind::kFunction:
      if (c.function != Function::kBeginsWith) return bad_operator(FunctionName(c.function));
      break;
    case ConditionKind::kCompare:
      if (c.op == CompareOp::kNe) return bad_operator("<>");
      break;
    case ConditionKind::kBetween:
      if (c.operands[0].kind != OperandKind::kPath) {
        return ApiError::Validation(
            "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key "
            "attribute as its first operand");
      }
      break;
  }
  const Path* key = nullptr;
  for (const auto& op : c.operands) {
    if (op.kind == OperandKind::kSize) {
      return ApiError::Validation("KeyConditionExpressions cannot contain nested operations");
    }
    if (op.kind != OperandKind::kPath) continue;
    if (key) {
      return ApiError::Validation(
          "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
          "condition");
    }
    if (op.path.elements.size() > 1) {
      return ApiError::Validation(
          "KeyConditionExpressions cannot have conditions on nested attributes");
    }
    key = &op.path;
  }
  if (!key) {
    return ApiError::Validation(
        "Invalid condition in KeyConditionExpression: No key attribute specified");
  }
  if (!keys->insert(key->elements[0].name).second) {
    return ApiError::Validation("KeyConditionExpressions must only contain one condition per key");
  }
  return Status::OK();
}

std::string JoinKeys(const std::vector<std::string>& keys) {
  std::string out;
  for (size_t i = 0; i < keys.size(); ++i) out += (i ? ", " : "") + keys[i];
  return out;
}

}  // namespace

Result<Condition> ParseCondition(std::string_view text, std::string_view kind, ParseContext& ctx) {
  DDB_ASSIGN_OR_RETURN(
      Condition c, Run<Condition>(text, kind, ctx, [](Parser& p) { return p.ConditionExpr(); }));
  if (kind == "KeyConditionExpression") {
    std::set<std::string, std::less<>> keys;
    DDB_RETURN_IF_ERROR(CheckKeyConditionShape(c, &keys));
    // Eight: a multi-attribute key's four partition and four sort key attributes. Beyond two,
    // the key schema decides (ops/key_condition.h).
    if (keys.size() > 8) return ApiError::Validation("Conditions can be of length 1 or 2 only");
  }
  return c;
}

Result<UpdateExpression> ParseUpdate(std::string_view text, ParseContext& ctx) {
  return Run<UpdateExpression>(text, "UpdateExpression", ctx, [](Parser& p) { return p.Update(); });
}

Result<std::vector<Path>> ParseProjection(std::string_view text, ParseContext& ctx) {
  return Run<std::vector<Path>>(text, "ProjectionExpression", ctx,
                                [](Parser& p) { return p.Projection(); });
}

Status CheckAllUsed(const ParseContext& ctx, bool any_expression, std::string_view absent) {
  if (ctx.names != nullptr) {
    std::vector<std::string> unused;
    for (const auto& [k, v] : *ctx.names) {
      if (!ctx.used_names.count(k)) unused.push_back(k);
    }
    if (!any_expression) {
      return ApiError::Validation(
          "ExpressionAttributeNames can only be specified when using expressions");
    }
    if (!unused.empty()) {
      return ApiError::Validation(
          "Value provided in ExpressionAttributeNames unused in expressions: keys: {" +
          JoinKeys(unused) + "}");
    }
  }
  if (ctx.values != nullptr) {
    std::vector<std::string> unused;
    for (const auto& [k, v] : *ctx.values) {
      if (!ctx.used_values.count(k)) unused.push_back(k);
    }
    if (!any_expression) {
      return ApiError::Validation(
          "ExpressionAttributeValues can only be specified when using expressions: " +
          std::string(absent));
    }
    if (!unused.empty()) {
      return ApiError::Validation(
          "Value provided in ExpressionAttributeValues unused in expressions: keys: {" +
          JoinKeys(unused) + "}");
    }
  }
  return Status::OK();
}

Status CheckPathOverlaps(const std::vector<const Path*>& paths, std::string_view kind) {
  for (size_t i = 0; i < paths.size(); ++i) {
    for (size_t j = i + 1; j < paths.size(); ++j) {
      const auto& a = paths[i]->elements;
      const auto& b = paths[j]->elements;
      size_t n = std::min(a.size(), b.size());
      size_t k = 0;
      while (k < n && a[k] == b[k]) ++k;
      std::string tail =
          "; path one: " + paths[i]->ToListString() + ", path two: " + paths[j]->ToListString();
      if (k == n) {
        return ApiError::Validation(
            "Invalid " + std::string(kind) +
            ": Two document paths overlap with each other; must remove or rewrite one of these "
            "paths" +
            tail);
      }
      if (a[k].is_index() != b[k].is_index()) {
        return ApiError::Validation(
            "Invalid " + std::string(kind) +
            ": Two document paths conflict with each other; must remove or rewrite one of these "
            "paths" +
            tail);
      }
    }
  }
  return Status::OK();
}

}  // namespace ddb::expr
