// Storage key encoding. The full grammar is at the top of keys.cc and in ARCHITECTURE.md.
//
// Item keys are ordered so that (1) all items of a table are one contiguous range, (2) all items
// of a partition are one contiguous range sorted by sort key in DynamoDB's order, and (3) a
// table's partitions are spread over a 32-bit hash space, which gives Scan's Segment/TotalSegments
// a key range each. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/value.h"

namespace ddb::storage {

// The on-disk format version, stored in the meta column family and checked at open.
// Bump it whenever anything described in keys.cc or item/codec.h changes.
inline constexpr uint32_t kFormatVersion = 1;

// The stable 32-bit hash of a partition key value (FNV-1a over its bytes). On disk: never change.
uint32_t PartitionHash(const Value& pk);

// The bytes of a key value as stored: S and B raw, N its canonical text.
std::string_view KeyBytes(const Value& key);

// u64be(table_id): every item key of the table starts with this.
std::string TablePrefix(uint64_t table_id);
// TablePrefix + u32be(hash) + u32be(len) + pk bytes: every item of one partition.
std::string PartitionPrefix(uint64_t table_id, const Value& pk);
// The order-preserving encoding of a sort key value (S, B raw; N see keys.cc).
std::string EncodeSortKey(const Value& sk);
// The full item key. `sk` is null for hash-only tables.
std::string ItemKey(uint64_t table_id, const Value& pk, const Value* sk);
// The order-preserving, self-delimiting encoding of an index sort key: N as in EncodeSortKey,
// S and B with 0x00 escaped as 0x00 0xff and terminated by 0x00 0x00.
std::string EncodeIndexSortKey(const Value& sk);
// The S/B escaping of EncodeIndexSortKey without the terminator: every key whose value starts
// with `prefix` starts with this (begins_with on an index sort key).
std::string EscapeIndexSortKeyPrefix(const Value& prefix);
// Every entry of one index partition. `ipk` holds the partition key's values in schema order
// (one, or up to four for a multi-attribute key); REQUIRES: !ipk.empty(). A single value is
// stored as PartitionPrefix stores it; several as one partition whose bytes are their
// EncodeIndexSortKey encodings one after another.
std::string IndexPartitionPrefix(uint64_t index_id, std::span<const Value* const> ipk);
// An index entry: IndexPartitionPrefix + the sort key's values (none, one or up to four) each
// encoded by EncodeIndexSortKey + u32be(len(table pk)) + table pk bytes + table sort key (if
// any). Unique per item; entries sort by each sort key attribute in turn.
std::string IndexEntryKey(uint64_t index_id, std::span<const Value* const> ipk,
                          std::span<const Value* const> isk, const Value& table_pk,
                          const Value* table_sk);

// TablePrefix + u32be(hash): the first key with the given hash (for Scan segments).
std::string HashBoundary(uint64_t table_id, uint64_t hash);

void PutBigEndian64(uint64_t v, std::string* out);
void PutBigEndian32(uint32_t v, std::string* out);
uint64_t GetBigEndian64(std::string_view in);  // REQUIRES: in.size() >= 8.

}  // namespace ddb::storage
