#include "protocol/encoded_item_json.h"

#include "core/value_json.h"
#include "item/codec.h"

namespace ddb::protocol {
namespace {

// Renders the walk of a stored item as WriteValue renders each value.
class JsonItemVisitor final : public ItemVisitor {
 public:
  explicit JsonItemVisitor(JsonWriter& w) : w_(w) {}

  void Name(std::string_view name) override { w_.Key(name); }
  void Scalar(Type type, std::string_view payload) override {
    w_.BeginObject();
    w_.Key(TypeName(type));
    w_.String(type == Type::kB ? Base64Encode(payload) : payload);
    w_.EndObject();
  }
  void Bool(bool value) override {
    w_.BeginObject();
    w_.MemberBool("BOOL", value);
    w_.EndObject();
  }
  void Null() override {
    w_.BeginObject();
    w_.MemberBool("NULL", true);
    w_.EndObject();
  }
  void Begin(Type type, size_t) override {
    set_type_ = type;
    w_.BeginObject();
    w_.Key(TypeName(type));
    if (type == Type::kM) {
      w_.BeginObject();
    } else {
      w_.BeginArray();
    }
  }
  void SetMember(std::string_view m) override {
    w_.String(set_type_ == Type::kBS ? Base64Encode(m) : m);
  }
  void End(Type type) override {
    if (type == Type::kM) {
      w_.EndObject();
    } else {
      w_.EndArray();
    }
    w_.EndObject();
  }

 private:
  JsonWriter& w_;
  Type set_type_ = Type::kSS;
};

}  // namespace

bool WriteEncodedItem(JsonWriter& w, std::string_view encoded) {
  JsonItemVisitor visitor(w);
  w.BeginObject();
  bool ok = WalkItem(encoded, &visitor);
  w.EndObject();
  return ok;
}

}  // namespace ddb::protocol
