// Bytes put in an unnamed temporary file and handed out as a util::FileBytes, as ingest keeps an
// entry too big to hold: for the tests of what reads such an entry a piece at a time.
#pragma once

#include <string>
#include <string_view>

#include "scanner/util/file_bytes.h"
#include "scanner/util/spill_file.h"

namespace mediascan::test {

class BytesInFile {
 public:
  explicit BytesInFile(std::string_view bytes) { spill_.put(bytes); }
  // Valid while this object lives.
  util::FileBytes bytes() const { return util::FileBytes(nullptr, spill_.fd(), 0, spill_.size(), "a test file"); }

 private:
  util::SpillFile spill_;
};

}  // namespace mediascan::test
