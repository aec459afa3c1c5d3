#include "expr/parser.h"

#include <gtest/gtest.h>

#include "expr/eval.h"
#include "expr/paths.h"
#include "expr/update.h"

namespace ddb::expr {
namespace {

class ParserTest : public ::testing::Test {
 protected:
  ParserTest() {
    values_[":v"] = Value::N("5");
    values_[":s"] = Value::S("ab");
    values_[":l"] = Value::OfList({Value::N("9")});
    names_["#n"] = "name";
    ctx_.names = &names_;
    ctx_.values = &values_;
  }
  std::string Cond(std::string_view text) {
    auto c = ParseCondition(text, "ConditionExpression", ctx_);
    return c.ok() ? c->ToString() : "ERR: " + c.error().message;
  }
  bool Eval(std::string_view text, const Item& item) {
    auto c = ParseCondition(text, "ConditionExpression", ctx_);
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
    return c.ok() && Evaluate(*c, item);
  }
  Item Update(std::string_view text, Item item) {
    auto u = ParseUpdate(text, ctx_);
    EXPECT_TRUE(u.ok()) << u.error().message;
    if (u.ok()) {
      EXPECT_TRUE(ApplyUpdate(*u, item).ok());
    }
    return item;
  }
  NameMap names_;
  Item values_;
  ParseContext ctx_;
};

TEST_F(ParserTest, PrecedenceIsNotThenAndThenOr) {
  EXPECT_EQ(Cond("a = :v OR b = :v AND NOT c = :v"), "(a = :v OR (b = :v AND (NOT c = :v)))");
  EXPECT_EQ(Cond("(a = :v OR b = :v) AND c = :v"), "((a = :v OR b = :v) AND c = :v)");
  EXPECT_EQ(Cond("a.b[2].#n BETWEEN :v AND :v"), "a.b[2].name BETWEEN :v AND :v");
  EXPECT_EQ(Cond("size(a) > :v"), "size(a) > :v");
  EXPECT_EQ(Cond("a IN (:v, :s)"), "a IN (:v, :s)");
}

TEST_F(ParserTest, SyntaxErrorsQuoteTheTokenAndItsNeighbours) {
  EXPECT_EQ(Cond("a == :v"),
            "ERR: Invalid ConditionExpression: Syntax error; token: \"=\", near: \"== :v\"");
  EXPECT_EQ(Cond("a = "),
            "ERR: Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"= \"");
  EXPECT_EQ(
      Cond("attribute_exists a"),
      "ERR: Invalid ConditionExpression: Syntax error; token: \"a\", near: \"attribute_exists a\"");
}

TEST_F(ParserTest, ParenthesesFollowDynamoDB) {
  EXPECT_EQ(Cond("(a) = :v"), "a = :v");
  EXPECT_EQ(Cond("((a = :v) OR b = :v)"), "(a = :v OR b = :v)");
  EXPECT_EQ(Cond("((a = :v))"),
            "ERR: Invalid ConditionExpression: The expression has redundant parentheses;");
  EXPECT_EQ(Cond("AND a = :v"),
            "ERR: Invalid ConditionExpression: Syntax error; token: \"AND\", near: \"AND a\"");
  EXPECT_EQ(Cond("  "),
            "ERR: Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"  \"");
}

// Found by the expression fuzzer: a thousand '(' exhausted the stack of a sanitizer build.
TEST_F(ParserTest, DeepNestingIsASyntaxErrorNotACrash) {
  EXPECT_NE(Cond(std::string(4000, '(') + "a = :v")
                .find("ERR: Invalid ConditionExpression: "
                      "Syntax error; token: \"(\""),
            std::string::npos);
  std::string nots;
  for (int i = 0; i < 1000; ++i) nots += "NOT ";
  EXPECT_NE(Cond(nots + "a = :v").find("Syntax error"), std::string::npos);
  // Deep but reasonable nesting still parses.
  std::string nested = "a = :v";
  for (int i = 0; i < 40; ++i) nested = "(" + nested + " OR b = :v)";
  EXPECT_EQ(Cond(nested).rfind("ERR", 0), std::string::npos);
}

TEST_F(ParserTest, EnforcesExpressionLimits) {
  std::string many = "a = :v";
  for (int i = 0; i < 150; ++i) many += " AND a" + std::to_string(i) + " = :v";
  EXPECT_EQ(Cond(many).rfind("ERR: Invalid ConditionExpression: The expression contains too many "
                             "operators; operator count: 301",
                             0),
            0u);
  EXPECT_EQ(Cond("a = :v" + std::string(4091, ' ')),
            "ERR: Invalid ConditionExpression: Expression size has exceeded the maximum allowed "
            "size; expression size: 4097");
  EXPECT_EQ(Cond("a < :l"),
            "ERR: Invalid ConditionExpression: Incorrect operand type for operator or function; "
            "operator or function: <, operand type: L");
}

TEST_F(ParserTest, ResolvesAndReportsPlaceholders) {
  EXPECT_EQ(Cond("a = :nope"),
            "ERR: Invalid ConditionExpression: An expression attribute value used in expression is "
            "not defined; attribute value: :nope");
  EXPECT_EQ(Cond("#x = :v"),
            "ERR: Invalid ConditionExpression: An expression attribute name used in the document "
            "path is not defined; attribute name: #x");
  EXPECT_EQ(Cond("status = :v"),
            "ERR: Invalid ConditionExpression: Attribute name is a reserved keyword; reserved "
            "keyword: status");
  EXPECT_EQ(Cond("foo(a)"),
            "ERR: Invalid ConditionExpression: Invalid function name; function: foo");
  ParseContext fresh;
  fresh.values = &values_;
  ASSERT_TRUE(ParseCondition("a = :v", "ConditionExpression", fresh).ok());
  Status s = CheckAllUsed(fresh, true, "");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message,
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {:l, :s}");
}

TEST_F(ParserTest, EvaluatesComparisonsAndFunctions) {
  Item item{{"a", Value::N("5")}, {"s", Value::S("abc")}, {"l", Value::OfList({Value::N("9")})}};
  EXPECT_TRUE(Eval("a = :v", item));
  EXPECT_FALSE(Eval("a < :v", item));
  EXPECT_FALSE(Eval("s < :v", item));  // Different types never compare.
  EXPECT_TRUE(Eval("absent <> :v", item));
  EXPECT_TRUE(Eval("begins_with(s, :s)", item));
  EXPECT_TRUE(Eval("contains(l, :l) OR size(l) = :v OR attribute_exists(l[0])", item));
  EXPECT_TRUE(Eval("attribute_not_exists(absent) AND NOT attribute_exists(l[1])", item));
  EXPECT_TRUE(Eval("a BETWEEN :v AND :v", item));
}

TEST_F(ParserTest, UpdatesApplyAgainstTheOldItem) {
  Item item{{"a", Value::N("1")}, {"l", Value::OfList({Value::N("1"), Value::N("2")})}};
  Item out =
      Update("SET a = a + :v, b = if_not_exists(b, :s), l = list_append(l, :l) REMOVE c", item);
  EXPECT_EQ(out["a"], Value::N("6"));
  EXPECT_EQ(out["b"], Value::S("ab"));
  EXPECT_EQ(out["l"].list.size(), 3u);
  Item removed = Update("REMOVE l[0], l[1]", item);
  EXPECT_TRUE(removed["l"].list.empty());
}

TEST_F(ParserTest, OverlappingUpdatePathsAreRejected) {
  auto u = ParseUpdate("SET a = :v REMOVE a.b", ctx_);
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.error().message,
            "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
            "rewrite one of these paths; path one: [a], path two: [a, b]");
  auto twice = ParseUpdate("SET a = :v SET b = :v", ctx_);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().message,
            "Invalid UpdateExpression: The \"SET\" section can only be used once in an update "
            "expression;");
}

TEST_F(ParserTest, ProjectionKeepsNestedShape) {
  auto paths = ParseProjection("m.x, l[1]", ctx_);
  ASSERT_TRUE(paths.ok());
  Item item{{"m", Value::OfMap({{"x", Value::N("1")}, {"y", Value::N("2")}})},
            {"l", Value::OfList({Value::S("a"), Value::S("b")})},
            {"other", Value::Null()}};
  Item projected = Project(item, *paths);
  EXPECT_EQ(projected.size(), 2u);
  EXPECT_EQ(projected["m"].map.size(), 1u);
  EXPECT_EQ(projected["l"].list[0], Value::S("b"));
}

TEST_F(ParserTest, KeyConditionShapeNeedsNoTable) {
  // The service's answers before any table lookup (docs/notes/service-errors.md §2.9).
  auto key = [&](std::string_view text) {
    auto c = ParseCondition(text, "KeyConditionExpression", ctx_);
    return c.ok() ? std::string("ok") : c.error().message;
  };
  EXPECT_EQ(key("a = :v AND b > :v"), "ok");
  EXPECT_EQ(key(":v = a AND begins_with(b, :s)"), "ok");
  EXPECT_EQ(key("a = :v OR b = :v"), "Invalid operator used in KeyConditionExpression: OR");
  EXPECT_EQ(key("a <> :v"), "Invalid operator used in KeyConditionExpression: <>");
  EXPECT_EQ(key("contains(a, :s)"), "Invalid operator used in KeyConditionExpression: contains");
  EXPECT_EQ(key("a > size(b)"), "KeyConditionExpressions cannot contain nested operations");
  EXPECT_EQ(key("b > a.b"),
            "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
            "condition");
  EXPECT_EQ(key("a.d > :v"), "KeyConditionExpressions cannot have conditions on nested attributes");
  EXPECT_EQ(key(":v > :s AND a < :v"),
            "Invalid condition in KeyConditionExpression: No key attribute specified");
  EXPECT_EQ(key("b > :v AND b < :v"),
            "KeyConditionExpressions must only contain one condition per key");
  EXPECT_EQ(key(":v BETWEEN a AND b"),
            "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key "
            "attribute as its first operand");
  EXPECT_EQ(key("begins_with(:s, a)"),
            "Invalid condition in KeyConditionExpression: begins_with operator must have the key "
            "attribute as its first operand");
  EXPECT_EQ(key("a = :v AND b = :v AND c = :v AND d = :v AND e = :v AND f = :v AND g = :v AND "
                "h = :v AND i = :v"),
            "Conditions can be of length 1 or 2 only");
}

}  // namespace
}  // namespace ddb::expr
