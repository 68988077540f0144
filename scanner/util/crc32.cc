#include "scanner/util/crc32.h"

#include <libdeflate.h>
#include <zlib.h>

namespace mediascan::util {

uint32_t crc32(std::string_view bytes) { return libdeflate_crc32(0, bytes.data(), bytes.size()); }

uint32_t crc32_concat(uint32_t crc_a, uint32_t crc_b, uint64_t size_b) {
  return uint32_t(crc32_combine(crc_a, crc_b, z_off_t(size_b)));
}

uint32_t crc32_of_tail(uint32_t whole_crc, std::string_view whole, size_t from) {
  // crc(A B) = shift(crc(A), |B|) ^ crc(B), and crc32_combine(crc(A), 0, |B|) is that shift.
  return whole_crc ^ crc32_concat(crc32(whole.substr(0, from)), 0, whole.size() - from);
}

}  // namespace mediascan::util
