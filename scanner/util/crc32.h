// The CRC-32 of zip headers for bytes made of pieces whose CRCs are known, worked out without
// reading the pieces again (zlib's crc32_combine: a few hundred operations, whatever the sizes).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>

namespace mediascan::util {

// The CRC-32 of `bytes` (libdeflate's, at memory speed).
uint32_t crc32(std::string_view bytes);
// The CRC-32 of bytes A followed by bytes B, from the CRC-32 of each and the size of B.
uint32_t crc32_concat(uint32_t crc_a, uint32_t crc_b, uint64_t size_b);
// The CRC-32 of `whole` from `from` on, given `whole_crc`, the CRC-32 of all of it: reads only the
// bytes before `from`. REQUIRES: from <= whole.size().
uint32_t crc32_of_tail(uint32_t whole_crc, std::string_view whole, size_t from);

}  // namespace mediascan::util
