// Encoders of BatchWriteItem, BatchGetItem, TransactWriteItems and TransactGetItems responses.
#include <algorithm>

#include "core/value_json.h"
#include "protocol/batch_requests.h"
#include "protocol/encode.h"

namespace ddb::protocol {

void WriteCapacityList(JsonWriter& w, const std::vector<ConsumedCapacity>& capacity) {
  if (capacity.empty()) return;
  w.Key("ConsumedCapacity");
  w.BeginArray();
  for (const auto& c : capacity) WriteCapacityObject(w, c);
  w.EndArray();
}

namespace {

// {"<table>": [ItemCollectionMetrics, ...], ...}, tables in order of first appearance.
void WriteCollectionsByTable(JsonWriter& w, const std::vector<CollectionMetrics>& collections) {
  if (collections.empty()) return;
  w.Key("ItemCollectionMetrics");
  w.BeginObject();
  std::vector<std::string_view> tables;
  for (const auto& m : collections) {
    if (std::find(tables.begin(), tables.end(), m.table) == tables.end()) tables.push_back(m.table);
  }
  for (std::string_view table : tables) {
    w.Key(table);
    w.BeginArray();
    for (const auto& m : collections) {
      if (m.table == table) WriteCollectionMetrics(w, m);
    }
    w.EndArray();
  }
  w.EndObject();
}

}  // namespace

std::string EncodeBatchWrite(const std::vector<ConsumedCapacity>& capacity,
                             const std::vector<CollectionMetrics>& collections) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("UnprocessedItems");
  w.BeginObject();
  w.EndObject();
  WriteCapacityList(w, capacity);
  WriteCollectionsByTable(w, collections);
  w.EndObject();
  return out;
}

std::string EncodeBatchGet(const BatchGetResponse& r) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("Responses");
  w.BeginObject();
  for (const auto& [table, items] : r.responses) {
    w.Key(table);
    w.BeginArray();
    for (const auto& item : items) WriteItem(w, item);
    w.EndArray();
  }
  w.EndObject();
  w.Key("UnprocessedKeys");
  w.BeginObject();
  w.EndObject();
  WriteCapacityList(w, r.capacity);
  w.EndObject();
  return out;
}

std::string EncodeTransactWrite(const std::vector<ConsumedCapacity>& capacity,
                                const std::vector<CollectionMetrics>& collections) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  WriteCapacityList(w, capacity);
  WriteCollectionsByTable(w, collections);
  w.EndObject();
  return out;
}

std::string EncodeTransactGet(const TransactGetResponse& r) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("Responses");
  w.BeginArray();
  for (const auto& item : r.items) {
    w.BeginObject();
    if (item) {
      w.Key("Item");
      WriteItem(w, *item);
    }
    w.EndObject();
  }
  w.EndArray();
  WriteCapacityList(w, r.capacity);
  w.EndObject();
  return out;
}

}  // namespace ddb::protocol
