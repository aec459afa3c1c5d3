#include "core/number.h"

#include <gtest/gtest.h>

namespace ddb {
namespace {

std::string Canon(std::string_view s) {
  auto n = Number::Parse(s);
  return n.ok() ? n->ToString() : "ERR: " + n.error().message;
}

TEST(NumberTest, NormalisesAsDynamoDBPrints) {
  EXPECT_EQ(Canon("1.50"), "1.5");
  EXPECT_EQ(Canon("1e2"), "100");
  EXPECT_EQ(Canon("-0"), "0");
  EXPECT_EQ(Canon("0.000"), "0");
  EXPECT_EQ(Canon(".5"), "0.5");
  EXPECT_EQ(Canon("+5"), "5");
  EXPECT_EQ(Canon("00012"), "12");
  EXPECT_EQ(Canon("1."), "1");
  EXPECT_EQ(Canon("-12.3400e-2"), "-0.1234");
  EXPECT_EQ(Canon("1E+30"), "1000000000000000000000000000000");
  EXPECT_EQ(Canon("1e-130"), "0." + std::string(129, '0') + "1");
}

TEST(NumberTest, RejectsWhatDynamoDBRejects) {
  // The service echoes the text, except an empty one (docs/notes/service-errors.md §1.8).
  EXPECT_EQ(Canon(""), "ERR: The parameter cannot be converted to a numeric value");
  for (std::string bad : {"abc", " 1", "0x10", "NaN", "Infinity", "1e", "--1", "1.2.3"}) {
    EXPECT_EQ(Canon(bad), "ERR: The parameter cannot be converted to a numeric value: " + bad)
        << bad;
  }
  EXPECT_EQ(Canon("123456789012345678901234567890123456789"),
            "ERR: Attempting to store more than 38 significant digits in a Number");
  EXPECT_EQ(Canon("1" + std::string(500, '1')),
            "ERR: Attempting to store more than 38 significant digits in a Number");
  EXPECT_EQ(Canon("1" + std::string(500, '0')).substr(0, 20), "ERR: Number overflow");
  EXPECT_EQ(Canon("1" + std::string(120, '0')), "1" + std::string(120, '0'));
  EXPECT_EQ(Canon("12345678901234567890123456789012345678"),
            "12345678901234567890123456789012345678");
  EXPECT_NE(Canon("1e126").find("overflow"), std::string::npos);
  EXPECT_NE(Canon("1e-131").find("underflow"), std::string::npos);
  EXPECT_EQ(Canon("9.9999999999999999999999999999999999999E+125").size(), 126u);
}

TEST(NumberTest, ArithmeticIsExact) {
  auto add = [](const char* a, const char* b) {
    return Number::Parse(a)->Add(*Number::Parse(b))->ToString();
  };
  auto sub = [](const char* a, const char* b) {
    return Number::Parse(a)->Subtract(*Number::Parse(b))->ToString();
  };
  EXPECT_EQ(add("0.1", "0.2"), "0.3");
  EXPECT_EQ(add("99999999999999999999999999999999999999", "-1"),
            "99999999999999999999999999999999999998");
  EXPECT_EQ(sub("1.50", "0.50"), "1");
  EXPECT_EQ(add("-5", "3"), "-2");
  EXPECT_EQ(add("5", "-5"), "0");
  EXPECT_EQ(sub("-1e-10", "1e-10"), "-0.0000000002");
  EXPECT_FALSE(
      Number::Parse("99999999999999999999999999999999999999")->Add(*Number::Parse("0.1")).ok());
}

TEST(NumberTest, ComparesNumerically) {
  auto cmp = [](const char* a, const char* b) {
    return Number::Parse(a)->Compare(*Number::Parse(b));
  };
  EXPECT_LT(cmp("2", "10"), 0);
  EXPECT_LT(cmp("-10", "-2"), 0);
  EXPECT_EQ(cmp("1.0", "1"), 0);
  EXPECT_GT(cmp("0.5", "-100"), 0);
  EXPECT_LT(cmp("0", "0.0001"), 0);
  EXPECT_GT(cmp("0", "-0.0001"), 0);
  EXPECT_LT(cmp("1.5", "1.55"), 0);
}

}  // namespace
}  // namespace ddb
