// Dispatcher: one DynamoDB JSON-protocol request in, one response out.
//
// Knows the protocol envelope (X-Amz-Target, the SigV4 Authorization header, the JSON body,
// request ids) but nothing about individual operations, which it finds in the
// registry (ops/registry.h). Thread-safe: Handle() may run on many threads at once.
#pragma once

#include <string>
#include <string_view>

#include "gateway/signature_check.h"
#include "ops/request_context.h"

namespace ddb::gateway {

struct Reply {
  int status = 200;
  std::string body;
  std::string request_id;
};

struct DispatcherOptions {
  bool shared_db = false;  // One namespace for all credentials (DynamoDB Local's -sharedDb).
  // Verifies every request's signature when set (--require-signature); must outlive the
  // dispatcher. Unset, only the credential scope is read, as DynamoDB Local does.
  const SignatureCheck* signatures = nullptr;
};

class Dispatcher {
 public:
  Dispatcher(Engine& engine, DispatcherOptions options) : engine_(engine), options_(options) {}

  // Handles one POST: `target` is the X-Amz-Target header, `authorization` the Authorization
  // header (empty if absent), `body` the JSON (decompressed); `signed_request` the request as
  // sent, needed only when signatures are verified. Never throws; every failure becomes a
  // DynamoDB error reply.
  Reply Handle(std::string_view target, std::string_view authorization, std::string_view body,
               const SignedRequest* signed_request = nullptr);

  // True if signatures are verified (the caller must then pass the signed request).
  bool VerifiesSignatures() const { return options_.signatures != nullptr; }

  // True if `target` names an operation that writes (and so waits for the WAL sync); for the
  // PartiQL operations, if `body` may hold a statement that writes.
  static bool IsWrite(std::string_view target, std::string_view body);

 private:
  Engine& engine_;
  DispatcherOptions options_;
};

}  // namespace ddb::gateway
