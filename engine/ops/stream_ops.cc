// The DynamoDB Streams API: ListStreams, DescribeStream, GetShardIterator, GetRecords. Each
// table has one shard per stream; shard iterators are self-contained, expire after 15 minutes,
// and read only below the sequencer's watermark, so every record is seen once and in order.
#include <chrono>
#include <cstdio>

#include "core/value_json.h"
#include "ops/handlers.h"
#include "protocol/streams_json.h"

namespace ddb::ops {
namespace {

constexpr int64_t kIteratorLifetimeMs = int64_t{15} * 60 * 1000;
constexpr size_t kMaxRecordBytes = size_t{1024} * 1024;

std::string ShardId(const TableDef& table) {
  char buf[64];
  auto created = static_cast<unsigned long long>(table.stream.created * 1000);
  std::snprintf(buf, sizeof(buf), "shardId-%020llu-%08llx", created,
                static_cast<unsigned long long>(table.stream.id * 0x9e3779b97f4a7c15ULL) >> 32);
  return buf;
}

// Calls `visit` with every stream of the caller's namespace, each as the definition of its table
// with `stream` that stream: the tables' latest streams, then the retired ones (catalog.h).
// Stops when `visit` returns true.
template <class Visit>
void ForEachStream(const RequestContext& ctx, Visit visit) {
  for (const TablePtr& table : ctx.engine.catalog().AllTables()) {
    if (table->ns == ctx.ns && table->stream.id != 0 && visit(table)) return;
  }
  for (const TablePtr& table : ctx.engine.catalog().RetiredStreams()) {
    if (table->ns == ctx.ns && visit(table)) return;
  }
}

// The stream `arn` of the caller's namespace (as in ForEachStream); null if none. Every
// GetRecords asks: the label (the ARN's tail) is compared before any ARN is built.
TablePtr FindStream(const RequestContext& ctx, std::string_view arn) {
  TablePtr found;
  ForEachStream(ctx, [&](const TablePtr& table) {
    if (!arn.ends_with(table->stream.label) || table->StreamArn() != arn) return false;
    found = table;
    return true;
  });
  return found;
}

Result<uint64_t> StartingSequence(const RequestContext& ctx, const TableDef& table) {
  DDB_ASSIGN_OR_RETURN(uint64_t first,
                       streams::FirstStoredSequence(ctx.engine.store(), table.stream.id));
  if (first != 0) return first;
  DDB_ASSIGN_OR_RETURN(uint64_t trimmed,
                       streams::TrimmedBelow(ctx.engine.store(), table.stream.id));
  return std::max(trimmed, ctx.engine.sequencer().Watermark());
}

// Iterator: "<stream arn>|001|base64(<shard id>|<21-digit position>|<30-digit issue ms>)".
std::string MakeIterator(const TableDef& table, uint64_t position, int64_t now_ms) {
  char inner[128];
  std::snprintf(inner, sizeof(inner), "%s|%s|%030lld", ShardId(table).c_str(),
                protocol::FormatSequence(position).c_str(), static_cast<long long>(now_ms));
  return table.StreamArn() + "|001|" + Base64Encode(inner);
}

struct Iterator {
  std::string arn;
  std::string shard;
  uint64_t position = 0;
  int64_t issued_ms = 0;
};

Result<Iterator> ParseIterator(const std::string& text) {
  ApiError invalid = ApiError::Validation("Invalid ShardIterator");
  size_t bar = text.find("|001|");
  if (bar == std::string::npos || bar == 0) return invalid;
  std::string inner;
  if (!Base64Decode(std::string_view(text).substr(bar + 5), &inner)) return invalid;
  size_t a = inner.find('|');
  size_t b = a == std::string::npos ? a : inner.find('|', a + 1);
  if (b == std::string::npos) return invalid;
  Iterator it;
  it.arn = text.substr(0, bar);
  it.shard = inner.substr(0, a);
  it.position = std::strtoull(inner.c_str() + a + 1, nullptr, 10);
  it.issued_ms = std::strtoll(inner.c_str() + b + 1, nullptr, 10);
  return it;
}

}  // namespace

Result<std::string> ListStreams(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::ListStreamsRequest req, protocol::DecodeListStreams(request));
  std::vector<protocol::StreamRef> streams;
  ForEachStream(ctx, [&](const TablePtr& table) {
    if (!req.table || *req.table == table->name) {
      streams.push_back({table->StreamArn(), table->name, table->stream.label});
    }
    return false;
  });
  // Newest first, as DynamoDB lists them.
  std::sort(streams.begin(), streams.end(),
            [](const auto& a, const auto& b) { return a.label > b.label; });
  size_t start = 0;
  if (req.exclusive_start) {
    while (start < streams.size() && streams[start].arn != *req.exclusive_start) ++start;
    start = start < streams.size() ? start + 1 : streams.size();
  }
  std::vector<protocol::StreamRef> page(streams.begin() + static_cast<long>(start), streams.end());
  std::optional<std::string> last;
  if (page.size() > static_cast<size_t>(req.limit)) {
    page.resize(static_cast<size_t>(req.limit));
    last = page.back().arn;
  }
  return protocol::EncodeListStreams(page, last);
}

Result<std::string> DescribeStream(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::DescribeStreamRequest req,
                       protocol::DecodeDescribeStream(request));
  TablePtr table = FindStream(ctx, req.arn);
  if (!table) {
    return ApiError::NotFound("Requested resource not found: Stream: " + req.arn + " not found");
  }
  protocol::DescribeStreamResponse resp;
  resp.shard_id = ShardId(*table);
  // One shard per stream, with no parent and no children: a page that starts at or after it, or
  // a filter asking for a shard's children, lists none (and no LastEvaluatedShardId: the end).
  resp.list_shard = (!req.exclusive_start_shard || *req.exclusive_start_shard < resp.shard_id) &&
                    !req.child_shards_of;
  DDB_ASSIGN_OR_RETURN(uint64_t start, StartingSequence(ctx, *table));
  resp.starting_sequence = protocol::FormatSequence(start);
  if (!table->stream.enabled) {
    DDB_ASSIGN_OR_RETURN(uint64_t last,
                         streams::MaxStoredSequence(ctx.engine.store(), {table->stream.id}));
    resp.ending_sequence = protocol::FormatSequence(last != 0 ? last : start);
  }
  resp.table = std::move(table);
  return protocol::EncodeDescribeStream(resp);
}

Result<std::string> GetShardIterator(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::GetShardIteratorRequest req,
                       protocol::DecodeGetShardIterator(request));
  TablePtr table = FindStream(ctx, req.stream_arn);
  if (!table) return ApiError::NotFound("Stream does not exist");
  if (req.shard_id != ShardId(*table)) return ApiError::NotFound("Shard does not exist");
  uint64_t position = 0;
  if (req.type == "TRIM_HORIZON") {
    DDB_ASSIGN_OR_RETURN(position, StartingSequence(ctx, *table));
  } else if (req.type == "LATEST") {
    position = ctx.engine.sequencer().Watermark();
  } else {
    uint64_t n = std::strtoull(req.sequence->c_str(), nullptr, 10);
    DDB_ASSIGN_OR_RETURN(uint64_t first, StartingSequence(ctx, *table));
    if (n < first) {
      return ApiError::Validation("Invalid SequenceNumber for the shard");
    }
    position = req.type == "AT_SEQUENCE_NUMBER" ? n : n + 1;
  }
  return protocol::EncodeShardIterator(
      MakeIterator(*table, position, ctx.engine.clock().EpochMillis()));
}

Result<std::string> GetRecords(simdjson::dom::object request, RequestContext& ctx) {
  DDB_ASSIGN_OR_RETURN(protocol::GetRecordsRequest req, protocol::DecodeGetRecords(request));
  DDB_ASSIGN_OR_RETURN(Iterator it, ParseIterator(req.iterator));
  if (ctx.engine.clock().EpochMillis() - it.issued_ms > kIteratorLifetimeMs) {
    return ApiError::ExpiredIterator();
  }
  TablePtr table = FindStream(ctx, it.arn);
  if (!table || it.shard != ShardId(*table)) return ApiError::Validation("Invalid ShardIterator");
  DDB_ASSIGN_OR_RETURN(uint64_t trimmed,
                       streams::TrimmedBelow(ctx.engine.store(), table->stream.id));
  if (it.position < trimmed) {
    return ApiError::TrimmedDataAccess();
  }
  uint64_t next = it.position;
  const uint64_t below = ctx.engine.sequencer().Watermark();
  DDB_ASSIGN_OR_RETURN(
      auto records, streams::ReadRecords(ctx.engine.store(), table->stream.id, it.position, below,
                                         static_cast<size_t>(req.limit), kMaxRecordBytes, &next));
  std::optional<std::string> next_iterator;
  // A disabled stream read to its end is closed: no next iterator.
  bool closed = false;
  if (!table->stream.enabled) {
    DDB_ASSIGN_OR_RETURN(uint64_t last,
                         streams::MaxStoredSequence(ctx.engine.store(), {table->stream.id}));
    closed = next > last;
  }
  if (!closed) next_iterator = MakeIterator(*table, next, ctx.engine.clock().EpochMillis());
  return protocol::EncodeRecords(records, next_iterator);
}

}  // namespace ddb::ops
