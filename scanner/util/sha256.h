// SHA-256 through OpenSSL. Thread-safety: sha256_hex is a pure function; a Sha256 is owned by
// one thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace mediascan::util {

// Lower-case hex digest of `data`.
std::string sha256_hex(std::string_view data);

// The same digest over data given in pieces (a file read in blocks).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view data);
  std::string hex();  // ends the digest; REQUIRES: called once

 private:
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
};

}  // namespace mediascan::util
