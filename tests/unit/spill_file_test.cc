// Previews set aside on disk: what goes in comes back, and nothing is left to find in the folder.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "scanner/util/spill_file.h"

namespace mediascan::util {
namespace {

namespace fs = std::filesystem;

TEST(SpillFile, RoundTripsAndLeavesNoName) {
  std::string pattern = (fs::temp_directory_path() / "mediascan-spill-XXXXXX").string();
  const fs::path dir = ::mkdtemp(pattern.data());
  {
    SpillFile spill(dir);
    const std::string big(3 << 20, 'x');
    const auto a = spill.put("first");
    const auto b = spill.put(big);
    const auto c = spill.put(std::string("\0\xff", 2));
    EXPECT_EQ(spill.get(b), big);
    EXPECT_EQ(spill.get(a), "first");
    EXPECT_EQ(spill.get(c), std::string("\0\xff", 2));
    EXPECT_TRUE(fs::is_empty(dir)) << "an unnamed file: nobody else can open it, nothing outlives the run";
  }
  fs::remove_all(dir);
}

TEST(SpillFile, NoSuchFolderThrows) { EXPECT_THROW(SpillFile("/nonexistent/folder"), std::runtime_error); }

}  // namespace
}  // namespace mediascan::util
