// Decoders shared by the item operations' request parsers (decode_items.cc, decode_batch.cc).
// Internal to protocol/.
#pragma once

#include "core/result.h"
#include "protocol/reader.h"
#include "protocol/requests.h"

namespace ddb::protocol {

// The enums below were checked by protocol/shape.h; these map them (absent: unchanged).
// ReturnConsumedCapacity.
Status Capacity(const FieldReader& r, CapacityDetail* out);
// ReturnItemCollectionMetrics: *size is true for SIZE.
Status CollectionMetricsField(const FieldReader& r, bool* size);
// ReturnValuesOnConditionCheckFailure: *all_old is true for ALL_OLD.
Status OnFailure(const FieldReader& r, bool* all_old);
// ExpressionAttributeNames and ExpressionAttributeValues, with placeholder syntax checks.
Status Attributes(const FieldReader& r, ExpressionAttributes* attrs);

}  // namespace ddb::protocol
