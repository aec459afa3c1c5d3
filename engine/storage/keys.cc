// Key grammar (all integers big-endian so that byte order is numeric order):
//
//   items column family ("default"):
//     item_key      := u64(table_id) u32(partition_hash) u32(len(pk)) pk_bytes sort_key?
//     pk_bytes      := S/B raw bytes | N canonical decimal text
//     sort_key      := S/B raw bytes                      (last component: no escaping needed)
//                    | number_key                          (N)
//     number_key    := 0x02                                (zero)
//                    | 0x03 u16(exponent + 0x8000) { digit + 1 }* 0x00          (positive)
//                    | 0x01 u16(0x7fff - exponent) { 10 - digit }* 0xff        (negative)
//   index column family:
//     entry_key     := u64(index_id) u32(hash(ipk_bytes)) u32(len(ipk_bytes)) ipk_bytes isk*
//                      u32(len(tpk)) tpk_bytes tsk?
//     ipk_bytes     := pk_bytes                            (one partition key attribute)
//                    | isk isk+                            (multi-attribute partition key)
//     isk           := number_key | escaped(S/B bytes: 0x00 -> 0x00 0xff) 0x00 0x00
//     value         := the item as projected into the index (item/codec.h)
//   stream column family:
//     record_key    := u64(stream_id) u64(sequence number)
//     value         := the stream record (streams/records.cc)
//   meta column family: see storage/store.cc.
//
// Number keys: a positive number with a larger exponent is larger; equal exponents compare digit
// by digit, and a number that is a prefix of another is smaller, hence the 0x00 terminator below
// every digit byte. Negatives invert all of it. table_id is never reused, so dropping a table is a
// DeleteRange over its prefix.
#include "storage/keys.h"

#include "core/number.h"

namespace ddb::storage {

void PutBigEndian64(uint64_t v, std::string* out) {
  for (int shift = 56; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}

void PutBigEndian32(uint32_t v, std::string* out) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}

uint64_t GetBigEndian64(std::string_view in) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(in[i]);
  return v;
}

std::string_view KeyBytes(const Value& key) { return key.scalar; }

namespace {

// FNV-1a over `bytes`. FNV spreads short keys poorly in the top bits; one final avalanche fixes
// that.
uint32_t HashBytes(std::string_view bytes) {
  uint32_t h = 2166136261u;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 16777619u;
  }
  h ^= h >> 16;
  h *= 0x7feb352dU;
  h ^= h >> 15;
  return h;
}

std::string PrefixOfBytes(uint64_t id, std::string_view bytes) {
  std::string out;
  out.reserve(16 + bytes.size() + 16);
  PutBigEndian64(id, &out);
  PutBigEndian32(HashBytes(bytes), &out);
  PutBigEndian32(static_cast<uint32_t>(bytes.size()), &out);
  out.append(bytes);
  return out;
}

}  // namespace

uint32_t PartitionHash(const Value& pk) { return HashBytes(KeyBytes(pk)); }

std::string TablePrefix(uint64_t table_id) {
  std::string out;
  PutBigEndian64(table_id, &out);
  return out;
}

std::string PartitionPrefix(uint64_t table_id, const Value& pk) {
  return PrefixOfBytes(table_id, KeyBytes(pk));
}

std::string IndexPartitionPrefix(uint64_t index_id, std::span<const Value* const> ipk) {
  if (ipk.size() == 1) return PartitionPrefix(index_id, *ipk[0]);
  std::string bytes;
  for (const Value* v : ipk) bytes.append(EncodeIndexSortKey(*v));
  return PrefixOfBytes(index_id, bytes);
}

std::string EncodeSortKey(const Value& sk) {
  if (sk.type != Type::kN) return sk.scalar;
  auto parsed = Number::Parse(sk.scalar);
  std::string out;
  if (!parsed.ok() || parsed->is_zero()) {
    out.push_back(0x02);
    return out;
  }
  const Number& n = *parsed;
  if (n.negative()) {
    out.push_back(0x01);
    uint16_t e = static_cast<uint16_t>(0x7fff - n.exponent());
    out.push_back(static_cast<char>(e >> 8));
    out.push_back(static_cast<char>(e));
    for (char d : n.digits()) out.push_back(static_cast<char>(10 - (d - '0')));
    out.push_back(static_cast<char>(0xff));
  } else {
    out.push_back(0x03);
    uint16_t e = static_cast<uint16_t>(n.exponent() + 0x8000);
    out.push_back(static_cast<char>(e >> 8));
    out.push_back(static_cast<char>(e));
    for (char d : n.digits()) out.push_back(static_cast<char>(d - '0' + 1));
    out.push_back(0x00);
  }
  return out;
}

std::string EscapeIndexSortKeyPrefix(const Value& prefix) {
  std::string out;
  for (char c : prefix.scalar) {
    out.push_back(c);
    if (c == '\0') out.push_back(static_cast<char>(0xff));
  }
  return out;
}

std::string EncodeIndexSortKey(const Value& sk) {
  if (sk.type == Type::kN) return EncodeSortKey(sk);
  std::string out = EscapeIndexSortKeyPrefix(sk);
  out.append(2, '\0');
  return out;
}

std::string IndexEntryKey(uint64_t index_id, std::span<const Value* const> ipk,
                          std::span<const Value* const> isk, const Value& table_pk,
                          const Value* table_sk) {
  std::string out = IndexPartitionPrefix(index_id, ipk);
  for (const Value* v : isk) out.append(EncodeIndexSortKey(*v));
  std::string_view pk = KeyBytes(table_pk);
  PutBigEndian32(static_cast<uint32_t>(pk.size()), &out);
  out.append(pk);
  if (table_sk != nullptr) out.append(EncodeSortKey(*table_sk));
  return out;
}

std::string ItemKey(uint64_t table_id, const Value& pk, const Value* sk) {
  std::string out = PartitionPrefix(table_id, pk);
  if (sk != nullptr) out.append(EncodeSortKey(*sk));
  return out;
}

std::string HashBoundary(uint64_t table_id, uint64_t hash) {
  std::string out;
  if (hash > 0xffffffffULL) {
    PutBigEndian64(table_id + 1, &out);
    return out;
  }
  PutBigEndian64(table_id, &out);
  PutBigEndian32(static_cast<uint32_t>(hash), &out);
  return out;
}

}  // namespace ddb::storage
