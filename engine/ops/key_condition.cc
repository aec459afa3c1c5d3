#include "ops/key_condition.h"

#include <array>
#include <vector>

#include "storage/keys.h"

namespace ddb::ops {
namespace {

ApiError Invalid(std::string message) { return ApiError::Validation(std::move(message)); }

// The conditions ANDed together. The parser has checked their shape (expr/parser.h): each is a
// comparison, BETWEEN or begins_with on one top-level attribute, at most one per attribute.
void Leaves(const expr::Condition& c, std::vector<const expr::Condition*>* out) {
  if (c.kind == expr::ConditionKind::kAnd) {
    for (const auto& child : c.children) Leaves(child, out);
    return;
  }
  out->push_back(&c);
}

const expr::Operand* PathOf(const expr::Condition& leaf) {
  for (const auto& op : leaf.operands) {
    if (op.kind == expr::OperandKind::kPath) return &op;
  }
  return nullptr;
}

const expr::Condition* LeafOn(const std::vector<const expr::Condition*>& leaves,
                              const std::string& name) {
  for (const expr::Condition* leaf : leaves) {
    const expr::Operand* path = PathOf(*leaf);
    if (path && path->path.elements[0].name == name) return leaf;
  }
  return nullptr;
}

// The values a condition compares its key attribute with must be of the key's type and, for
// strings and binaries, not empty.
Status CheckValues(const expr::Condition& leaf, const KeyAttribute& attr) {
  for (const auto& op : leaf.operands) {
    if (op.kind != expr::OperandKind::kValue) continue;
    if (op.value->type != attr.type) {
      return Invalid(
          "One or more parameter values were invalid: Condition parameter type does not match "
          "schema type");
    }
    if (op.value->scalar.empty()) {
      return Invalid(
          "One or more parameter values are not valid. The AttributeValue for a key attribute "
          "cannot contain an empty string value. Key: " +
          attr.name);
    }
  }
  return Status::OK();
}

expr::CompareOp Flip(expr::CompareOp op) {
  switch (op) {
    case expr::CompareOp::kLt:
      return expr::CompareOp::kGt;
    case expr::CompareOp::kLe:
      return expr::CompareOp::kGe;
    case expr::CompareOp::kGt:
      return expr::CompareOp::kLt;
    case expr::CompareOp::kGe:
      return expr::CompareOp::kLe;
    default:
      return op;
  }
}

// The `n`th value operand of `leaf` (BETWEEN has two).
const Value* ValueAt(const expr::Condition& leaf, size_t n) {
  for (const auto& op : leaf.operands) {
    if (op.kind != expr::OperandKind::kValue) continue;
    if (n == 0) return op.value;
    --n;
  }
  return nullptr;
}

bool IsEquality(const expr::Condition& leaf) {
  return leaf.kind == expr::ConditionKind::kCompare && leaf.op == expr::CompareOp::kEq;
}

// Sets kc's sort key predicate from `leaf`.
void SetPredicate(const expr::Condition& leaf, KeyCondition* kc) {
  kc->a = ValueAt(leaf, 0);
  if (leaf.kind == expr::ConditionKind::kBetween) {
    kc->sort = KeyCondition::Sort::kBetween;
    kc->b = ValueAt(leaf, 1);
  } else if (leaf.kind == expr::ConditionKind::kFunction) {
    kc->sort = KeyCondition::Sort::kBeginsWith;
  } else {
    // A value on the left (":v < sk") reads as the mirrored comparison.
    expr::CompareOp op =
        leaf.operands[0].kind == expr::OperandKind::kPath ? leaf.op : Flip(leaf.op);
    static constexpr KeyCondition::Sort kSorts[] = {
        KeyCondition::Sort::kEq, KeyCondition::Sort::kNone, KeyCondition::Sort::kLt,
        KeyCondition::Sort::kLe, KeyCondition::Sort::kGt,   KeyCondition::Sort::kGe};
    kc->sort = kSorts[static_cast<int>(op)];
  }
}

// The partition key of a multi-attribute key: every attribute, by equality, in schema order.
Status AnalyzeMultiHash(const std::vector<const expr::Condition*>& leaves, const KeySchema& keys,
                        KeyCondition* kc) {
  for (size_t i = 0; i < keys.hash_count(); ++i) {
    const KeyAttribute& attr = keys.hash_attr(i);
    const expr::Condition* leaf = LeafOn(leaves, attr.name);
    if (!leaf) return Invalid("Query condition missed key schema element: " + attr.name);
    DDB_RETURN_IF_ERROR(CheckValues(*leaf, attr));
    if (!IsEquality(*leaf)) return Invalid("Query key condition not supported");
    (i == 0 ? kc->hash : kc->more_hash.emplace_back()) = ValueAt(*leaf, 0);
  }
  return Status::OK();
}

// A multi-attribute key (global secondary indexes only): a condition on a sort key attribute
// needs equalities on every sort key attribute before it; the service names the first such pair
// (docs/notes/service-errors.md §2.9).
Result<KeyCondition> AnalyzeMultiAttribute(const std::vector<const expr::Condition*>& leaves,
                                           const KeySchema& keys) {
  KeyCondition kc;
  DDB_RETURN_IF_ERROR(AnalyzeMultiHash(leaves, keys, &kc));
  std::array<const expr::Condition*, 4> on{};  // The condition on each sort key attribute.
  for (size_t i = 0; i < keys.range_count(); ++i) on[i] = LeafOn(leaves, keys.range_attr(i).name);
  for (size_t later = 0; later < keys.range_count(); ++later) {
    if (on[later] == nullptr) continue;
    for (size_t prior = 0; prior < later; ++prior) {
      if (on[prior] != nullptr && IsEquality(*on[prior])) continue;
      return Invalid("RANGE key attributes " + keys.range_attr(prior).name +
                     " must have equality conditions specified in the query because a condition "
                     "is present on key attribute " +
                     keys.range_attr(later).name);
    }
  }
  size_t named = keys.hash_count();
  for (size_t i = 0; i < keys.range_count() && on[i] != nullptr; ++i, ++named) {
    DDB_RETURN_IF_ERROR(CheckValues(*on[i], keys.range_attr(i)));
    if (i + 1 < keys.range_count() && on[i + 1] != nullptr) {
      kc.sort_eq.push_back(ValueAt(*on[i], 0));
    } else {
      SetPredicate(*on[i], &kc);
    }
  }
  if (named == leaves.size()) return kc;
  // A condition on an attribute of no key: named as the single-attribute path names it.
  for (size_t i = 0; i < keys.range_count(); ++i) {
    if (on[i] == nullptr) {
      return Invalid("Query condition missed key schema element: " + keys.range_attr(i).name);
    }
  }
  return Invalid("Query key condition not supported");
}

}  // namespace

// The schema checks, in the service's order: the partition key's condition, then the sort key's
// (docs/notes/service-errors.md §2.9 step 13; dynalite actions/query.js).
Result<KeyCondition> AnalyzeKeyCondition(const expr::Condition& condition, const KeySchema& table) {
  std::vector<const expr::Condition*> leaves;
  Leaves(condition, &leaves);
  if (table.multi_attribute()) return AnalyzeMultiAttribute(leaves, table);
  if (leaves.size() > 2) return Invalid("Conditions can be of length 1 or 2 only");
  KeyCondition kc;
  if (!table.range && leaves.size() > 1) return Invalid("Query key condition not supported");
  const expr::Condition* hash = LeafOn(leaves, table.hash.name);
  if (!hash) return Invalid("Query condition missed key schema element: " + table.hash.name);
  DDB_RETURN_IF_ERROR(CheckValues(*hash, table.hash));
  if (!IsEquality(*hash)) return Invalid("Query key condition not supported");
  kc.hash = ValueAt(*hash, 0);
  if (!table.range) return kc;
  const expr::Condition* sort = LeafOn(leaves, table.range->name);
  if (!sort) {
    if (leaves.size() > 1) {
      return Invalid("Query condition missed key schema element: " + table.range->name);
    }
    return kc;
  }
  DDB_RETURN_IF_ERROR(CheckValues(*sort, *table.range));
  SetPredicate(*sort, &kc);
  return kc;
}

std::string PrefixSuccessor(std::string prefix) {
  while (!prefix.empty()) {
    auto last = static_cast<unsigned char>(prefix.back());
    if (last != 0xff) {
      prefix.back() = static_cast<char>(last + 1);
      return prefix;
    }
    prefix.pop_back();
  }
  return prefix;
}

void KeyRange(uint64_t id, const KeySchema& keys, bool is_index, const KeyCondition& kc,
              std::string* lower, std::string* upper) {
  std::string partition;
  if (kc.more_hash.empty()) {
    partition = storage::PartitionPrefix(id, *kc.hash);
  } else {
    std::vector<const Value*> hash = {kc.hash};
    hash.insert(hash.end(), kc.more_hash.begin(), kc.more_hash.end());
    partition = storage::IndexPartitionPrefix(id, hash);
  }
  // Equalities on a multi-attribute sort key's first attributes narrow the partition like a
  // longer partition key (each value is self-delimited).
  for (const Value* v : kc.sort_eq) partition += storage::EncodeIndexSortKey(*v);
  // Table sort keys are the last key component (raw bytes): the first key after an exact sort
  // key is that key plus a zero byte. Index sort keys are followed by the table key, so the
  // first key after one is the successor of the whole prefix.
  auto at = [&](const Value* v) {
    return partition + (is_index ? storage::EncodeIndexSortKey(*v) : storage::EncodeSortKey(*v));
  };
  auto after = [&](const std::string& key) { return is_index ? PrefixSuccessor(key) : key + '\0'; };
  *lower = partition;
  *upper = keys.range || is_index ? PrefixSuccessor(partition) : after(partition);
  using Sort = KeyCondition::Sort;
  switch (kc.sort) {
    case Sort::kNone:
      break;
    case Sort::kEq:
      *lower = at(kc.a);
      *upper = after(at(kc.a));
      break;
    case Sort::kLt:
      *upper = at(kc.a);
      break;
    case Sort::kLe:
      *upper = after(at(kc.a));
      break;
    case Sort::kGt:
      *lower = after(at(kc.a));
      break;
    case Sort::kGe:
      *lower = at(kc.a);
      break;
    case Sort::kBetween:
      *lower = at(kc.a);
      *upper = after(at(kc.b));
      break;
    case Sort::kBeginsWith: {
      *lower = partition + (is_index ? storage::EscapeIndexSortKeyPrefix(*kc.a)
                                     : storage::EncodeSortKey(*kc.a));
      std::string succ = PrefixSuccessor(*lower);
      if (succ.size() > partition.size()) *upper = succ;
      break;
    }
  }
}

}  // namespace ddb::ops
