// Previews set aside on disk: what goes in comes back, and nothing is left to find in the folder.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
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

// Without a usable $TMPDIR the message says which folder and what to change.
TEST(SpillFile, MissingTmpdirIsAClearError) {
  const char* saved = std::getenv("TMPDIR");
  const std::string old = saved ? saved : "";
  ::setenv("TMPDIR", "/nonexistent-tmpdir-for-mediascan", 1);
  std::string message;
  try {
    SpillFile spill;
  } catch (const std::runtime_error& e) {
    message = e.what();
  }
  if (saved) ::setenv("TMPDIR", old.c_str(), 1);
  else ::unsetenv("TMPDIR");
  EXPECT_NE(message.find("/nonexistent-tmpdir-for-mediascan"), std::string::npos) << message;
  EXPECT_NE(message.find("set TMPDIR to a writable folder"), std::string::npos) << message;
}

// Released bytes (their space given back where the file system can) leave the rest readable.
TEST(SpillFile, ReleaseKeepsTheRest) {
  SpillFile spill;
  const std::string big(8 << 20, 'y');
  const auto a = spill.put(big);
  const auto b = spill.put("kept");
  spill.release(a);
  EXPECT_EQ(spill.get(b), "kept");
  spill.release({0, 0});
}

}  // namespace
}  // namespace mediascan::util
