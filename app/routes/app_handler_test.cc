// AppHandler's routing and StaticFiles, without databases: what is decided before any service is
// called. The routes' behaviour with real databases is tests/api's.
#include "routes/app_handler.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace cruddur {
namespace {

namespace bhttp = boost::beast::http;

ddb::http::Request MakeRequest(bhttp::verb method, const std::string& target,
                               const std::string& content_type = "") {
  ddb::http::Request r{method, target, 11};
  if (!content_type.empty()) r.set(bhttp::field::content_type, content_type);
  return r;
}

std::string HeaderOf(const ddb::http::Response& r, const std::string& name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return "";
}

TEST(AppHandlerTest, UnknownApiRouteIsJson404) {
  AppHandler handler(AppServices{}, 1024);
  auto r = handler.Handle(MakeRequest(bhttp::verb::get, "/api/nothing/here"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body, R"({"error":"no such route: GET /api/nothing/here"})");
}

TEST(AppHandlerTest, KnownRouteWithOtherMethodIs405WithAllow) {
  AppHandler handler(AppServices{}, 1024);
  auto r = handler.Handle(MakeRequest(bhttp::verb::put, "/api/messages"));
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(HeaderOf(r, "Allow"), "POST");
  auto counter = handler.Handle(MakeRequest(bhttp::verb::delete_, "/api/messages/counter"));
  EXPECT_EQ(counter.status, 405);
  EXPECT_EQ(HeaderOf(counter, "Allow"), "GET");
}

TEST(AppHandlerTest, PostThatIsNotJsonIs415) {
  AppHandler handler(AppServices{}, 1024);
  auto r = handler.Handle(MakeRequest(bhttp::verb::post, "/api/messages", "text/plain"));
  EXPECT_EQ(r.status, 415);
}

TEST(AppHandlerTest, ApiBlocksPagesDoNot) {
  AppHandler handler(AppServices{}, 1024);
  EXPECT_TRUE(handler.Blocks(MakeRequest(bhttp::verb::get, "/api/message_groups")));
  EXPECT_FALSE(handler.Blocks(MakeRequest(bhttp::verb::get, "/messages")));
  EXPECT_FALSE(handler.Blocks(MakeRequest(bhttp::verb::get, "/apiary")));
}

TEST(AppHandlerTest, TooLargeNamesTheLimit) {
  AppHandler handler(AppServices{}, 64 * 1024);
  auto r = handler.TooLarge();
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.body, R"({"error":"the request body is over 64 KiB"})");
}

TEST(AppHandlerTest, NoPagesConfiguredIs404) {
  AppHandler handler(AppServices{}, 1024);
  EXPECT_EQ(handler.Handle(MakeRequest(bhttp::verb::get, "/messages")).status, 404);
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("static-files-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_ / "assets");
    std::ofstream(dir_ / "index.html") << "<html>app</html>";
    std::ofstream(dir_ / "assets" / "app-1234.js") << "console.log(1)";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(StaticFilesTest, FilesByPathAndIndexForPageRoutes) {
  auto files = StaticFiles::Load(dir_.string());
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(files->file_count(), 2u);
  auto js = files->Get("/assets/app-1234.js", "gzip, br");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(HeaderOf(js, "Cache-Control"), "public, max-age=31536000, immutable");
  auto page = files->Get("/messages/5ae290ed-55d1-47a0-bc6d-fe2bc2700399", "gzip, br");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body, "<html>app</html>");
  EXPECT_EQ(HeaderOf(page, "Cache-Control"), "no-cache");
  EXPECT_EQ(files->Get("/assets/missing.js", "gzip, br").status, 404);
  EXPECT_EQ(files->Get("/index.html", "gzip, br").body, "<html>app</html>");
  EXPECT_EQ(files->Get("/messages/new/john.doe", "gzip, br").body, "<html>app</html>");
}

TEST_F(StaticFilesTest, FolderWithoutIndexIsRefused) {
  std::filesystem::remove(dir_ / "index.html");
  auto files = StaticFiles::Load(dir_.string());
  ASSERT_FALSE(files.ok());
  EXPECT_NE(files.error().message.find("no web pages"), std::string::npos);
}

TEST(IdempotencyStoreTest, KeysArePrintableAsciiUpTo255) {
  EXPECT_TRUE(IdempotencyStore::ValidKey("3f1c2d9e-1b7a-4c1e-9a53-2f6a1c0e8b11"));
  EXPECT_FALSE(IdempotencyStore::ValidKey(""));
  EXPECT_FALSE(IdempotencyStore::ValidKey(std::string(256, 'a')));
  EXPECT_TRUE(IdempotencyStore::ValidKey(std::string(255, 'a')));
  EXPECT_FALSE(IdempotencyStore::ValidKey("has space"));
  EXPECT_FALSE(IdempotencyStore::ValidKey("tab\there"));
}

}  // namespace
}  // namespace cruddur
