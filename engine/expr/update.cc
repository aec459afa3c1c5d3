#include "expr/update.h"

#include <algorithm>

#include "core/number.h"
#include "expr/paths.h"

namespace ddb::expr {
namespace {

ApiError WrongType() {
  return ApiError::Validation("An operand in the update expression has an incorrect data type");
}

// ADD and DELETE of a value whose type does not fit the attribute.
ApiError Mismatch(const UpdateExpression& update) {
  return update.legacy ? ApiError::Validation("Type mismatch for attribute to update")
                       : WrongType();
}

ApiError Missing() {
  return ApiError::Validation(
      "The provided expression refers to an attribute that does not exist in the item");
}

Result<Value> EvaluateSetValue(const Operand& op, const Item& old) {
  switch (op.kind) {
    case OperandKind::kPath: {
      const Value* v = ResolvePath(old, op.path);
      if (v == nullptr) return Missing();
      return *v;
    }
    case OperandKind::kValue:
      return *op.value;
    case OperandKind::kIfNotExists: {
      const Value* v = ResolvePath(old, op.args[0].path);
      if (v != nullptr) return *v;
      return EvaluateSetValue(op.args[1], old);
    }
    case OperandKind::kListAppend: {
      DDB_ASSIGN_OR_RETURN(Value a, EvaluateSetValue(op.args[0], old));
      DDB_ASSIGN_OR_RETURN(Value b, EvaluateSetValue(op.args[1], old));
      if (a.type != Type::kL || b.type != Type::kL) return WrongType();
      for (auto& e : b.list) a.list.push_back(std::move(e));
      return a;
    }
    case OperandKind::kPlus:
    case OperandKind::kMinus: {
      DDB_ASSIGN_OR_RETURN(Value a, EvaluateSetValue(op.args[0], old));
      DDB_ASSIGN_OR_RETURN(Value b, EvaluateSetValue(op.args[1], old));
      if (a.type != Type::kN || b.type != Type::kN) return WrongType();
      DDB_ASSIGN_OR_RETURN(Number x, Number::Parse(a.scalar));
      DDB_ASSIGN_OR_RETURN(Number y, Number::Parse(b.scalar));
      DDB_ASSIGN_OR_RETURN(Number r, op.kind == OperandKind::kPlus ? x.Add(y) : x.Subtract(y));
      return Value::N(r.ToString());
    }
    case OperandKind::kSize:
      break;
  }
  return WrongType();
}

Result<Value> Add(const Value* existing, const Value& delta, const UpdateExpression& update) {
  if (existing == nullptr) return delta;
  if (existing->type != delta.type) return Mismatch(update);
  if (delta.type == Type::kN) {
    DDB_ASSIGN_OR_RETURN(Number x, Number::Parse(existing->scalar));
    DDB_ASSIGN_OR_RETURN(Number y, Number::Parse(delta.scalar));
    DDB_ASSIGN_OR_RETURN(Number r, x.Add(y));
    return Value::N(r.ToString());
  }
  Value out = *existing;
  for (const auto& m : delta.set) {
    if (std::find(out.set.begin(), out.set.end(), m) == out.set.end()) out.set.push_back(m);
  }
  return out;
}

// Orders paths so that, within one list, higher indexes come first: removing them in this order
// keeps the lower indexes valid.
bool RemoveBefore(const UpdateAction* a, const UpdateAction* b) {
  const auto& x = a->path.elements;
  const auto& y = b->path.elements;
  for (size_t i = 0; i < std::min(x.size(), y.size()); ++i) {
    if (x[i] == y[i]) continue;
    if (x[i].is_index() && y[i].is_index()) return x[i].index > y[i].index;
    return x[i].name > y[i].name;
  }
  return x.size() > y.size();
}

}  // namespace

Status ApplyUpdate(const UpdateExpression& update, Item& item) {
  const Item old = item;
  std::vector<std::pair<const UpdateAction*, Value>> writes;
  std::vector<const UpdateAction*> removes;
  for (const auto& action : update.actions) {
    switch (action.kind) {
      case UpdateKind::kSet: {
        DDB_ASSIGN_OR_RETURN(Value v, EvaluateSetValue(action.value, old));
        writes.emplace_back(&action, std::move(v));
        break;
      }
      case UpdateKind::kAdd: {
        DDB_ASSIGN_OR_RETURN(Value v,
                             Add(ResolvePath(old, action.path), *action.value.value, update));
        writes.emplace_back(&action, std::move(v));
        break;
      }
      case UpdateKind::kDelete: {
        const Value* existing = ResolvePath(old, action.path);
        if (existing == nullptr) break;
        const Value& delta = *action.value.value;
        if (existing->type != delta.type) return Mismatch(update);
        Value out = *existing;
        std::erase_if(out.set, [&](const std::string& m) {
          return std::find(delta.set.begin(), delta.set.end(), m) != delta.set.end();
        });
        if (out.set.empty()) {
          removes.push_back(&action);
        } else {
          writes.emplace_back(&action, std::move(out));
        }
        break;
      }
      case UpdateKind::kRemove:
        removes.push_back(&action);
        break;
    }
  }
  for (auto& [action, value] : writes)
    DDB_RETURN_IF_ERROR(SetPath(item, action->path, std::move(value)));
  std::sort(removes.begin(), removes.end(), RemoveBefore);
  for (const auto* action : removes) RemovePath(item, action->path);
  return Status::OK();
}

}  // namespace ddb::expr
