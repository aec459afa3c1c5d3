// The capacity and storage options of a table: OnDemandThroughput, WarmThroughput,
// SSESpecification and TableClass, applied as CreateTable and UpdateTable apply them, with the
// service's checks and words (docs/notes/service-surface.md §1-3). Pure functions on a
// TableDef; thread-compatible.
#pragma once

#include "catalog/table_def.h"
#include "core/result.h"
#include "protocol/requests.h"

namespace ddb::ops {

// Applies CreateTable's options to `def` (billing mode, throughput and indexes already set).
Status ApplyCreateOptions(const protocol::CreateTableRequest& req, double now, TableDef* def);

// Applies UpdateTable's table options to `next` (after its billing and throughput changes).
Status ApplyUpdateOptions(const protocol::TableOptions& options, double now, TableDef* next);

// Applies a GSI's OnDemandThroughput and WarmThroughput from UpdateTable (Create or Update).
Status ApplyIndexOptions(const std::optional<protocol::OnDemandRequest>& on_demand,
                         const std::optional<protocol::WarmRequest>& warm, bool create,
                         const TableDef& table, IndexDef* index);

}  // namespace ddb::ops
