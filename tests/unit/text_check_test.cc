// The text check's machinery on small lexicons written here (the shipped lexicons have their own
// tests in lexicons_test.cc), personal data with checksums, posts read from each platform's
// files, and the policy's text topics.
#include <gtest/gtest.h>

#include <algorithm>

#include "scanner/ingest/ingest.h"
#include "scanner/risk/assess.h"
#include "scanner/text/personal_data.h"
#include "scanner/text/text_check.h"

namespace mediascan {
namespace {

using text::Lexicon;

std::vector<std::string> norms(std::string_view s) {
  std::vector<std::string> out;
  for (const text::Word& w : text::split_words(s)) out.push_back(w.norm);
  return out;
}

TEST(SplitWords, FoldsCaseAndAccentsAndSplitsEmoji) {
  EXPECT_EQ(norms("Bière, STRAßE & Œuvre!"), (std::vector<std::string>{"biere", "strasse", "oeuvre"}));
  EXPECT_EQ(norms("#drunk🍺🍻tonight"), (std::vector<std::string>{"drunk", "🍺", "🍻", "tonight"}));
  // Skin tones and joiners belong to their emoji; apostrophes and hyphens split words.
  EXPECT_EQ(norms("👍🏽 don't half-drunk"), (std::vector<std::string>{"👍", "don", "t", "half", "drunk"}));
  // Offsets point into the original text.
  const auto words = text::split_words("Zo Zat!");
  ASSERT_EQ(words.size(), 2u);
  EXPECT_EQ(words[1].begin, 3u);
  EXPECT_EQ(words[1].end, 6u);
  // Invalid UTF-8 separates words instead of failing.
  EXPECT_EQ(norms("bier\xff\xfe" "bar"), (std::vector<std::string>{"bier", "bar"}));
}

Lexicon small_lexicon() {
  Lexicon lex;
  lex.add(R"(
language: nl
stop-words: de het een en ik je we was op
negation: niet geen nooit
[alcohol]
dronken*
*bezopen
zat | after: was ben zo | weight: 0.6
zat als een aap
language: en
stop-words: the a and i we was my
negation: not never
[alcohol]
bar | not-before: chart graph exam | not-after: chocolate protein
language: any
[alcohol]
🍺 | weight: 0.5
)", "test.lex");
  return lex;
}

std::vector<std::string> signals(const Lexicon& lex, std::string_view text) {
  std::vector<std::string> out;
  for (const Finding& f : text::check_text(lex, text, "post")) out.push_back(f.signal);
  return out;
}

TEST(Lexicon, WordsInflectionsAndCompounds) {
  const Lexicon lex = small_lexicon();
  EXPECT_EQ(signals(lex, "gisteren dronkenschap"), std::vector<std::string>{"post:alcohol"});
  EXPECT_EQ(signals(lex, "straalbezopen"), std::vector<std::string>{"post:alcohol"});
  EXPECT_EQ(signals(lex, "ze was zat als een aap"), std::vector<std::string>{"post:alcohol"});
  EXPECT_TRUE(signals(lex, "dronkaard").empty());  // "dronken*" needs the whole stem
}

TEST(Lexicon, ContextRulesKeepFalseFriendsOut) {
  const Lexicon lex = small_lexicon();
  EXPECT_EQ(signals(lex, "ik was zo zat"), std::vector<std::string>{"post:alcohol"});
  EXPECT_TRUE(signals(lex, "ik zat op de bank").empty());  // "zat" = sat
  EXPECT_EQ(signals(lex, "drinks at the bar"), std::vector<std::string>{"post:alcohol"});
  EXPECT_TRUE(signals(lex, "see the bar chart").empty());
  EXPECT_TRUE(signals(lex, "a chocolate bar").empty());
}

TEST(Lexicon, NegationAndLanguage) {
  const Lexicon lex = small_lexicon();
  EXPECT_TRUE(signals(lex, "ik was niet dronken").empty());
  EXPECT_EQ(signals(lex, "🍺🍺"), std::vector<std::string>{"post:alcohol"});
  // A clearly English text is not matched against the Dutch entries.
  EXPECT_EQ(lex.guess_language(text::split_words("I was at the bar and my friends")), "en");
  EXPECT_TRUE(signals(lex, "I was dronken and the rest").empty());
  // Too short to tell: every language applies.
  EXPECT_EQ(lex.guess_language(text::split_words("dronken")), "");
}

TEST(Lexicon, EvidenceQuotesTheWordsAsWrittenAndWeightsAddUp) {
  const Lexicon lex = small_lexicon();
  const auto found = text::check_text(lex, "Was zo ZAT 🍺", "caption");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].signal, "caption:alcohol");
  EXPECT_EQ(found[0].category, Category::text);
  EXPECT_EQ(found[0].where, "caption");
  // "zat" counts only after "was", "ben" or "zo": the quote shows that word too.
  EXPECT_NE(found[0].evidence.find("\u201Czo ZAT\u201D"), std::string::npos) << found[0].evidence;
  EXPECT_NE(found[0].evidence.find("\u201C🍺\u201D"), std::string::npos) << found[0].evidence;
  EXPECT_NEAR(found[0].confidence, 1 - 0.4 * 0.5, 1e-9);
}

// Regression: an entry written as the text shows it ("pub-crawl", "m'n") was glued into one
// word and never matched; overlapping entries counted twice.
TEST(Lexicon, EntriesSplitLikeTextAndOverlapsCountOnce) {
  Lexicon lex;
  lex.add("[alcohol]\npub-crawl*\nm'n kraag\n[violence]\nvais te tuer | weight: 0.9\nte tuer | weight: 0.5\ntuer | weight: 0.5\n", "x.lex");
  EXPECT_EQ(signals(lex, "Pub-crawls tonight"), std::vector<std::string>{"post:alcohol"});
  EXPECT_EQ(signals(lex, "te veel in m'n kraag"), std::vector<std::string>{"post:alcohol"});
  const auto found = text::check_text(lex, "je vais te tuer", "post");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NEAR(found[0].confidence, 0.9, 1e-9);
}

TEST(Lexicon, MalformedFilesNameTheLine) {
  Lexicon lex;
  try {
    lex.add("language: en\nbeer\n", "mine.lex");
    FAIL() << "an entry before any topic must be refused";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("mine.lex:2:", 0), 0u) << e.what();
  }
  EXPECT_THROW(lex.add("[x]\nbeer | weight: 2\n", "w.lex"), std::runtime_error);
  EXPECT_THROW(lex.add("[x]\nbeer | sometimes: y\n", "r.lex"), std::runtime_error);
  EXPECT_THROW(lex.add("[Bad Topic]\n", "t.lex"), std::runtime_error);
}

// How far back a negation reaches is a language's own (Spanish, Italian and Portuguese say 4,
// for their compound tenses); a reach outside 1 to 6 words is refused when the file loads.
TEST(Lexicon, NegationReachIsALanguagesOwnAndChecked) {
  const auto lexicon = [](const std::string& reach) {
    Lexicon lex;
    lex.add("language: en\nstop-words: the a i have\nnegation: never\n" + reach + "[drugs]\njoint\n", "reach.lex");
    return lex;
  };
  // "joint" is three words after "never".
  EXPECT_EQ(signals(lexicon(""), "I have never smoked a joint"), std::vector<std::string>{"post:drugs"});
  EXPECT_EQ(signals(lexicon("negation-reach: 3\n"), "I have never smoked a joint"), std::vector<std::string>{});
  EXPECT_EQ(signals(lexicon("negation-reach: 3\n"), "I have never ever smoked a joint"), std::vector<std::string>{"post:drugs"});
  for (const char* bad : {"0", "7", "-1", "four", ""}) {
    try {
      lexicon(std::string("negation-reach: ") + bad + "\n");
      FAIL() << "negation-reach: " << bad << " was taken";
    } catch (const std::runtime_error& e) {
      EXPECT_EQ(std::string(e.what()).rfind("reach.lex:4:", 0), 0u) << e.what();
    }
  }
}

TEST(Lexicon, BuiltinLoadsAndUserTopicsWork) {
  Lexicon lex = Lexicon::builtin();
  EXPECT_GT(lex.size(), 0u);
  lex.add("[gambling]\ncasino*\n", "mine.lex");
  EXPECT_EQ(signals(lex, "Casinonight!"), std::vector<std::string>{"post:gambling"});
}

TEST(TextCheck, AnItemsPlaceNameIsCheckedToo) {
  // A check-in at a beer garden says as much as a caption about it; a place named like the album is
  // checked once.
  Lexicon lex = Lexicon::builtin();
  Item item;
  item.context.caption = "Friday";
  item.context.place = "Hofbräu Beer Garden";
  item.context.sidecars = {"posts/your_posts_1.json"};
  text::check_item_text(lex, item);
  ASSERT_FALSE(item.findings.empty());
  EXPECT_EQ(item.findings[0].signal.substr(0, 6), "place:");
  EXPECT_EQ(item.findings[0].where, "sidecar:posts/your_posts_1.json");  // where the name is
  Item same;
  same.context.album = same.context.place = "Beer Garden";
  text::check_item_text(lex, same);
  ASSERT_FALSE(same.findings.empty());
  for (const Finding& f : same.findings) {
    EXPECT_FALSE(f.signal.starts_with("place:")) << f.signal;
    EXPECT_EQ(f.where, "caption");  // no sidecar known
  }
  // A place's street address is a business's, not the user's.
  Item shop;
  shop.context.place = "Bakkerij, Kerkstraat 12, 1017 GC Amsterdam";
  text::check_item_text(lex, shop);
  EXPECT_TRUE(shop.findings.empty());
}

// From a review: the finding's evidence was masked, the caption the reports show beside it not.
TEST(TextCheck, PersonalDataIsMaskedInTheTextsTheReportsShow) {
  Lexicon lex = Lexicon::builtin();
  Item item;
  item.context.caption = "My card 4111 1111 1111 1111 exp 12/26, call +44 7911 123456 or jane.doe@gmail.com";
  item.context.album = "Pay NL91 ABNA 0417 1643 00";
  text::check_item_text(lex, item);
  for (const char* secret : {"4111 1111 1111 1111", "7911 123456", "jane.doe@", "0417 1643"}) {
    EXPECT_EQ(item.context.caption.find(secret), std::string::npos) << item.context.caption;
    EXPECT_EQ(item.context.album.find(secret), std::string::npos) << item.context.album;
  }
  EXPECT_EQ(item.context.caption,
            "My card \u2022\u2022\u2022\u2022 1111 exp 12/26, call +44 \u2022\u2022\u2022\u2022 56 or "
            "j\u2022\u2022\u2022\u2022@gmail.com");
  EXPECT_EQ(item.context.album, "Pay NL91 \u2022\u2022\u2022\u2022 4300");
  // Found on the text as written, not on the masked one.
  ASSERT_EQ(std::count_if(item.findings.begin(), item.findings.end(),
                          [](const Finding& f) { return f.signal.ends_with(":personal_data"); }),
            2);
  // A text without personal data is kept as it is, and a place's name is never personal data.
  Item plain;
  plain.context.caption = "So drunk \xff at the bar";
  plain.context.place = "Bakkerij, Kerkstraat 12";
  text::check_item_text(lex, plain);
  EXPECT_EQ(plain.context.caption, "So drunk \xff at the bar");
  EXPECT_EQ(plain.context.place, "Bakkerij, Kerkstraat 12");
}

std::vector<std::string> kinds(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& p : text::find_personal_data(text)) out.push_back(p.kind + " " + p.masked);
  return out;
}

TEST(PersonalData, ChecksumsDecide) {
  EXPECT_TRUE(text::iban_valid("NL91 ABNA 0417 1643 00"));
  EXPECT_TRUE(text::iban_valid("DE89370400440532013000"));
  EXPECT_FALSE(text::iban_valid("NL91 ABNA 0417 1643 01"));
  EXPECT_TRUE(text::luhn_valid("4111111111111111"));
  EXPECT_FALSE(text::luhn_valid("4111111111111112"));
  EXPECT_EQ(kinds("maak over naar NL91 ABNA 0417 1643 00 aub"),
            std::vector<std::string>{"iban NL91 \u2022\u2022\u2022\u2022 4300"});
  EXPECT_TRUE(kinds("ref NL91 ABNA 0417 1643 01").empty());  // checksum wrong
  EXPECT_EQ(kinds("card 4111-1111-1111-1111 exp 12/27"), std::vector<std::string>{"card \u2022\u2022\u2022\u2022 1111"});
  EXPECT_TRUE(kinds("order 4111 1111 1111 1112").empty());  // Luhn fails
  EXPECT_TRUE(kinds("tracking 1234567812345670").empty());  // Luhn passes, no card network starts so
}

TEST(PersonalData, PhonesMailsAddresses) {
  EXPECT_EQ(kinds("bel me: 06-12345678"), std::vector<std::string>{"phone 06 \u2022\u2022\u2022\u2022 78"});
  EXPECT_EQ(kinds("call +44 20 7946 0958!"), std::vector<std::string>{"phone +44 \u2022\u2022\u2022\u2022 58"});
  EXPECT_EQ(kinds("(555) 123-4567"), std::vector<std::string>{"phone 55 \u2022\u2022\u2022\u2022 67"});
  EXPECT_TRUE(kinds("on 2019-05-12 at 10.30, 1557669802 views, score 3-1").empty());
  EXPECT_EQ(kinds("mail jan.devries@example.nl."), std::vector<std::string>{"email j\u2022\u2022\u2022\u2022@example.nl"});
  EXPECT_TRUE(kinds("@jan and me@home").empty());
  EXPECT_EQ(kinds("Ik woon op de Kerkstraat 12a"), std::vector<std::string>{"address Kerkstraat \u2022\u2022\u2022\u2022"});
  EXPECT_EQ(kinds("party at 221 Baker Street tonight"), std::vector<std::string>{"address \u2022\u2022\u2022\u2022 Baker Street"});
  EXPECT_EQ(kinds("j'habite 12 rue de Rivoli"), std::vector<std::string>{"address \u2022\u2022\u2022\u2022 rue de"});
  EXPECT_TRUE(kinds("we walked 5 miles down the weg 12 times").empty());
}

// What a review found taken for personal data: dates, lottery and raffle numbers, an ISBN, an
// order number, years after a square or a court, Title Case captions, a French ordinal, a file
// name with "@2x". Real ones next to them are still found.
TEST(PersonalData, DatesNumbersAndTitlesAreNoPersonalData) {
  for (const char* text : {"Urlaub vom 01.-14.08.2024 an der Ostsee", "Holiday 02/03/24-09/03/24 in Tenerife",
                           "Photo taken at 2023-07-22 04:26", "My lotto numbers 04 12 23 35 41 48 never win",
                           "Tickets 01 02 03 04 05 06 for the raffle", "Reading ISBN 0-306-40615-2, great book",
                           "Order 0012345678 finally arrived", "Kilometerstand 0123456789 erreicht",
                           "Wimbledon 2023 Centre Court, what a final", "Koningsdag op het Museumplein 2023",
                           "Hauptstraße 2023 Straßenfest war super", "Won 3 Games On Center Court today",
                           "Day 2 On The Road", "Fière de ma 2e place au semi-marathon !", "photo@2x.png exported wrong"})
    EXPECT_TRUE(kinds(text).empty()) << text;
  EXPECT_EQ(kinds("appelle-moi au 06 12 34 56 78"), std::vector<std::string>{"phone 06 \u2022\u2022\u2022\u2022 78"});
  // Numbers written with dots are numbers, not dates (from a review of the date rule).
  for (const char* phone : {"06.12.34.56.78", "+33.6.12.34.56.78", "0470.12.34.56", "0470/12.34.56", "555.123.4567"})
    EXPECT_EQ(kinds(std::string("tel ") + phone).size(), 1u) << phone;
  EXPECT_EQ(kinds("ik woon op het Museumplein 2023"), std::vector<std::string>{"address Museumplein \u2022\u2022\u2022\u2022"});
  EXPECT_EQ(kinds("2 place de la Concorde"), std::vector<std::string>{"address \u2022\u2022\u2022\u2022 place de"});
}

// A retweet is someone else's words on the user's profile: half the weight of their own (from a
// review: "RT @police: Drunk driving kills" was the user's drunk post).
TEST(TextCheck, ARetweetWeighsHalf) {
  SidecarIndex idx;
  idx.add("data/tweets.js", R"(window.YTD.tweets.part0 = [
    {"tweet": {"id_str": "1", "full_text": "RT @police: Drunk driving kills. Don't drink and drive.", "created_at": "Wed Oct 10 20:19:24 +0000 2018"}},
    {"tweet": {"id_str": "2", "full_text": "Drunk driving home, lol", "created_at": "Wed Oct 10 20:19:24 +0000 2018"}}])");
  ASSERT_EQ(idx.posts.size(), 2u);
  EXPECT_EQ(idx.posts.at(0).context.text_kind, "retweet");
  EXPECT_EQ(idx.posts.at(1).context.text_kind, "tweet");
  const Lexicon lex = Lexicon::builtin();
  double confidence[2] = {0, 0};
  for (size_t k = 0; k < 2; ++k) {
    Item item;
    item.kind = Kind::text;
    item.context = idx.posts.at(k).context;
    text::check_item_text(lex, item);
    for (const Finding& f : item.findings)
      if (f.signal.ends_with(":alcohol")) confidence[k] = f.confidence;
  }
  EXPECT_GT(confidence[1], 0.5);
  EXPECT_NEAR(confidence[0], confidence[1] / 2, 1e-9);
}

// A hostile caption (sidecars may be megabytes): one endless word, thousands of numbers. The
// work stays linear and the evidence short; a quadratic step would time this test out.
TEST(TextCheck, HugeHostileTextStaysBounded) {
  Lexicon lex = small_lexicon();
  lex.add("[x]\nzzz*\n*yyy\n", "affix.lex");
  std::string text(2'000'000, 'z');
  for (int i = 0; i < 50'000; ++i) text += " +31 6 1234 5678 jan@example.nl NL91 ABNA 0417 1643 00 dronken";
  const auto found = text::check_text(lex, text, "post");
  ASSERT_EQ(found.size(), 3u);  // alcohol, x, personal_data
  for (const Finding& f : found) EXPECT_LT(f.evidence.size(), 600u) << f.signal;
}

// --- posts read from the platforms' files ---

TEST(Posts, FacebookTextPostsCommentsAndCaptions) {
  SidecarIndex idx;
  idx.add("your_facebook_activity/posts/your_posts_1.json", R"([
    {"timestamp": 1672531500, "data": [{"post": "zo zat gisteren"}], "title": "Jan updated his status."},
    {"timestamp": 1672531600, "data": [{"post": "foto van het feest"}],
     "attachments": [{"data": [{"media": {"uri": "your_facebook_activity/posts/media/a/1.jpg", "creation_timestamp": 1}}]}]},
    {"timestamp": 1672531700, "data": [{"post": "missing photo"}],
     "attachments": [{"data": [{"media": {"uri": "your_facebook_activity/posts/media/a/gone.jpg"}}]}]}
  ])");
  idx.add("your_facebook_activity/comments_and_reactions/comments.json", R"({"comments_v2": [
    {"timestamp": 1600000000, "data": [{"comment": {"timestamp": 1600000000, "comment": "wat een kutbaas", "author": "Jan"}}],
     "title": "Jan commented on Piet's post."}]})");
  idx.add("your_facebook_activity/groups/your_posts_in_groups.json",
          R"({"group_posts_v2": [{"timestamp": 1600000100, "data": [{"post": "Wie gaat er mee stappen?"}]}]})");
  ASSERT_EQ(idx.posts.size(), 5u);
  const std::vector<IndexedEntry> entries{{"s.zip", "fb/your_facebook_activity/posts/media/a/1.jpg", MediaType::jpeg, 1},
                                          {"s.zip", "fb/your_facebook_activity/posts/media/a/2.json", MediaType::unknown, 1}};
  const CaptionFinder captions(entries);
  EXPECT_EQ(idx.posts[0].context.text_kind, "post");
  EXPECT_EQ(idx.posts[0].context.taken, "2023-01-01T00:05:00Z");
  EXPECT_EQ(text_item_path(idx.posts[0]), "your_facebook_activity/posts/your_posts_1.json#/0");
  EXPECT_FALSE(captions.is_caption(idx.posts[0]));
  EXPECT_TRUE(captions.is_caption(idx.posts[1]));   // its photo is in the export: checked with the photo
  EXPECT_FALSE(captions.is_caption(idx.posts[2]));  // its photo is not: checked as a post of its own
  EXPECT_EQ(idx.posts[3].context.text_kind, "comment");
  EXPECT_EQ(idx.posts[3].context.caption, "wat een kutbaas");
  EXPECT_EQ(idx.posts[3].pointer, "/comments_v2/0");
  EXPECT_EQ(idx.posts[4].context.text_kind, "group_post");
}

TEST(Posts, AnAlbumsDescriptionIsATextOfItsOwn) {
  SidecarIndex idx;
  idx.add("your_facebook_activity/posts/album/0.json",
          R"({"name": "Weekend", "description": "Alles over wiet kopen", "last_modified_timestamp": 1600000000,
              "photos": [{"uri": "your_facebook_activity/posts/media/Weekend/1.jpg", "creation_timestamp": 1600000000}]})");
  ASSERT_EQ(idx.posts.size(), 1u);
  EXPECT_EQ(idx.posts[0].context.text_kind, "album");
  EXPECT_EQ(idx.posts[0].context.caption, "Alles over wiet kopen");
  EXPECT_EQ(idx.posts[0].context.taken, "2020-09-13T12:26:40Z");
  EXPECT_TRUE(idx.posts[0].media_uris.empty());  // no photo's caption
}

TEST(Posts, ACheckInWithNeitherTextNorPhotoIsAPostOfItsOwn) {
  // Facebook's posts file holds check-ins with only a title and a place: their place was emptied
  // by the clean but reported nowhere. One with text is that text's post; one with a photo is
  // the photo's.
  SidecarIndex idx;
  idx.add("your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json", R"([
    {"timestamp": 1600000000, "title": "Jan checked in to Bar Sud.",
     "attachments": [{"data": [{"place": {"name": "Bar Sud", "coordinate": {"latitude": 51.05, "longitude": 3.72}}}]}]},
    {"timestamp": 1600000001, "data": [{"post": "Friday!"}],
     "attachments": [{"data": [{"place": {"name": "Vooruit", "coordinate": {"latitude": 51.04, "longitude": 3.73}}}]}]},
    {"timestamp": 1600000002, "attachments": [{"data": [{"place": {"name": "Korenmarkt", "coordinate": {"latitude": 51.055, "longitude": 3.721}}}]},
                                             {"data": [{"media": {"uri": "your_facebook_activity/posts/media/x.jpg"}}]}]}])");
  ASSERT_EQ(idx.posts.size(), 2u);
  EXPECT_EQ(idx.posts[0].context.text_kind, "check_in");
  EXPECT_EQ(idx.posts[0].context.caption, "Jan checked in to Bar Sud.");
  EXPECT_EQ(idx.posts[0].context.place, "Bar Sud");
  ASSERT_EQ(idx.posts[0].context.geo.size(), 1u);
  EXPECT_EQ(idx.posts[0].context.taken, "2020-09-13T12:26:40Z");
  EXPECT_EQ(idx.posts[1].context.text_kind, "post");
  EXPECT_EQ(idx.posts[1].context.caption, "Friday!");
}

TEST(Posts, InstagramCommentsAndCarouselCaption) {
  SidecarIndex idx;
  idx.add("your_instagram_activity/comments/post_comments_1.json", R"([
    {"media_list_data": [{"uri": ""}], "string_map_data": {"Comment": {"value": "so wasted lol \u00f0\u009f\u008d\u00ba"},
     "Media Owner": {"value": "piet"}, "Time": {"timestamp": 1650000000}}}])");
  idx.add("your_instagram_activity/content/posts_1.json", R"([
    {"media": [{"uri": "media/posts/202201/a.jpg", "creation_timestamp": 1}, {"uri": "media/posts/202201/b.jpg", "creation_timestamp": 1}],
     "title": "carousel caption", "creation_timestamp": 1641000000}])");
  ASSERT_EQ(idx.posts.size(), 2u);
  EXPECT_EQ(idx.posts[0].context.text_kind, "comment");
  EXPECT_EQ(idx.posts[0].context.caption, "so wasted lol 🍺");  // mojibake repaired
  EXPECT_EQ(idx.posts[1].media_uris.size(), 2u);
}

TEST(Posts, TweetsWithoutMediaAndLinkedInShares) {
  SidecarIndex idx;
  idx.add("data/tweets.js", R"(window.YTD.tweets.part0 = [
    {"tweet": {"id_str": "1", "full_text": "text only &amp; proud", "created_at": "Wed Oct 10 20:19:24 +0000 2018"}},
    {"tweet": {"id_str": "2", "full_text": "with photo", "created_at": "Wed Oct 10 20:19:24 +0000 2018"}}])");
  idx.add("data/deleted-tweets.js", R"(window.YTD.deleted_tweets.part0 = [
    {"tweet": {"id_str": "3", "full_text": "deleted", "created_at": "Wed Oct 10 20:19:24 +0000 2018"}}])");
  idx.add("Shares.csv", "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\r\n"
                        "2023-05-02 08:15:00,https://www.linkedin.com/feed/update/1,\"line one\nline two\",,,MEMBER_NETWORK\r\n"
                        "2023-05-03 08:15:00,https://www.linkedin.com/feed/update/2,,,,MEMBER_NETWORK\r\n");
  // With the "Notes:" preamble LinkedIn puts before the header of some files.
  idx.add("Comments.csv", "Notes:\r\n\"This file contains the comments you made.\"\r\n\r\nDate,Link,Message\r\n"
                          "2023-06-01 10:00:00,https://www.linkedin.com/feed/update/3,\"so true, my boss too\"\r\n");
  const std::vector<IndexedEntry> entries{{"s.zip", "data/tweets_media/2-abc.jpg", MediaType::jpeg, 1}};
  const CaptionFinder captions(entries);
  ASSERT_EQ(idx.posts.size(), 4u);  // the deleted tweet and the empty share are not posts
  EXPECT_EQ(idx.posts[3].context.text_kind, "comment");
  EXPECT_EQ(idx.posts[3].context.caption, "so true, my boss too");
  EXPECT_EQ(idx.posts[3].context.platform_url, "https://www.linkedin.com/feed/update/3");
  EXPECT_EQ(idx.posts[0].context.caption, "text only & proud");
  EXPECT_EQ(idx.posts[0].context.platform_url, "https://x.com/i/web/status/1");
  EXPECT_EQ(text_item_path(idx.posts[0]), "data/tweets.js#/0");
  EXPECT_FALSE(captions.is_caption(idx.posts[0]));
  EXPECT_TRUE(captions.is_caption(idx.posts[1]));
  EXPECT_EQ(idx.posts[2].context.text_kind, "share");
  EXPECT_EQ(idx.posts[2].context.caption, "line one\nline two");
  EXPECT_EQ(idx.posts[2].context.taken, "2023-05-02T08:15:00Z");
  EXPECT_EQ(text_item_path(idx.posts[2]), "Shares.csv#/0");
}

// From a review: Rich_Media.csv, the descriptions of the photos and videos posted on LinkedIn,
// was recognised and never read ("Zuipen met collega's" went unchecked).
TEST(Posts, LinkedInRichMediaDescriptions) {
  SidecarIndex idx;
  idx.add("Rich_Media.csv", "\xEF\xBB\xBF" "Date/Time,Media Description,Media Link\r\n"
                            "\"You uploaded a feed photo on June 1, 2024 at 8:00 PM (GMT)\",Zuipen met collega's,"
                            "https://www.linkedin.com/dms/prv/image/abc\r\n"
                            "\"You uploaded a profile photo on December 12, 2023 at 12:05 AM (GMT)\",,https://x\r\n");
  ASSERT_EQ(idx.posts.size(), 1u);  // a photo without a description is no text
  EXPECT_EQ(idx.posts[0].context.text_kind, "media");
  EXPECT_EQ(idx.posts[0].context.caption, "Zuipen met collega's");
  EXPECT_EQ(idx.posts[0].context.taken, "2024-06-01T20:00:00Z");
  EXPECT_EQ(idx.posts[0].context.platform_url, "https://www.linkedin.com/dms/prv/image/abc");
  EXPECT_EQ(text_item_path(idx.posts[0]), "Rich_Media.csv#/0");
}

// --- policy ---

Item text_item(const std::string& topic, double confidence) {
  Item item;
  item.kind = Kind::text;
  Finding f;
  f.category = Category::text;
  f.signal = "post:" + topic;
  f.confidence = confidence;
  f.evidence = "post says something";
  item.findings.push_back(f);
  return item;
}

TEST(TextPolicy, TopicsHaveTheirOwnRules) {
  const Policy defaults = Policy::defaults();
  Item slur = text_item("discrimination", 0.9);
  assess(slur, defaults);
  EXPECT_EQ(slur.level, Level::high);  // at_least high in the default policy
  Item beer = text_item("alcohol", 0.8);
  assess(beer, defaults);
  EXPECT_LT(beer.level, Level::high);
  // An agency for law firms: any text about alcohol is high; profanity does not count.
  const Policy strict = Policy::parse(R"({"schema": "mediascan.policy/1", "categories": {
      "text:alcohol": {"weight": 1.0, "at_least": "high"}, "text:profanity": {"enabled": false}}})");
  assess(beer, strict);
  EXPECT_EQ(beer.level, Level::high);
  Item swear = text_item("profanity", 0.9);
  assess(swear, strict);
  EXPECT_EQ(swear.level, Level::ok);
  // A topic the policy does not name follows "text"; "text" off turns every topic off.
  Item gambling = text_item("gambling", 0.9);
  assess(gambling, defaults);
  EXPECT_GT(gambling.score, 0.0);
  assess(gambling, Policy::parse(R"({"schema": "mediascan.policy/1", "categories": {"text": {"enabled": false}}})"));
  EXPECT_EQ(gambling.level, Level::ok);
  EXPECT_THROW(Policy::parse(R"({"schema": "mediascan.policy/1", "categories": {"text:": {}}})"), std::runtime_error);
}

}  // namespace
}  // namespace mediascan
