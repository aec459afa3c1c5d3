#include "partiql/translate.h"

#include <gtest/gtest.h>

#include "partiql/parser.h"

namespace ddb::partiql {
namespace {

Statement MustParse(std::string_view text) {
  auto parsed = Parse(text, {});
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
  return parsed.ok() ? std::move(parsed).value() : Statement{};
}

// Renders the WHERE of `statement` and checks that the expression language accepts it.
std::string Where(std::string_view statement, Placeholders* p) {
  Statement s = MustParse(statement);
  auto text = RenderCondition(*s.where, p);
  EXPECT_TRUE(text.ok()) << (text.ok() ? "" : text.error().message);
  if (!text.ok()) return "";
  expr::ParseContext ctx;
  ctx.names = &p->names();
  ctx.values = &p->values();
  auto parsed = expr::ParseCondition(*text, "ConditionExpression", ctx);
  EXPECT_TRUE(parsed.ok()) << *text << ": " << (parsed.ok() ? "" : parsed.error().message);
  return *text;
}

TEST(PartiqlTranslateTest, ConditionsBecomeExpressionsWithPlaceholders) {
  Placeholders p;
  EXPECT_EQ(Where("SELECT * FROM t WHERE a.b[1] = 'x' AND (c < 3 OR NOT d IN [1, 2])", &p),
            "(#n0.#n1[1] = :v0) AND ((#n2 < :v1) OR (NOT (#n3 IN (:v2, :v3))))");
  EXPECT_EQ(p.names().at("#n0"), "a");
  EXPECT_EQ(p.values().at(":v0"), Value::S("x"));
  Placeholders q;
  EXPECT_EQ(Where("SELECT * FROM t WHERE x IS MISSING AND y IS NOT MISSING AND z IS NULL AND "
                  "begins_with(s, 'p') AND exists(e) AND size(l) BETWEEN 1 AND 2",
                  &q),
            "(((((attribute_not_exists(#n0)) AND (attribute_exists(#n1))) AND "
            "(attribute_type(#n2, :v0))) AND (begins_with(#n3, :v1))) AND "
            "(attribute_exists(#n4))) AND (size(#n5) BETWEEN :v2 AND :v3)");
  EXPECT_EQ(q.values().at(":v0"), Value::S("NULL"));
}

TEST(PartiqlTranslateTest, ConditionsTheLanguageCannotSayAreRefused) {
  Placeholders p;
  auto missing = RenderCondition(*MustParse("SELECT * FROM t WHERE a = MISSING").where, &p);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "MISSING must be compared using IS operator");
  auto unknown = RenderCondition(*MustParse("SELECT * FROM t WHERE upper(a) = 'A'").where, &p);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message, "Unrecognized function: upper");
}

TEST(PartiqlTranslateTest, UpdatesBecomeSetRemoveAddDelete) {
  Statement s = MustParse(
      "UPDATE t SET a = a + 1 SET b = list_append(b, [2]) SET c = set_add(c, <<'x'>>) "
      "SET d = set_delete(d, <<1>>) REMOVE e WHERE pk = 'k'");
  Placeholders p;
  auto text = RenderUpdate(s.assignments, &p);
  ASSERT_TRUE(text.ok()) << text.error().message;
  EXPECT_EQ(*text,
            "SET #n0 = #n0 + :v0, #n1 = list_append(#n1, :v1) REMOVE #n4 ADD #n2 :v2 "
            "DELETE #n3 :v3");
  expr::ParseContext ctx;
  ctx.names = &p.names();
  ctx.values = &p.values();
  EXPECT_TRUE(expr::ParseUpdate(*text, ctx).ok());
  Statement wrong = MustParse("UPDATE t SET c = set_add(d, <<'x'>>) WHERE pk = 'k'");
  auto refused = RenderUpdate(wrong.assignments, &p);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message,
            "The first argument to SET_ADD must equal the assignment value");
}

TEST(PartiqlTranslateTest, KeyEqualitiesAreFoundOnEitherSide) {
  Statement s = MustParse("SELECT * FROM t WHERE 'k' = pk AND sk > 3 AND other = 1");
  auto terms = Conjuncts(*s.where);
  ASSERT_EQ(terms.size(), 3u);
  size_t index = 99;
  auto pk = KeyEquality(terms, "pk", &index);
  ASSERT_TRUE(pk.ok());
  ASSERT_TRUE(pk->has_value());
  EXPECT_EQ(**pk, Value::S("k"));
  EXPECT_EQ(index, 0u);
  auto sk = KeyEquality(terms, "sk", &index);
  ASSERT_TRUE(sk.ok());
  EXPECT_FALSE(sk->has_value());
  Statement twice = MustParse("DELETE FROM t WHERE pk = 'a' AND pk = 'b'");
  auto conflict = KeyEquality(Conjuncts(*twice.where), "pk", &index);
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.error().message,
            "Multiple conditions on same key pk. Only single item Update/Insert/Delete are "
            "supported");
}

TEST(PartiqlTranslateTest, OneArithmeticOperationPerValue) {
  Placeholders p;
  for (const char* text : {"UPDATE t SET a = a + b + 1 WHERE pk = 'k'",
                           "UPDATE t SET a = list_append(a + 1, [2]) WHERE pk = 'k'"}) {
    Statement s = MustParse(text);
    auto refused = RenderUpdate(s.assignments, &p);
    ASSERT_FALSE(refused.ok()) << text;
    EXPECT_EQ(refused.error().message,
              "Only one + or - between a path or value and another is supported");
  }
}

TEST(PartiqlTranslateTest, AOneValueInIsAKeyEquality) {
  Statement s = MustParse("SELECT * FROM t WHERE sk = '1' AND pk IN ['k'] AND x IN ['a', 'b']");
  auto terms = Conjuncts(*s.where);
  size_t index = 99;
  auto pk = KeyEquality(terms, "pk", &index);
  ASSERT_TRUE(pk.ok() && pk->has_value());
  EXPECT_EQ(**pk, Value::S("k"));
  EXPECT_EQ(index, 1u);
  auto x = KeyEquality(terms, "x", &index);  // Two values: not an equality.
  ASSERT_TRUE(x.ok());
  EXPECT_FALSE(x->has_value());
}

}  // namespace
}  // namespace ddb::partiql
