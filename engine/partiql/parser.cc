#include "partiql/parser.h"

#include <algorithm>

#include "partiql/parse_expr.h"

namespace ddb::partiql {
namespace {

using Kind = Statement::Kind;

// FROM "table" or FROM "table"."index" (an index only where `index` is given).
Status ParseSource(TokenStream& in, Statement* s, bool index_allowed) {
  DDB_ASSIGN_OR_RETURN(s->table, ParseName(in));
  if (!in.Accept(TokenKind::kDot)) return Status::OK();
  if (!index_allowed) {
    return ApiError::Validation(
        "FROM clause may only contain a single table name in data manipulation statements");
  }
  DDB_ASSIGN_OR_RETURN(s->index, ParseName(in));
  if (in.At(TokenKind::kDot)) {
    return ApiError::Validation("A path may contain at most 2 components in the FROM clause");
  }
  return Status::OK();
}

Status ParseProjection(TokenStream& in, Statement* s) {
  do {
    if (in.Accept(TokenKind::kStar)) {
      s->select_all = true;
      continue;
    }
    DDB_ASSIGN_OR_RETURN(expr::Path path, ParsePath(in));
    if (std::find(s->projection.begin(), s->projection.end(), path) != s->projection.end()) {
      return ApiError::Validation("Duplicate identifiers in select clause: " + path.ToString());
    }
    s->projection.push_back(std::move(path));
  } while (in.Accept(TokenKind::kComma));
  if (s->select_all && !s->projection.empty()) {
    return ApiError::Validation(
        "Other attributes should not be present in the projection when '*' is used.");
  }
  return Status::OK();
}

Status ParseOrderBy(TokenStream& in, Statement* s) {
  DDB_RETURN_IF_ERROR(in.ExpectKeyword("BY", "Expected BY after ORDER"));
  do {
    OrderTerm term;
    DDB_ASSIGN_OR_RETURN(term.attribute, ParseName(in));
    if (in.At(TokenKind::kDot) || in.At(TokenKind::kLBracket)) {
      return ApiError::Validation(
          "Argument to ORDER BY must be of type VariableReference. Type: Path");
    }
    if (in.AcceptKeyword("DESC")) {
      term.descending = true;
    } else {
      in.AcceptKeyword("ASC");
    }
    s->order_by.push_back(std::move(term));
  } while (in.Accept(TokenKind::kComma));
  return Status::OK();
}

// The clauses SELECT does not have: named as DynamoDB names them.
Status RefuseUnsupportedClause(const TokenStream& in) {
  for (std::string_view clause : {"GROUP", "HAVING", "LIMIT", "OFFSET"}) {
    if (in.AtKeyword(clause)) {
      std::string name(clause);
      if (clause == "GROUP") name += " BY";
      return ApiError::Validation("Unsupported clause: " + name);
    }
  }
  return Status::OK();
}

Result<Statement> ParseSelect(TokenStream& in) {
  Statement s;
  s.kind = Kind::kSelect;
  if (in.AtKeyword("DISTINCT")) {
    return ApiError::Validation("Unsupported token in expression: DISTINCT");
  }
  DDB_RETURN_IF_ERROR(ParseProjection(in, &s));
  DDB_RETURN_IF_ERROR(in.ExpectKeyword("FROM", "Expected FROM"));
  DDB_RETURN_IF_ERROR(ParseSource(in, &s, true));
  if (in.At(TokenKind::kComma)) {
    return ApiError::Validation("Only select from a single table or index is supported.");
  }
  DDB_RETURN_IF_ERROR(RefuseUnsupportedClause(in));
  if (in.AtKeyword("AS") ||
      (in.At(TokenKind::kIdentifier) && !TokenStream::IsReserved(in.Peek()))) {
    return ApiError::Validation("Aliasing is not supported");
  }
  if (in.AcceptKeyword("WHERE")) {
    DDB_ASSIGN_OR_RETURN(s.where, ParseCondition(in));
  }
  DDB_RETURN_IF_ERROR(RefuseUnsupportedClause(in));
  if (in.AcceptKeyword("ORDER")) DDB_RETURN_IF_ERROR(ParseOrderBy(in, &s));
  DDB_RETURN_IF_ERROR(RefuseUnsupportedClause(in));
  return s;
}

ApiError MultipleItems() {
  return ApiError::Validation(
      "Unsupported operation: Inserting multiple items in a single statement is not "
      "supported, use \"INSERT INTO tableName VALUE item\" instead");
}

Result<Statement> ParseInsert(TokenStream& in) {
  Statement s;
  s.kind = Kind::kInsert;
  DDB_RETURN_IF_ERROR(in.ExpectKeyword("INTO", "Expected INTO after INSERT"));
  DDB_RETURN_IF_ERROR(ParseSource(in, &s, false));
  // SQL's INSERT INTO t (columns) VALUES (...) is not DynamoDB's form.
  if (!in.AcceptKeyword("VALUE")) return TokenStream::Syntax("Unexpected keyword");
  const bool several = in.At(TokenKind::kLBag) || in.At(TokenKind::kLBracket);
  if (several) {
    return MultipleItems();
  }
  DDB_ASSIGN_OR_RETURN(Value item, ParseConstant(in));
  if (item.type != Type::kM) {
    return MultipleItems();
  }
  s.item = std::move(item.map);
  if (in.AtKeyword("RETURNING"))
    return ApiError::Validation("RETURNING is not supported in INSERT");
  return s;
}

// RETURNING ( ALL | MODIFIED ) ( OLD | NEW ) *
Result<Returning> ParseReturning(TokenStream& in) {
  const bool all = in.AcceptKeyword("ALL");
  if (!all && !in.AcceptKeyword("MODIFIED")) return in.Unexpected();
  const bool old = in.AcceptKeyword("OLD");
  if (!old && !in.AcceptKeyword("NEW")) return in.Unexpected();
  if (!in.Accept(TokenKind::kStar)) {
    return ApiError::Validation(
        "Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
  }
  if (in.At(TokenKind::kComma)) {
    return ApiError::Validation(
        "Invalid syntax with multiple returning elements in RETURNING clause");
  }
  if (all) return old ? Returning::kAllOld : Returning::kAllNew;
  return old ? Returning::kModifiedOld : Returning::kModifiedNew;
}

Status ParseAssignments(TokenStream& in, Statement* s) {
  bool any = false;
  for (;;) {
    const bool set = in.AcceptKeyword("SET");
    if (!set && !in.AcceptKeyword("REMOVE")) break;
    any = true;
    do {
      Assignment a;
      a.remove = !set;
      DDB_ASSIGN_OR_RETURN(a.path, ParsePath(in));
      if (set) {
        if (!in.Accept(TokenKind::kEq)) return TokenStream::Syntax("Expected assignment for SET");
        DDB_ASSIGN_OR_RETURN(a.value, ParseOperand(in));
      }
      s->assignments.push_back(std::move(a));
    } while (in.Accept(TokenKind::kComma));
  }
  if (!any) return TokenStream::Syntax("Expected data manipulation");
  return Status::OK();
}

Result<Statement> ParseUpdate(TokenStream& in) {
  Statement s;
  s.kind = Kind::kUpdate;
  DDB_RETURN_IF_ERROR(ParseSource(in, &s, false));
  DDB_RETURN_IF_ERROR(ParseAssignments(in, &s));
  if (in.AcceptKeyword("WHERE")) {
    DDB_ASSIGN_OR_RETURN(s.where, ParseCondition(in));
  }
  if (in.AcceptKeyword("RETURNING")) {
    DDB_ASSIGN_OR_RETURN(s.returning, ParseReturning(in));
  }
  return s;
}

std::string_view ReturningText(Returning r) {
  switch (r) {
    case Returning::kAllNew:
      return "ALL NEW *";
    case Returning::kModifiedOld:
      return "MODIFIED OLD *";
    case Returning::kModifiedNew:
      return "MODIFIED NEW *";
    default:
      return "ALL OLD *";
  }
}

Result<Statement> ParseDelete(TokenStream& in) {
  Statement s;
  s.kind = Kind::kDelete;
  DDB_RETURN_IF_ERROR(in.ExpectKeyword("FROM", "Expected FROM after DELETE"));
  DDB_RETURN_IF_ERROR(ParseSource(in, &s, false));
  if (in.AcceptKeyword("WHERE")) {
    DDB_ASSIGN_OR_RETURN(s.where, ParseCondition(in));
  }
  if (in.AcceptKeyword("RETURNING")) {
    DDB_ASSIGN_OR_RETURN(s.returning, ParseReturning(in));
    if (s.returning != Returning::kAllOld) {
      return ApiError::Validation("Invalid returning clause: RETURNING " +
                                  std::string(ReturningText(s.returning)) +
                                  ". Only RETURNING ALL OLD * is allowed in DELETE statements.");
    }
  }
  return s;
}

Result<Statement> ParseStatement(TokenStream& in) {
  if (in.AcceptKeyword("SELECT")) return ParseSelect(in);
  if (in.AcceptKeyword("INSERT")) return ParseInsert(in);
  if (in.AcceptKeyword("UPDATE")) return ParseUpdate(in);
  if (in.AcceptKeyword("DELETE")) return ParseDelete(in);
  if (in.AcceptKeyword("EXISTS")) {
    DDB_RETURN_IF_ERROR(in.Expect(TokenKind::kLParen));
    DDB_RETURN_IF_ERROR(in.ExpectKeyword("SELECT", "Expected SELECT in EXISTS"));
    DDB_ASSIGN_OR_RETURN(Statement s, ParseSelect(in));
    DDB_RETURN_IF_ERROR(in.Expect(TokenKind::kRParen));
    s.kind = Kind::kExists;
    return s;
  }
  return in.Unexpected();
}

}  // namespace

Result<Statement> Parse(std::string_view statement, const std::vector<Value>& parameters) {
  std::vector<Token> tokens = Tokenize(statement);
  const size_t placeholders = std::count_if(
      tokens.begin(), tokens.end(), [](const Token& t) { return t.kind == TokenKind::kParameter; });
  if (placeholders != parameters.size()) return TokenStream::ParameterCountMismatch();
  TokenStream in(std::move(tokens), parameters);
  DDB_ASSIGN_OR_RETURN(Statement s, ParseStatement(in));
  in.Accept(TokenKind::kSemicolon);
  if (!in.At(TokenKind::kEnd)) {
    if (in.AtKeyword("SELECT") || in.AtKeyword("INSERT") || in.AtKeyword("UPDATE") ||
        in.AtKeyword("DELETE")) {
      return ApiError::Validation("Only one operation is allowed in a statement.");
    }
    return in.Unexpected();
  }
  return s;
}

bool IsSyntaxError(const ApiError& error) {
  return error.message.starts_with(TokenStream::kSyntaxPrefix);
}

}  // namespace ddb::partiql
