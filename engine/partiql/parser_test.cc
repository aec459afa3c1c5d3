#include "partiql/parser.h"

#include <gtest/gtest.h>

namespace ddb::partiql {
namespace {

Statement MustParse(std::string_view text, const std::vector<Value>& parameters = {}) {
  auto parsed = Parse(text, parameters);
  EXPECT_TRUE(parsed.ok()) << text << ": " << (parsed.ok() ? "" : parsed.error().message);
  return parsed.ok() ? std::move(parsed).value() : Statement{};
}

std::string ErrorOf(std::string_view text, const std::vector<Value>& parameters = {}) {
  auto parsed = Parse(text, parameters);
  if (parsed.ok()) return "(parsed)";
  EXPECT_EQ(parsed.error().kind, ErrorKind::kValidation);
  return parsed.error().message;
}

TEST(PartiqlParserTest, ExistsHoldsASelect) {
  Statement s = MustParse(R"(EXISTS (SELECT * FROM "T" WHERE pk = ? AND n > 1))", {Value::S("k")});
  EXPECT_EQ(s.kind, Statement::Kind::kExists);
  EXPECT_EQ(s.table, "T");
  EXPECT_TRUE(s.select_all);
  ASSERT_TRUE(s.where.has_value());
  EXPECT_EQ(s.where->kind, ExprKind::kAnd);
  EXPECT_EQ(ErrorOf(R"(EXISTS (SELECT * FROM "T" WHERE pk = 1)"),
            "Statement wasn't well formed, can't be processed: Unexpected end of input");
  EXPECT_EQ(ErrorOf(R"(EXISTS (DELETE FROM "T" WHERE pk = 1))"),
            "Statement wasn't well formed, can't be processed: Expected SELECT in EXISTS");
}

TEST(PartiqlParserTest, SelectFromTableOrIndexWithConditionsAndOrder) {
  Statement s =
      MustParse(R"(select a, "b c".d[2], e['f'] FROM "Music"."by-artist" )"
                R"(WHERE Artist = 'Acme' AND Year BETWEEN 1990 AND 2000 OR NOT x IN [1, -2.50] )"
                R"(ORDER BY Artist DESC, Year)");
  EXPECT_EQ(s.kind, Statement::Kind::kSelect);
  EXPECT_EQ(s.table, "Music");
  EXPECT_EQ(s.index, "by-artist");
  ASSERT_EQ(s.projection.size(), 3u);
  EXPECT_EQ(s.projection[1].ToString(), "b c.d[2]");
  EXPECT_EQ(s.projection[2].ToString(), "e.f");
  ASSERT_TRUE(s.where.has_value());
  ASSERT_EQ(s.where->kind, ExprKind::kOr);  // AND binds tighter than OR.
  EXPECT_EQ(s.where->args[0].kind, ExprKind::kAnd);
  const Expr& in = s.where->args[1].args[0];
  ASSERT_EQ(in.kind, ExprKind::kIn);
  ASSERT_EQ(in.args.size(), 3u);
  EXPECT_EQ(in.args[2].value, Value::N("-2.5"));  // Canonical numbers.
  ASSERT_EQ(s.order_by.size(), 2u);
  EXPECT_TRUE(s.order_by[0].descending);
  EXPECT_FALSE(s.order_by[1].descending);
}

TEST(PartiqlParserTest, ParametersAreBoundInOrder) {
  Statement s =
      MustParse("SELECT * FROM t WHERE pk = ? AND sk > ?", {Value::S("one"), Value::N("2")});
  EXPECT_TRUE(s.select_all);
  EXPECT_EQ(s.where->args[0].args[1].value, Value::S("one"));
  EXPECT_EQ(s.where->args[1].args[1].value, Value::N("2"));
  EXPECT_EQ(ErrorOf("SELECT * FROM t WHERE pk = ?", {}),
            "Number of parameters in request and statement don't match.");
  EXPECT_EQ(ErrorOf("SELECT * FROM t WHERE pk = '?'", {Value::S("x")}),
            "Number of parameters in request and statement don't match.");
}

TEST(PartiqlParserTest, InsertTakesOneItemOfEveryLiteralType) {
  Statement s = MustParse(
      "INSERT INTO \"t\" VALUE {'pk': 'it''s', 'n': 1e2, 'b': TRUE, 'z': NULL, "
      "'l': [1, 'a', [ ]], 'm': {'k': {'x': false}}, 'ss': <<'a', 'b', 'a'>>, 'ns': <<1, 2>>}");
  EXPECT_EQ(s.kind, Statement::Kind::kInsert);
  EXPECT_EQ(s.item.at("pk"), Value::S("it's"));
  EXPECT_EQ(s.item.at("n"), Value::N("100"));
  EXPECT_EQ(s.item.at("b"), Value::Bool(true));
  EXPECT_EQ(s.item.at("z"), Value::Null());
  EXPECT_EQ(s.item.at("l").list.size(), 3u);
  EXPECT_EQ(s.item.at("m").map.at("k").map.at("x"), Value::Bool(false));
  EXPECT_EQ(s.item.at("ss"), Value::Set(Type::kSS, {"a", "b"}));
  EXPECT_EQ(s.item.at("ns"), Value::Set(Type::kNS, {"1", "2"}));
  EXPECT_EQ(ErrorOf("INSERT INTO t VALUE {'a': <<>>}"), "Empty bags are not supported");
  EXPECT_EQ(ErrorOf("INSERT INTO t VALUE {'a': <<1, 'x'>>}"),
            "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in "
            "bags");
  // As the service words it: the tuple's path and the duplicate's line:column:length.
  EXPECT_EQ(ErrorOf("INSERT INTO t VALUE {'a': 1, 'a': 2}"),
            "Duplicate keys in tuple. Key: a under root at 1:30:3");
  EXPECT_EQ(ErrorOf("INSERT INTO t VALUE {'m': [1, {'b': 1,\n 'b': 2}]}"),
            "Duplicate keys in tuple. Key: b under root.m[1] at 2:2:3");
  EXPECT_EQ(
      ErrorOf("INSERT INTO t VALUE <<{'a': 1}>>").rfind("Unsupported operation: Inserting", 0), 0u);
  EXPECT_EQ(ErrorOf("INSERT INTO t (a) VALUES (1)"),
            "Statement wasn't well formed, can't be processed: Unexpected keyword");
  EXPECT_EQ(ErrorOf("INSERT INTO t VALUE {'a': 1} RETURNING ALL OLD *"),
            "RETURNING is not supported in INSERT");
}

TEST(PartiqlParserTest, UpdateWithSetRemoveFunctionsAndReturning) {
  Statement s = MustParse(
      "UPDATE t SET a = a + 1, b = list_append(b, [2]) SET c = set_add(c, <<'x'>>) "
      "REMOVE d[1], e WHERE pk = 'k' AND a IS NOT MISSING RETURNING MODIFIED NEW *");
  EXPECT_EQ(s.kind, Statement::Kind::kUpdate);
  ASSERT_EQ(s.assignments.size(), 5u);
  EXPECT_EQ(s.assignments[0].value.kind, ExprKind::kPlus);
  EXPECT_EQ(s.assignments[1].value.kind, ExprKind::kCall);
  EXPECT_EQ(s.assignments[1].value.function, "list_append");
  EXPECT_EQ(s.assignments[2].value.function, "set_add");
  EXPECT_TRUE(s.assignments[3].remove);
  EXPECT_EQ(s.assignments[3].path.ToString(), "d[1]");
  const Expr& is = s.where->args[1];
  ASSERT_EQ(is.kind, ExprKind::kIs);
  EXPECT_TRUE(is.negated);
  EXPECT_EQ(is.type_name, "MISSING");
  EXPECT_EQ(s.returning, Returning::kModifiedNew);
  EXPECT_EQ(ErrorOf("UPDATE Payment-x SET a = 1 WHERE pk = 'a'"),
            "Statement wasn't well formed, can't be processed: Expected data manipulation");
  EXPECT_EQ(ErrorOf("UPDATE t SET a WHERE pk = 'a'"),
            "Statement wasn't well formed, can't be processed: Expected assignment for SET");
  EXPECT_EQ(ErrorOf("UPDATE t SET a = 1 WHERE pk = 'a' RETURNING ALL NEW"),
            "Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
}

TEST(PartiqlParserTest, DeleteAndItsOnlyReturning) {
  Statement s = MustParse("delete from t where pk = 1 returning all old *");
  EXPECT_EQ(s.kind, Statement::Kind::kDelete);
  EXPECT_EQ(s.returning, Returning::kAllOld);
  EXPECT_EQ(ErrorOf("DELETE t WHERE pk = 1"),
            "Statement wasn't well formed, can't be processed: Expected FROM after DELETE");
  EXPECT_EQ(ErrorOf("DELETE FROM t WHERE pk = 1 RETURNING ALL NEW *"),
            "Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL OLD * is allowed "
            "in DELETE statements.");
}

TEST(PartiqlParserTest, FunctionsAndPredicates) {
  Statement s = MustParse(
      "SELECT * FROM t WHERE begins_with(sk, 'a') AND CONTAINS(tags, 'x') AND size(l) > 2 "
      "AND attribute_type(v, 'S') AND x IS NULL AND y NOT BETWEEN 1 AND 2 AND z NOT IN (1)");
  std::vector<const Expr*> terms;
  const Expr* e = &*s.where;
  while (e->kind == ExprKind::kAnd) {
    terms.insert(terms.begin(), &e->args[1]);
    e = &e->args[0];
  }
  terms.insert(terms.begin(), e);
  ASSERT_EQ(terms.size(), 7u);
  EXPECT_EQ(terms[0]->function, "begins_with");
  EXPECT_EQ(terms[1]->function, "contains");  // Function names in any case.
  EXPECT_EQ(terms[2]->args[0].function, "size");
  EXPECT_EQ(terms[4]->type_name, "NULL");
  EXPECT_EQ(terms[5]->kind, ExprKind::kNot);
  EXPECT_EQ(terms[5]->args[0].kind, ExprKind::kBetween);
  EXPECT_EQ(terms[6]->args[0].kind, ExprKind::kIn);
}

TEST(PartiqlParserTest, RefusesWhatTheDialectDoesNot) {
  EXPECT_EQ(ErrorOf("SELECT *, a FROM t"),
            "Other attributes should not be present in the projection when '*' is used.");
  EXPECT_EQ(ErrorOf("SELECT a, a FROM t"), "Duplicate identifiers in select clause: a");
  EXPECT_EQ(ErrorOf("SELECT * FROM t AS x"), "Aliasing is not supported");
  EXPECT_EQ(ErrorOf("SELECT * FROM t GROUP BY a"), "Unsupported clause: GROUP BY");
  EXPECT_EQ(ErrorOf("SELECT * FROM a.b.c"),
            "A path may contain at most 2 components in the FROM clause");
  EXPECT_EQ(ErrorOf("SELECT * FROM t; SELECT * FROM t"),
            "Only one operation is allowed in a statement.");
  EXPECT_EQ(ErrorOf("DROP TABLE t"),
            "Statement wasn't well formed, can't be processed: Unexpected term");
  EXPECT_EQ(ErrorOf("SELECT * FROM t WHERE"),
            "Statement wasn't well formed, can't be processed: Unexpected end of input");
  EXPECT_EQ(ErrorOf("SELECT * FROM t WHERE a = 'open"),
            "Statement wasn't well formed, can't be processed: Unexpected token");
  EXPECT_EQ(ErrorOf("SELECT * FROM t WHERE a[99999999999999999999] = 1"),
            "Statement wasn't well formed, can't be processed: Unexpected token");
}

}  // namespace
}  // namespace ddb::partiql
