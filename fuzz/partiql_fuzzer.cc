// libFuzzer target: the PartiQL parser and its translation into the expression language. The
// input is a statement; three parameters (a string, a number, a list) are bound to its first
// ?s, and a statement that parses has its WHERE and assignments rendered, and the renderings
// parsed back by the expression parser, which may refuse a value (an unknown attribute_type
// name) but never the syntax the renderer wrote.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "expr/parser.h"
#include "partiql/parser.h"
#include "partiql/translate.h"

namespace {

using ddb::Value;
namespace partiql = ddb::partiql;

const std::vector<Value>& Parameters(size_t count) {
  static const std::vector<Value> all = {Value::S("text"), Value::N("12.5"),
                                         Value::OfList({Value::N("1"), Value::S("x")})};
  static std::vector<std::vector<Value>> prefixes = {
      {}, {all[0]}, {all[0], all[1]}, {all[0], all[1], all[2]}};
  return prefixes[count < 4 ? count : 3];
}

template <class T>
void CheckSyntax(const ddb::Result<T>& parsed) {
  if (!parsed.ok() && parsed.error().message.find("Syntax error") != std::string::npos) {
    __builtin_trap();
  }
}

ddb::expr::ParseContext ContextOf(const partiql::Placeholders& p) {
  ddb::expr::ParseContext ctx;
  ctx.names = &p.names();
  ctx.values = &p.values();
  return ctx;
}

void Translate(const partiql::Statement& s) {
  partiql::Placeholders p;
  if (s.where) {
    if (auto c = partiql::RenderCondition(*s.where, &p); c.ok()) {
      auto ctx = ContextOf(p);
      CheckSyntax(ddb::expr::ParseCondition(*c, "ConditionExpression", ctx));
    }
    (void)partiql::Conjuncts(*s.where);
  }
  if (!s.assignments.empty()) {
    partiql::Placeholders u;
    if (auto text = partiql::RenderUpdate(s.assignments, &u); text.ok()) {
      auto ctx = ContextOf(u);
      CheckSyntax(ddb::expr::ParseUpdate(*text, ctx));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t placeholders = 0;
  for (char c : text) placeholders += c == '?';
  auto parsed = partiql::Parse(text, Parameters(placeholders));
  if (parsed.ok()) Translate(*parsed);
  return 0;
}
