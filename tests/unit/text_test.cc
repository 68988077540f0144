#include <gtest/gtest.h>

#include "scanner/util/csv.h"
#include "scanner/util/text.h"
#include "scanner/util/time.h"

namespace mediascan::util {

TEST(Mojibake, RepairsFacebookEscapedUtf8) {
  // "café 🍺" as Facebook writes it: each UTF-8 byte became its own code point.
  EXPECT_EQ(repair_mojibake("caf\xC3\x83\xC2\xA9 \xC3\xB0\xC2\x9F\xC2\x8D\xC2\xBA"), "café 🍺");
}

TEST(Mojibake, LeavesCorrectTextAlone) {
  EXPECT_EQ(repair_mojibake("café"), "café");           // a lone é is not mojibake
  EXPECT_EQ(repair_mojibake("plain"), "plain");
  EXPECT_EQ(repair_mojibake("🍺 bier"), "🍺 bier");       // above U+00FF: never mangled
  EXPECT_EQ(repair_mojibake("\xC3\xA9\xC3\xA9"), "\xC3\xA9\xC3\xA9");  // "éé" is not valid UTF-8 as bytes
}

TEST(Utf8, ReplacesInvalidSequences) {
  EXPECT_TRUE(is_valid_utf8("ok ✓"));
  EXPECT_FALSE(is_valid_utf8("\xFF"));
  EXPECT_EQ(to_valid_utf8("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // surrogate
}

TEST(Printable, EscapesTerminalControls) {
  EXPECT_EQ(printable("a\nb\x1B[2Jc"), "a\\nb\\x1b[2Jc");
  EXPECT_EQ(printable("naïve"), "naïve");
  EXPECT_EQ(printable("photo\u202Egpj.exe"), "photo\\u{202e}gpj.exe");  // right-to-left override
}

TEST(Time, Iso8601) {
  EXPECT_EQ(iso8601_utc(1557669802), "2019-05-12T14:03:22Z");
  EXPECT_EQ(iso8601_utc(0), "");
  EXPECT_EQ(iso8601_utc(*parse_twitter_time("Wed Oct 10 20:19:24 +0000 2018")), "2018-10-10T20:19:24Z");
  EXPECT_EQ(iso8601_utc(*parse_twitter_time("Wed Oct 10 22:19:24 +0200 2018")), "2018-10-10T20:19:24Z");
  EXPECT_EQ(iso8601_utc(*parse_date_time_utc("2022-06-30 20:11:12 UTC")), "2022-06-30T20:11:12Z");
  EXPECT_FALSE(parse_date_time_utc("2022-13-30 20:11:12 UTC"));
  // With an offset the time is local to it.
  EXPECT_EQ(iso8601_utc(*parse_date_time_utc("2019-01-05T20:11:12+01:00")), "2019-01-05T19:11:12Z");
  EXPECT_EQ(iso8601_utc(*parse_date_time_utc("2019-01-05T20:11:12.250-0530")), "2019-01-06T01:41:12Z");
  EXPECT_EQ(iso8601_utc(*parse_date_time_utc("2019-01-05T20:11:12+00:00")), "2019-01-05T20:11:12Z");
}

TEST(Csv, QuotedFieldsAndLineBreaks) {
  const auto rows = parse_csv("a,b\r\n\"x, y\",\"line1\nline2 \"\"q\"\"\"\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][0], "x, y");
  EXPECT_EQ(rows[1][1], "line1\nline2 \"q\"");
}

TEST(Text, TakeoutPartsAreNumberedThreeDigitsAfterTakeout) {
  EXPECT_EQ(takeout_part("takeout-20240101T000000Z-002.zip"), (std::pair<std::string, unsigned>{"takeout-20240101T000000Z", 2}));
  EXPECT_EQ(takeout_part("Takeout-20240101T000000Z-010.TGZ")->second, 10u);
  EXPECT_EQ(takeout_part("takeout-20240101T000000Z-001")->first, "takeout-20240101T000000Z");  // extracted
  EXPECT_FALSE(takeout_part("case-001.zip"));
  EXPECT_FALSE(takeout_part("takeout-20240101T000000Z-01.zip"));
  EXPECT_FALSE(takeout_part("takeout-001.7z"));
}

// From a review: a Facebook download in several files, given without the part beside it, said
// nothing of the missing part, as a split Takeout does.
TEST(Text, FacebookAndInstagramPartsAreNumberedAfterTheDownloadsId) {
  EXPECT_EQ(meta_part("facebook-jan-15062024-AbCd-1.zip"), (std::pair<std::string, unsigned>{"facebook-jan-15062024-AbCd", 1}));
  EXPECT_EQ(meta_part("instagram-jdoe-2024-05-01-XyZ12-2")->second, 2u);  // extracted
  EXPECT_EQ(export_part("facebook-jan-15062024-AbCd-2.zip")->first, "facebook-jan-15062024-AbCd");
  EXPECT_EQ(export_part("takeout-20240101T000000Z-002.zip")->second, 2u);
  EXPECT_FALSE(meta_part("instagram-jan-2022-07-01.zip"));  // a date, not a part
  EXPECT_FALSE(meta_part("facebook-jdoe-2024-05-01-AbCdEf.zip"));
  EXPECT_FALSE(meta_part("facebook-jan-2019.zip"));
  EXPECT_FALSE(meta_part("twitter-2024-07-15-x-1.zip"));
}

TEST(Text, AListInWords) {
  EXPECT_EQ(in_words({}), "");
  EXPECT_EQ(in_words({"faces"}), "faces");
  EXPECT_EQ(in_words({"faces", "scenes"}), "faces and scenes");
  EXPECT_EQ(in_words({"faces", "scenes", "previews"}), "faces, scenes and previews");
}

}  // namespace mediascan::util
