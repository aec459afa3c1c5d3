#include "protocol/partiql_json.h"

#include <gtest/gtest.h>

namespace ddb::protocol {
namespace {

TEST(PartiqlJsonTest, OnlyBodiesOfSelectsAreReads) {
  EXPECT_FALSE(MayWrite(R"({"Statement": "SELECT * FROM t WHERE pk = ?"})"));
  EXPECT_FALSE(MayWrite(R"({"Statements":[{"Statement":" select a FROM t"},)"
                        R"({"Statement":"Select b FROM t"}]})"));
  EXPECT_TRUE(MayWrite(R"({"Statement": "INSERT INTO t VALUE {'pk': 'a'}"})"));
  EXPECT_TRUE(MayWrite(R"({"TransactStatements":[{"Statement":"SELECT * FROM t"},)"
                       R"j({"Statement":"EXISTS(SELECT * FROM t)"}]})j"));
  // When unsure (no statement, a statement that is not a string), a write.
  EXPECT_TRUE(MayWrite(R"({})"));
  EXPECT_TRUE(MayWrite(R"({"Statement": 1})"));
  EXPECT_TRUE(MayWrite(R"({"Statement")"));
}

}  // namespace
}  // namespace ddb::protocol
