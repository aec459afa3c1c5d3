#include "cli/output.h"

#include <gtest/gtest.h>

namespace cruddur {
namespace {

TEST(OutputTest, AsciiTableAsTheAwsCliDrawsIt) {
  EXPECT_EQ(AsciiTable("ListTables", {"cruddur-messages"}),
            "----------------------\n"
            "|     ListTables     |\n"
            "+--------------------+\n"
            "|  cruddur-messages  |\n"
            "+--------------------+\n");
  EXPECT_EQ(AsciiTable("ListTables", {"abc"}),
            "------------\n|ListTables|\n+----------+\n|  abc     |\n+----------+\n");
  EXPECT_EQ(AsciiTable("ListTables", {}), "");
}

TEST(OutputTest, JsonAsPythonPrintsIt) {
  auto out = PrettyJson(R"({"b":1.5,"a":[{"S":"\u00e9\ud83d\ude00"}],"c":{},"d":[],"e":2.0})",
                        kPythonJson);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out,
            "{\n  \"a\": [\n    {\n      \"S\": \"\\u00e9\\ud83d\\ude00\"\n    }\n  ],\n"
            "  \"b\": 1.5,\n  \"c\": {},\n  \"d\": [],\n  \"e\": 2.0\n}");
  auto cli = PrettyJson(R"({"z":"\u00e9","a":1})", kAwsCliJson);
  EXPECT_EQ(*cli, "{\n    \"z\": \"\xc3\xa9\",\n    \"a\": 1\n}");
  EXPECT_FALSE(PrettyJson("{nope", kPythonJson).ok());
}

TEST(OutputTest, ItemsAsPythonReprs) {
  ddb::Item item{{"pk", ddb::Value::S("it's")},
                 {"n", ddb::Value::N("5")},
                 {"t", ddb::Value::Bool(true)},
                 {"l", ddb::Value::OfList({ddb::Value::S("a\nb"), ddb::Value::Null()})}};
  EXPECT_EQ(PythonRepr(item),
            "{'l': ['a\\nb', None], 'n': Decimal('5'), 'pk': \"it's\", 't': True}");
}

}  // namespace
}  // namespace cruddur
