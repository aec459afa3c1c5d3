#include "catalog/catalog.h"

#include <gtest/gtest.h>

#include "storage/keys.h"

namespace ddb {
namespace {

class CatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    store_ = storage::Store::Open({"", true}, &error);
    ASSERT_NE(store_, nullptr) << error;
    catalog_ = Catalog::Load(store_.get(), &error);
    ASSERT_NE(catalog_, nullptr) << error;
  }

  static TableDef Def(std::string ns, std::string name) {
    TableDef def;
    def.ns = std::move(ns);
    def.name = std::move(name);
    def.hash = {"pk", Type::kS};
    def.attributes = {{"pk", Type::kS}};
    return def;
  }
  TablePtr Create(TableDef def) {
    auto created = catalog_->Create(std::move(def));
    EXPECT_TRUE(created.ok()) << created.error().message;
    return created.ok() ? created.value() : nullptr;
  }
  std::vector<std::string> List(std::string_view ns, std::string_view start, size_t limit,
                                bool* more) const {
    return catalog_->List(ns, start, limit, more);
  }

  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<Catalog> catalog_;
};

using Names = std::vector<std::string>;

TEST_F(CatalogTest, CreatedTablesAreFoundAndListedInPages) {
  for (const char* name : {"c", "a", "d", "b"}) Create(Def("n1", name));
  Create(Def("n2", "x"));
  TablePtr a = catalog_->Find("n1", "a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->name, "a");
  EXPECT_NE(a->id, 0u);
  EXPECT_NE(a->id, catalog_->Find("n1", "b")->id);
  EXPECT_EQ(catalog_->Find("n2", "a"), nullptr);
  EXPECT_EQ(catalog_->Find("n1", "x"), nullptr);

  bool more = false;
  EXPECT_EQ(List("n1", "", 2, &more), (Names{"a", "b"}));
  EXPECT_TRUE(more);
  EXPECT_EQ(List("n1", "b", 2, &more), (Names{"c", "d"}));
  EXPECT_FALSE(more);
  EXPECT_EQ(List("n1", "a", 100, &more), (Names{"b", "c", "d"}));
  EXPECT_FALSE(more);
  EXPECT_EQ(List("n1", "bb", 1, &more), (Names{"c"}));  // A start that is no table.
  EXPECT_TRUE(more);
  EXPECT_TRUE(List("n1", "d", 2, &more).empty());
  EXPECT_FALSE(more);
  EXPECT_EQ(List("n2", "", 10, &more), (Names{"x"}));
  EXPECT_TRUE(List("n3", "", 10, &more).empty());
  EXPECT_EQ(catalog_->AllTables().size(), 5u);
}

TEST_F(CatalogTest, CreatingATakenNameIsResourceInUse) {
  TablePtr first = Create(Def("n1", "t"));
  TableDef again = Def("n1", "t");
  again.ttl_attribute = "expires";
  auto duplicate = catalog_->Create(again);
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().kind, ErrorKind::kResourceInUse);
  EXPECT_EQ(catalog_->Find("n1", "t"), first);
  EXPECT_EQ(catalog_->Find("n1", "t")->ttl_attribute, "");
  // The same name in another namespace is another table.
  TablePtr other = Create(Def("n2", "t"));
  ASSERT_NE(other, nullptr);
  EXPECT_NE(other->id, first->id);
}

TEST_F(CatalogTest, UpdateChangesTheDefinitionUnlessTheChangeFails) {
  TablePtr before = Create(Def("n1", "t"));
  auto refused = catalog_->Update("n1", "t", [](TableDef& def) -> Status {
    def.ttl_attribute = "expires";
    return ApiError::Validation("no");
  });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::kValidation);
  EXPECT_EQ(catalog_->Find("n1", "t"), before);
  EXPECT_EQ(before->ttl_attribute, "");

  auto updated = catalog_->Update("n1", "t", [](TableDef& def) -> Status {
    def.ttl_attribute = "expires";
    IndexDef index;
    index.name = "gsi";
    index.hash = {"g", Type::kS};
    def.indexes.push_back(index);
    return Status::OK();
  });
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(catalog_->Find("n1", "t"), updated.value());
  EXPECT_EQ(updated.value()->ttl_attribute, "expires");
  EXPECT_EQ(updated.value()->id, before->id);
  ASSERT_EQ(updated.value()->indexes.size(), 1u);
  EXPECT_GT(updated.value()->indexes[0].id, before->id);  // A new index gets a fresh id.

  auto missing = catalog_->Update("n1", "nope", [](TableDef&) { return Status::OK(); });
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, ErrorKind::kResourceNotFound);
}

TEST_F(CatalogTest, DropRemovesTheTableAndItsItems) {
  TablePtr t = Create(Def("n1", "t"));
  Create(Def("n1", "u"));
  rocksdb::WriteBatch batch;
  ASSERT_TRUE(
      batch.Put(store_->items(), storage::ItemKey(t->id, Value::S("k"), nullptr), "v").ok());
  store_->AddCounters(&batch, t->id, 1, 10);
  std::string error;
  ASSERT_TRUE(store_->Write(&batch, &error)) << error;

  auto dropped = catalog_->Drop("n1", "t");
  ASSERT_TRUE(dropped.ok()) << dropped.error().message;
  EXPECT_EQ(dropped.value(), t);
  EXPECT_EQ(catalog_->Find("n1", "t"), nullptr);
  bool more = true;
  EXPECT_EQ(List("n1", "", 10, &more), (Names{"u"}));
  std::string value;
  EXPECT_FALSE(store_->Get(store_->items(), storage::ItemKey(t->id, Value::S("k"), nullptr), &value)
                   .value());
  EXPECT_EQ(store_->ReadCounters(t->id).value().items, 0);

  auto again = catalog_->Drop("n1", "t");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, ErrorKind::kResourceNotFound);
}

TEST_F(CatalogTest, AReloadedCatalogSeesTheSameTables) {
  TableDef with_stream = Def("n1", "s");
  with_stream.stream.enabled = true;
  with_stream.stream.view = StreamViewType::kKeysOnly;
  TablePtr s = Create(with_stream);
  TablePtr t = Create(Def("n1", "t"));
  TablePtr gone = Create(Def("n2", "gone"));
  ASSERT_TRUE(catalog_
                  ->Update("n1", "t",
                           [](TableDef& def) -> Status {
                             def.ttl_attribute = "expires";
                             return Status::OK();
                           })
                  .ok());
  ASSERT_TRUE(catalog_->Drop("n2", "gone").ok());

  std::string error;
  auto reloaded = Catalog::Load(store_.get(), &error);
  ASSERT_NE(reloaded, nullptr) << error;
  bool more = true;
  EXPECT_EQ(reloaded->List("n1", "", 10, &more), (Names{"s", "t"}));
  EXPECT_FALSE(more);
  EXPECT_EQ(reloaded->Find("n2", "gone"), nullptr);
  EXPECT_EQ(reloaded->AllTables().size(), 2u);
  TablePtr s2 = reloaded->Find("n1", "s"), t2 = reloaded->Find("n1", "t");
  ASSERT_NE(s2, nullptr);
  ASSERT_NE(t2, nullptr);
  EXPECT_EQ(s2->id, s->id);
  EXPECT_TRUE(s2->stream.enabled);
  EXPECT_EQ(s2->stream.id, s->stream.id);
  EXPECT_EQ(s2->stream.view, StreamViewType::kKeysOnly);
  EXPECT_EQ(t2->id, t->id);
  EXPECT_EQ(t2->ttl_attribute, "expires");
  EXPECT_EQ(EncodeTableDef(*t2), EncodeTableDef(*catalog_->Find("n1", "t")));
  // Ids continue after every id handed out before the reload, never reusing one.
  TableDef next = Def("n1", "new");
  auto created = reloaded->Create(next);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_GT(created.value()->id, gone->id);
}

}  // namespace
}  // namespace ddb
