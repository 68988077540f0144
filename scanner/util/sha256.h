// SHA-256 through OpenSSL. Thread-safety: sha256_hex is a pure function; a Sha256 is owned by
// one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace mediascan::util {

// Lower-case hex digest of `data`.
std::string sha256_hex(std::string_view data);

// The first 128 bits of the SHA-256 of `data`: a key for a set of names that must not hold the
// names themselves, with no pair of names an archive could craft to share it.
std::pair<uint64_t, uint64_t> sha256_128(std::string_view data);
// Hashes a sha256_128 key for an unordered container (its bits are already uniform).
struct Sha128Hash {
  size_t operator()(const std::pair<uint64_t, uint64_t>& key) const { return size_t(key.first); }
};

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
