// SHA-256 through OpenSSL. Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace mediascan::util {
// Lower-case hex digest of `data`.
std::string sha256_hex(std::string_view data);
}  // namespace mediascan::util
