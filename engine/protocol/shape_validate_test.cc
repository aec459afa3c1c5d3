// The validation layer over real requests: the service's order (types, required parameters,
// constraints), its paths and its limits, run under the sanitizers with the unit tests.
#include <gtest/gtest.h>

#include <string>

#include "protocol/shape.h"

namespace ddb::protocol {
namespace {

// The error message ValidateRequest gives `json` for `operation` ("" if none).
std::string Check(std::string_view operation, const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::object request = parser.parse(json).get_object().value();
  const OperationShape* shape = FindOperationShape(operation);
  EXPECT_NE(shape, nullptr) << operation;
  Status s = ValidateRequest(*shape, request);
  return s.ok() ? "" : s.error().message;
}

TEST(ShapeValidate, AcceptsAValidRequest) {
  EXPECT_EQ(Check("GetItem", R"({"TableName":"abc","Key":{"k":{"S":"v"}}})"), "");
}

TEST(ShapeValidate, TypesComeFirst) {
  EXPECT_EQ(Check("GetItem", R"({"TableName":5,"Limit":"x"})"),
            "NUMBER_VALUE cannot be converted to String");
  EXPECT_EQ(Check("Query", R"({"TableName":"abc","Limit":"5"})"),
            "STRING_VALUE cannot be converted to Integer");
  EXPECT_EQ(Check("CreateTable", R"({"TableName":"abc","KeySchema":["x"]})"),
            "Unexpected value type in payload");
  EXPECT_EQ(Check("CreateTable", R"({"TableName":"abc","ProvisionedThroughput":[]})"),
            "Unrecognized collection type class "
            "com.amazonaws.dynamodb.v20120810.ProvisionedThroughput");
}

TEST(ShapeValidate, RequiredParameterThenNameLength) {
  EXPECT_EQ(Check("DescribeTable", "{}"),
            "The parameter 'TableName' is required but was not present in the request");
  EXPECT_EQ(Check("DescribeTable", R"({"TableName":"ab"})"),
            "TableName must be at least 3 characters long and at most 255 characters long");
  EXPECT_EQ(Check("DescribeTable", R"({"TableName":"arn:aws:dynamodb:r:1:table/abc"})"), "");
}

TEST(ShapeValidate, ConstraintsListedTogetherInOrder) {
  EXPECT_EQ(Check("GetItem", R"({"TableName":"a;"})"),
            "3 validation errors detected: "
            "Value 'a;' at 'tableName' failed to satisfy constraint: Member must satisfy regular "
            "expression pattern: [a-zA-Z0-9_.-]+; "
            "Value 'a;' at 'tableName' failed to satisfy constraint: Member must have length "
            "greater than or equal to 3; "
            "Value null at 'key' failed to satisfy constraint: Member must not be null");
  EXPECT_EQ(Check("CreateTable", R"({"TableName":"abc","AttributeDefinitions":[],
                     "KeySchema":[{"AttributeName":"k","KeyType":"FIRST"}],
                     "ProvisionedThroughput":{"ReadCapacityUnits":0,"WriteCapacityUnits":0}})"),
            "3 validation errors detected: "
            "Value '0' at 'provisionedThroughput.writeCapacityUnits' failed to satisfy "
            "constraint: Member must have value greater than or equal to 1; "
            "Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy "
            "constraint: Member must have value greater than or equal to 1; "
            "Value 'FIRST' at 'keySchema.1.member.keyType' failed to satisfy constraint: Member "
            "must satisfy enum value set: [HASH, RANGE]");
}

TEST(ShapeValidate, AtMostTenViolations) {
  std::string keys;
  for (int i = 0; i < 12; ++i) keys += std::string(i ? "," : "") + R"({"KeyType":"X"})";
  std::string message = Check("CreateTable", R"({"TableName":"abc","KeySchema":[)" + keys + "]}");
  EXPECT_EQ(message.rfind("10 validation errors detected: ", 0), 0u) << message;
}

TEST(ShapeValidate, MapValuesReportedAtTheMap) {
  EXPECT_EQ(Check("BatchWriteItem", R"({"RequestItems":{"abc":[]}})"),
            "1 validation error detected: Value '{abc=[]}' at 'requestItems' failed to satisfy "
            "constraint: Map value must satisfy constraint: [Member must have length less than "
            "or equal to 25, Member must have length greater than or equal to 1]");
}

TEST(ShapeValidate, LengthsInUtf16Units) {
  EXPECT_EQ(Utf16Length("abc"), 3u);
  EXPECT_EQ(Utf16Length("\xc3\xa9t\xc3\xa9"), 3u);  // été
  EXPECT_EQ(Utf16Length("\xf0\x9f\x98\x80"), 2u);   // one emoji, a surrogate pair
  // 100 three-byte characters are 100 units, within a 255-unit attribute name.
  std::string name;
  for (int i = 0; i < 100; ++i) name += "\xe5\x90\x8d";
  EXPECT_EQ(
      Check("CreateTable", R"({"TableName":"abc","AttributeDefinitions":[{"AttributeName":")" +
                               name + R"(","AttributeType":"S"}]})"),
      "1 validation error detected: Value null at 'keySchema' failed to satisfy constraint: "
      "Member must not be null");
}

TEST(ShapeValidate, BooleansAsText) {
  EXPECT_EQ(Check("GetItem", R"({"TableName":"abc","Key":{},"ConsistentRead":"yes"})"), "");
  EXPECT_EQ(Check("GetItem", R"({"TableName":"abc","Key":{},"ConsistentRead":"maybe"})"),
            "Unexpected token received from parser");
}

}  // namespace
}  // namespace ddb::protocol
