// The DynamoDB and DynamoDB Streams APIs' answers -> typed answers.
#include <simdjson.h>

#include "client/protocol/dynamodb_json.h"
#include "core/value_json.h"

namespace ddb::client {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

ClientError Malformed(std::string_view what) {
  return ClientError::BadResponse("unexpected answer from DynamoDB: " + std::string(what));
}

// Answers are small and parsed on the calling thread: one parser per thread, reused.
ClientResult<object> Parse(std::string_view json, std::string_view operation) {
  thread_local simdjson::dom::parser parser;
  object obj;
  if (parser.parse(json.data(), json.size()).get(obj) != simdjson::SUCCESS) {
    return Malformed(std::string(operation) + " answered with something other than an object");
  }
  return obj;
}

std::string StringMember(object obj, std::string_view key) {
  std::string_view v;
  return obj[key].get(v) == simdjson::SUCCESS ? std::string(v) : std::string();
}

ClientResult<Item> ItemOf(element e, std::string_view what) {
  auto item = DecodeItemJson(e);
  if (!item.ok()) return Malformed(std::string(what) + ": " + item.error().message);
  return std::move(item).value();
}

// The item under `key`, if the answer has one.
ClientResult<std::optional<Item>> OptionalItem(object obj, std::string_view key) {
  element e;
  if (obj[key].get(e) != simdjson::SUCCESS) return std::optional<Item>();
  DDB_ASSIGN_OR_RETURN(Item item, ItemOf(e, key));
  return std::optional<Item>(std::move(item));
}

ClientResult<StreamRecord> RecordOf(element r) {
  StreamRecord out;
  object obj, change;
  if (r.get(obj) != simdjson::SUCCESS || obj["dynamodb"].get(change) != simdjson::SUCCESS) {
    return Malformed("a stream record without its change");
  }
  out.event_id = StringMember(obj, "eventID");
  out.event_name = StringMember(obj, "eventName");
  out.sequence_number = StringMember(change, "SequenceNumber");
  if (out.sequence_number.empty()) return Malformed("a stream record without a sequence number");
  double when = 0;
  if (change["ApproximateCreationDateTime"].get(when) == simdjson::SUCCESS) out.created_at = when;
  DDB_ASSIGN_OR_RETURN(auto keys, OptionalItem(change, "Keys"));
  if (keys) out.keys = std::move(*keys);
  DDB_ASSIGN_OR_RETURN(out.new_image, OptionalItem(change, "NewImage"));
  DDB_ASSIGN_OR_RETURN(out.old_image, OptionalItem(change, "OldImage"));
  return out;
}

}  // namespace

ClientResult<std::optional<Item>> DecodeGetItem(std::string_view json) {
  DDB_ASSIGN_OR_RETURN(object obj, Parse(json, "GetItem"));
  return OptionalItem(obj, "Item");
}

ClientResult<WriteAnswer> DecodeWriteAnswer(std::string_view json) {
  DDB_ASSIGN_OR_RETURN(object obj, Parse(json, "a write"));
  WriteAnswer out;
  DDB_ASSIGN_OR_RETURN(out.attributes, OptionalItem(obj, "Attributes"));
  return out;
}

ClientResult<ItemPage> DecodeItemPage(std::string_view json) {
  DDB_ASSIGN_OR_RETURN(object obj, Parse(json, "Query or Scan"));
  ItemPage page;
  simdjson::dom::array items;
  if (obj["Items"].get(items) == simdjson::SUCCESS) {
    for (element e : items) {
      DDB_ASSIGN_OR_RETURN(Item item, ItemOf(e, "Items"));
      page.items.push_back(std::move(item));
    }
  }
  DDB_ASSIGN_OR_RETURN(page.last_key, OptionalItem(obj, "LastEvaluatedKey"));
  int64_t scanned = 0;
  if (obj["ScannedCount"].get(scanned) == simdjson::SUCCESS) page.scanned_count = scanned;
  double units = 0;
  if (obj["ConsumedCapacity"]["CapacityUnits"].get(units) == simdjson::SUCCESS) {
    page.capacity_units = units;
  }
  return page;
}

ClientResult<std::vector<BatchWrite>> DecodeUnprocessed(std::string_view json) {
  DDB_ASSIGN_OR_RETURN(object obj, Parse(json, "BatchWriteItem"));
  std::vector<BatchWrite> out;
  object tables;
  if (obj["UnprocessedItems"].get(tables) != simdjson::SUCCESS) return out;
  for (auto [table, list] : tables) {
    simdjson::dom::array writes;
    if (list.get(writes) != simdjson::SUCCESS) return Malformed("UnprocessedItems");
    for (element write : writes) {
      element item;
      BatchWrite w{std::string(table), true, {}};
      if (write["PutRequest"]["Item"].get(item) != simdjson::SUCCESS) {
        if (write["DeleteRequest"]["Key"].get(item) != simdjson::SUCCESS) {
          return Malformed("an unprocessed write that is neither a put nor a delete");
        }
        w.put = false;
      }
      DDB_ASSIGN_OR_RETURN(w.item, ItemOf(item, "UnprocessedItems"));
      out.push_back(std::move(w));
    }
  }
  return out;
}

ClientResult<TableDescription> DecodeTableDescription(std::string_view json) {
  DDB_ASSIGN_OR_RETURN(object obj, Parse(json, "a table operation"));
  object table;
  if (obj["Table"].get(table) != simdjson::SUCCESS &&
      obj["TableDescription"].get(table) != simdjson::SUCCESS) {
    return Malformed("a table operation answered without the table");
  }
  TableDescription out;
  out.name = StringMember(table, "TableName");
  out.status = StringMember(table, "TableStatus");
  out.arn = StringMember(table, "TableArn");
  out.latest_stream_arn = StringMember(table, "LatestStreamArn");
  int64_t count = 0;
  if (table["ItemCount"].get(count) == simdjson::SUCCESS) out.item_count = count;
  simdjson::dom::array indexes;
  if (table["GlobalSecondaryIndexes"].get(indexes) == simdjson::SUCCESS) {
    for (element e : indexes) {
      object index;
      if (e.get(index) != simdjson::SUCCESS) return Malformed("GlobalSecondaryIndexes");
      out.global_indexes.push_back(
          {StringMember(index, "IndexName"), StringMember(index, "IndexStatus")});
    }
  }
  return out;
}

ClientResult<std::vector<std::string>> DecodeTableNames(std::string_view json, std::string* last) {
  DDB_ASSIGN_OR_RETURN(object obj, Parse(json, "ListTables"));
  std::vector<std::string> names;
  simdjson::dom::array list;
  if (obj["TableNames"].get(list) == simdjson::SUCCESS) {
    for (element e : list) {
      std::string_view name;
      if (e.get(name) != simdjson::SUCCESS) return Malformed("TableNames");
      names.emplace_back(name);
    }
  }
  *last = StringMember(obj, "LastEvaluatedTableName");
  return names;
}

ClientResult<TimeToLive> DecodeTimeToLive(std::string_view json) {
  DDB_ASSIGN_OR_RETURN(object obj, Parse(json, "DescribeTimeToLive"));
  object d;
  if (obj["TimeToLiveDescription"].get(d) != simdjson::SUCCESS) {
    return Malformed("DescribeTimeToLive answered without TimeToLiveDescription");
  }
  return TimeToLive{StringMember(d, "TimeToLiveStatus"), StringMember(d, "AttributeName")};
}

ClientResult<std::vector<StreamSummary>> DecodeStreams(std::string_view json, std::string* last) {
  DDB_ASSIGN_OR_RETURN(object obj, Parse(json, "ListStreams"));
  std::vector<StreamSummary> out;
  simdjson::dom::array streams;
  if (obj["Streams"].get(streams) == simdjson::SUCCESS) {
    for (element e : streams) {
      object s;
      if (e.get(s) != simdjson::SUCCESS) return Malformed("Streams");
      out.push_back({StringMember(s, "StreamArn"), StringMember(s, "TableName"),
                     StringMember(s, "StreamLabel")});
    }
  }
  *last = StringMember(obj, "LastEvaluatedStreamArn");
  return out;
}

ClientResult<StreamDescription> DecodeStreamDescription(std::string_view json) {
  DDB_ASSIGN_OR_RETURN(object obj, Parse(json, "DescribeStream"));
  object d;
  if (obj["StreamDescription"].get(d) != simdjson::SUCCESS) {
    return Malformed("DescribeStream answered without StreamDescription");
  }
  StreamDescription out{StringMember(d, "StreamArn"),
                        StringMember(d, "StreamStatus"),
                        StringMember(d, "StreamViewType"),
                        {},
                        StringMember(d, "LastEvaluatedShardId")};
  simdjson::dom::array shards;
  if (d["Shards"].get(shards) == simdjson::SUCCESS) {
    for (element e : shards) {
      object s;
      if (e.get(s) != simdjson::SUCCESS) return Malformed("Shards");
      Shard shard{StringMember(s, "ShardId"), StringMember(s, "ParentShardId"), {}, {}};
      if (shard.id.empty()) return Malformed("a shard without its id");
      object range;
      if (s["SequenceNumberRange"].get(range) == simdjson::SUCCESS) {
        shard.starting_sequence = StringMember(range, "StartingSequenceNumber");
        shard.ending_sequence = StringMember(range, "EndingSequenceNumber");
      }
      out.shards.push_back(std::move(shard));
    }
  }
  return out;
}

ClientResult<std::string> DecodeShardIterator(std::string_view json) {
  DDB_ASSIGN_OR_RETURN(object obj, Parse(json, "GetShardIterator"));
  std::string iterator = StringMember(obj, "ShardIterator");
  if (iterator.empty()) return Malformed("GetShardIterator answered without ShardIterator");
  return iterator;
}

ClientResult<RecordsPage> DecodeRecordsPage(std::string_view json) {
  DDB_ASSIGN_OR_RETURN(object obj, Parse(json, "GetRecords"));
  RecordsPage page;
  simdjson::dom::array records;
  if (obj["Records"].get(records) == simdjson::SUCCESS) {
    for (element r : records) {
      DDB_ASSIGN_OR_RETURN(StreamRecord record, RecordOf(r));
      page.records.push_back(std::move(record));
    }
  }
  page.next_iterator = StringMember(obj, "NextShardIterator");
  return page;
}

void ReadErrorDetails(std::string_view body, ClientError* error) {
  simdjson::dom::parser parser;
  object obj;
  if (parser.parse(body.data(), body.size()).get(obj) != simdjson::SUCCESS) return;
  element item;
  if (obj["Item"].get(item) == simdjson::SUCCESS) {
    auto decoded = DecodeItemJson(item);
    if (decoded.ok()) error->item = std::make_shared<const Value>(Value::OfMap(*decoded));
  }
  simdjson::dom::array reasons;
  if (obj["CancellationReasons"].get(reasons) != simdjson::SUCCESS) return;
  for (element r : reasons) {
    object reason;
    if (r.get(reason) != simdjson::SUCCESS) continue;
    CancellationReason out{StringMember(reason, "Code"), StringMember(reason, "Message"), {}};
    if (reason["Item"].get(item) == simdjson::SUCCESS) {
      auto decoded = DecodeItemJson(item);
      if (decoded.ok()) out.item = std::make_shared<const Value>(Value::OfMap(*decoded));
    }
    error->reasons.push_back(std::move(out));
  }
}

}  // namespace ddb::client
