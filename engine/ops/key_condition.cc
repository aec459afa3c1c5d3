#include "ops/key_condition.h"

#include <vector>

#include "storage/keys.h"

namespace ddb::ops {
namespace {

ApiError Invalid(std::string message) { return ApiError::Validation(std::move(message)); }

ApiError BadOperator(std::string_view op) {
  return Invalid("Invalid operator used in KeyConditionExpression: " + std::string(op));
}

// Flattens the AND tree into its leaf conditions; rejects any other connective.
Status Leaves(const expr::Condition& c, std::vector<const expr::Condition*>* out) {
  using expr::ConditionKind;
  switch (c.kind) {
    case ConditionKind::kAnd:
      DDB_RETURN_IF_ERROR(Leaves(c.children[0], out));
      return Leaves(c.children[1], out);
    case ConditionKind::kOr:
      return BadOperator("OR");
    case ConditionKind::kNot:
      return BadOperator("NOT");
    case ConditionKind::kIn:
      return BadOperator("IN");
    case ConditionKind::kFunction:
      if (c.function != expr::Function::kBeginsWith)
        return BadOperator(expr::FunctionName(c.function));
      break;
    case ConditionKind::kCompare:
      if (c.op == expr::CompareOp::kNe) return BadOperator("<>");
      break;
    case ConditionKind::kBetween:
      break;
  }
  out->push_back(&c);
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

}  // namespace

Result<KeyCondition> AnalyzeKeyCondition(const expr::Condition& condition, const KeySchema& table) {
  std::vector<const expr::Condition*> leaves;
  DDB_RETURN_IF_ERROR(Leaves(condition, &leaves));
  KeyCondition kc;
  bool have_sort = false;
  for (const expr::Condition* leaf : leaves) {
    // Normalise to: path <op> values...
    const expr::Operand* path = nullptr;
    std::vector<const expr::Operand*> values;
    for (const auto& op : leaf->operands) {
      if (op.kind == expr::OperandKind::kSize) {
        return Invalid("KeyConditionExpressions cannot contain nested operations");
      }
      if (op.kind == expr::OperandKind::kPath) {
        if (path) {
          return Invalid(
              "Invalid condition in KeyConditionExpression: Multiple attribute names "
              "used in one condition");
        }
        path = &op;
      } else {
        values.push_back(&op);
      }
    }
    if (!path) return Invalid("Query condition missed key schema element");
    const auto& els = path->path.elements;
    if (els.size() != 1) {
      return Invalid(
          "Key attributes must be scalars; list random access '[]' and map lookup '.' "
          "are not allowed: Key: " +
          (els[0].name));
    }
    const std::string& name = els[0].name;
    const KeyAttribute* attr = name == table.hash.name                      ? &table.hash
                               : (table.range && name == table.range->name) ? &*table.range
                                                                            : nullptr;
    if (!attr) return Invalid("Query condition missed key schema element");
    for (const auto* v : values) {
      if (v->value->type != attr->type) {
        return Invalid(
            "One or more parameter values were invalid: Condition parameter type does "
            "not match schema type");
      }
      if (v->value->scalar.empty()) {
        return Invalid(
            "One or more parameter values are not valid. The AttributeValue for a key "
            "attribute cannot contain an empty string value. Key: " +
            name);
      }
    }
    bool is_hash = attr == &table.hash;
    if (is_hash ? kc.hash != nullptr : have_sort) {
      return Invalid("KeyConditionExpressions must only contain one condition per key");
    }
    if (is_hash) {
      if (leaf->kind != expr::ConditionKind::kCompare || leaf->op != expr::CompareOp::kEq) {
        return Invalid("Query key condition not supported");
      }
      kc.hash = values[0]->value;
      continue;
    }
    have_sort = true;
    kc.a = values[0]->value;
    if (leaf->kind == expr::ConditionKind::kBetween) {
      kc.sort = KeyCondition::Sort::kBetween;
      kc.b = values[1]->value;
    } else if (leaf->kind == expr::ConditionKind::kFunction) {
      kc.sort = KeyCondition::Sort::kBeginsWith;
    } else {
      // A value on the left (":v < sk") reads as the mirrored comparison.
      expr::CompareOp op =
          leaf->operands[0].kind == expr::OperandKind::kPath ? leaf->op : Flip(leaf->op);
      static constexpr KeyCondition::Sort kSorts[] = {
          KeyCondition::Sort::kEq, KeyCondition::Sort::kNone, KeyCondition::Sort::kLt,
          KeyCondition::Sort::kLe, KeyCondition::Sort::kGt,   KeyCondition::Sort::kGe};
      kc.sort = kSorts[static_cast<int>(op)];
    }
  }
  if (!kc.hash) return Invalid("Query condition missed key schema element");
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
  const std::string partition = storage::PartitionPrefix(id, *kc.hash);
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
