#include "ops/projection.h"

#include "expr/parser.h"

namespace ddb::ops {

Result<std::vector<expr::Path>> ParseReadProjection(const std::optional<std::string>& projection,
                                                    const protocol::ExpressionAttributes& attrs) {
  expr::ParseContext pc;
  pc.names = attrs.names ? &*attrs.names : nullptr;
  pc.values = attrs.values ? &*attrs.values : nullptr;
  std::vector<expr::Path> paths;
  if (projection) {
    DDB_ASSIGN_OR_RETURN(paths, expr::ParseProjection(*projection, pc));
  }
  DDB_RETURN_IF_ERROR(
      expr::CheckAllUsed(pc, projection.has_value(), "ProjectionExpression is null"));
  return paths;
}

}  // namespace ddb::ops
