#include "core/json_writer.h"

#include <gtest/gtest.h>

namespace ddb {
namespace {

std::string Quoted(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

TEST(JsonWriterTest, EscapesOnlyWhatJsonRequires) {
  EXPECT_EQ(Quoted("plain text, longer than eight bytes"),
            "\"plain text, longer than eight bytes\"");
  EXPECT_EQ(Quoted("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(Quoted("0123456789\n"), "\"0123456789\\n\"");
  EXPECT_EQ(Quoted(std::string("\x01\x1f\x7f", 3)), "\"\\u0001\\u001f\x7f\"");
  EXPECT_EQ(Quoted("h\xc3\xa9llo w\xc3\xb6rld \xe2\x82\xac"),
            "\"h\xc3\xa9llo w\xc3\xb6rld \xe2\x82\xac\"");
  // Every position of a special character inside and after an 8-byte block.
  for (size_t pos = 0; pos < 20; ++pos) {
    std::string in(20, 'x');
    in[pos] = '"';
    std::string expected = "\"" + in.substr(0, pos) + "\\\"" + in.substr(pos + 1) + "\"";
    EXPECT_EQ(Quoted(in), expected) << pos;
  }
}

TEST(JsonWriterTest, WritesNestedDocumentsWithCommas) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Member("a", "x");
  w.Key("l");
  w.BeginArray();
  w.Int(1);
  w.Bool(false);
  w.BeginObject();
  w.EndObject();
  w.EndArray();
  w.MemberDouble("d", 0.5);
  w.MemberDouble("e", 2);
  w.EndObject();
  EXPECT_EQ(out, R"({"a":"x","l":[1,false,{}],"d":0.5,"e":2.0})");
}

}  // namespace
}  // namespace ddb
