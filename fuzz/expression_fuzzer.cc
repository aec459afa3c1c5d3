// libFuzzer target: the expression parser (conditions, key conditions, updates, projections)
// and condition evaluation against a fixed item. The input is "<kind byte><expression>"; names
// #a..#c and values :a..:c are defined, so that parsing reaches beyond the placeholders.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "expr/eval.h"
#include "expr/parser.h"

namespace {

const ddb::Item& Values() {
  static const ddb::Item values = {
      {":a", ddb::Value::S("text")},
      {":b", ddb::Value::N("12.5")},
      {":c", ddb::Value::OfList({ddb::Value::N("1"), ddb::Value::S("x")})}};
  return values;
}

const ddb::expr::NameMap& Names() {
  static const ddb::expr::NameMap names = {{"#a", "pk"}, {"#b", "list"}, {"#c", "map"}};
  return names;
}

const ddb::Item& Subject() {
  static const ddb::Item item = {
      {"pk", ddb::Value::S("text")},
      {"n", ddb::Value::N("3")},
      {"list", ddb::Value::OfList({ddb::Value::N("1"), ddb::Value::S("two")})},
      {"map", ddb::Value::OfMap({{"deep", ddb::Value::Bool(true)}})}};
  return item;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  ddb::expr::ParseContext ctx;
  ctx.names = &Names();
  ctx.values = &Values();
  switch (data[0] % 4) {
    case 0:
      if (auto c = ddb::expr::ParseCondition(text, "ConditionExpression", ctx); c.ok()) {
        (void)ddb::expr::Evaluate(*c, Subject());
      }
      break;
    case 1:
      (void)ddb::expr::ParseCondition(text, "KeyConditionExpression", ctx);
      break;
    case 2:
      (void)ddb::expr::ParseUpdate(text, ctx);
      break;
    default:
      (void)ddb::expr::ParseProjection(text, ctx);
      break;
  }
  return 0;
}
