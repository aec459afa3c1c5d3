#include "live/event_hub.h"

#include <gtest/gtest.h>

namespace cruddur {
namespace {

std::string Drain(ddb::http::EventStream& s) {
  bool closed = false;
  return s.Take(&closed);
}

// The id of the last event in `text` ("id: <id>\n").
std::string LastId(const std::string& text) {
  size_t at = text.rfind("id: ");
  return text.substr(at + 4, text.find('\n', at) - at - 4);
}

TEST(EventHubTest, EventsGoToEachStreamOfTheirUserOnce) {
  EventHub hub;
  auto a1 = hub.Subscribe("alice", "");
  auto a2 = hub.Subscribe("alice", "");
  auto b = hub.Subscribe("bob", "");
  EXPECT_EQ(Drain(*a1), "retry: 2000\n\n");
  Drain(*a2);
  Drain(*b);
  hub.Publish("alice", "message", R"({"n":1})", "message/1");
  hub.Publish("alice", "message", R"({"n":1})", "message/1");  // The same message again.
  const std::string got = Drain(*a1);
  EXPECT_NE(got.find("event: message\ndata: {\"n\":1}\n\n"), std::string::npos) << got;
  EXPECT_EQ(got.find("id: "), 0u);
  EXPECT_EQ(got.find("event:", got.find("event:") + 1), std::string::npos) << "sent twice";
  EXPECT_EQ(Drain(*a2), got);
  EXPECT_EQ(Drain(*b), "");
  EXPECT_EQ(hub.streams(), 3u);
  a2.reset();
  EXPECT_EQ(hub.streams(), 2u);
}

TEST(EventHubTest, AReconnectGetsWhatItMissedOrResync) {
  EventHub hub;
  auto first = hub.Subscribe("alice", "");
  hub.Publish("alice", "message", "1");
  const std::string seen = LastId(Drain(*first));
  first.reset();  // The connection drops; two events happen meanwhile.
  hub.Publish("alice", "message", "2");
  hub.Publish("alice", "read", "3");
  auto again = hub.Subscribe("alice", seen);
  const std::string missed = Drain(*again);
  EXPECT_EQ(missed.find("data: 1"), std::string::npos) << missed;
  EXPECT_NE(missed.find("event: message\ndata: 2\n\n"), std::string::npos) << missed;
  EXPECT_NE(missed.find("event: read\ndata: 3\n\n"), std::string::npos) << missed;
  // An id of another process, or one older than what is kept: fetch everything again.
  auto foreign = hub.Subscribe("alice", "0000abcd-7");
  EXPECT_NE(Drain(*foreign).find("event: resync\n"), std::string::npos);
  for (size_t i = 0; i < EventHub::kKept + 1; ++i) hub.Publish("alice", "message", "x");
  auto late = hub.Subscribe("alice", seen);
  EXPECT_NE(Drain(*late).find("event: resync\n"), std::string::npos);
}

}  // namespace
}  // namespace cruddur
