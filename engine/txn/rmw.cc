#include "txn/rmw.h"

namespace ddb::txn {

Result<WriteResult> ReadModifyWrite(Engine& engine, const TableDef& table,
                                    const std::string& storage_key, const ApplyFn& apply,
                                    bool by_ttl) {
  DDB_ASSIGN_OR_RETURN(CommitOutcome outcome,
                       Commit(engine, {Change{&table, storage_key, apply, by_ttl}}));
  if (!outcome.committed()) return std::move(*outcome.errors[0]);
  return std::move(outcome.results[0]);
}

}  // namespace ddb::txn
