#include "scanner/text/text_check.h"

#include <algorithm>
#include <map>
#include <set>

#include "scanner/text/personal_data.h"
#include "scanner/util/text.h"

namespace mediascan::text {
namespace {

constexpr size_t kMaxQuoted = 6;      // matched words quoted in one finding's evidence
constexpr size_t kMaxQuoteBytes = 60;  // of one quoted match ("zzzz…" of a hostile endless word)

std::string quote(std::string_view s) {
  if (s.size() <= kMaxQuoteBytes) return std::string(s);
  size_t end = kMaxQuoteBytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end)) + "…";
}

std::string_view language_name(const std::string& code) {
  static const std::map<std::string, std::string_view> kNames = {
      {"en", "English"}, {"nl", "Dutch"},   {"de", "German"},  {"fr", "French"},
      {"es", "Spanish"}, {"it", "Italian"}, {"pt", "Portuguese"}, {"pl", "Polish"}, {"tr", "Turkish"}};
  const auto it = kNames.find(code);
  return it == kNames.end() ? std::string_view(code) : it->second;
}

struct Topic {
  std::vector<std::string> quoted;      // as written in the text, first occurrence each
  std::set<std::string> seen;           // normalised, to quote each once
  std::set<std::string> languages;
  double keep = 1.0;                    // prod(1 - weight) over distinct entries
};

std::string evidence(const Topic& t, std::string_view prefix) {
  std::string out(prefix);
  for (size_t k = 0; k < t.quoted.size() && k < kMaxQuoted; ++k)
    out += (k ? ", " : "") + std::string("\u201C") + t.quoted[k] + "\u201D";
  if (t.quoted.size() > kMaxQuoted) out += " and " + std::to_string(t.quoted.size() - kMaxQuoted) + " more";
  return out;
}

}  // namespace

std::vector<Finding> check_text(const Lexicon& lexicon, std::string_view raw, std::string_view what) {
  std::vector<Finding> out;
  if (raw.empty()) return out;
  const std::string valid = util::to_valid_utf8(raw);
  const std::string_view text = valid;
  const std::vector<Word> words = split_words(text);
  const std::string language = lexicon.guess_language(words);
  // Per topic, each stretch of text counts once: a match inside a longer one of the same topic
  // ("te tuer" in "vais te tuer"), or the same word in several languages' files, adds nothing.
  std::vector<Match> matches = lexicon.find(words, language);
  std::stable_sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
    return a.entry->topic != b.entry->topic ? a.entry->topic < b.entry->topic
           : a.word_count != b.word_count  ? a.word_count > b.word_count
                                           : a.entry->weight > b.entry->weight;
  });
  std::map<std::string, Topic> topics;
  // Per topic, the words a counted match already covers (linear, whatever the number of matches).
  std::map<std::string, std::vector<bool>> covered;
  for (const Match& m : matches) {
    auto& words_covered = covered[m.entry->topic];
    if (words_covered.empty()) words_covered.resize(words.size());
    const auto first = words_covered.begin() + ptrdiff_t(m.first_word);
    const auto last = first + ptrdiff_t(m.word_count);
    if (std::all_of(first, last, [](bool c) { return c; })) continue;
    std::fill(first, last, true);
    Topic& t = topics[m.entry->topic];
    std::string key;
    for (size_t k = 0; k < m.word_count; ++k) key += words[m.first_word + k].norm + " ";
    // The same words again elsewhere in the text are quoted and counted once.
    if (!t.seen.insert(key).second) continue;
    t.quoted.push_back(quote(text.substr(m.begin, m.end - m.begin)));
    t.keep *= 1.0 - m.entry->weight;
    if (m.entry->language != "any") t.languages.insert(m.entry->language);
  }
  for (const auto& [topic, t] : topics) {
    Finding f;
    f.category = Category::text;
    f.signal = std::string(what) + ":" + topic;
    f.confidence = std::min(0.99, 1.0 - t.keep);
    std::string langs;
    for (const std::string& l : t.languages) langs += (langs.empty() ? "" : "/") + std::string(language_name(l));
    f.evidence = evidence(t, std::string(what) + " says ") + (langs.empty() ? "" : " (" + langs + ")");
    f.where = "caption";
    out.push_back(std::move(f));
  }
  // A place's name is a business's or a town's: its street address is nobody's personal data.
  const std::vector<PersonalData> personal = what == "place" ? std::vector<PersonalData>{} : find_personal_data(text);
  if (!personal.empty()) {
    static const std::map<std::string, std::string_view> kWhat = {
        {"phone", "phone number"}, {"email", "e-mail address"}, {"iban", "bank account (IBAN, checksum valid)"},
        {"card", "payment card number (Luhn valid)"}, {"address", "street address"}};
    Finding f;
    f.category = Category::text;
    f.signal = std::string(what) + ":personal_data";
    f.where = "caption";
    double keep = 1.0;
    std::string list;
    for (size_t k = 0; k < personal.size() && k < kMaxQuoted; ++k) {
      const PersonalData& p = personal[k];
      keep *= 1.0 - p.confidence;
      list += (k ? "; " : "") + std::string(kWhat.at(p.kind)) + " " + p.masked;
    }
    f.confidence = std::min(0.99, 1.0 - keep);
    f.evidence = std::string(what) + " shares " + list;
    out.push_back(std::move(f));
  }
  return out;
}

void check_item_text(const Lexicon& lexicon, Item& item) {
  Context& c = item.context;
  // The sidecar an album's or place's name came from, as a finding's `where` ("caption" without one).
  const std::string sidecar = c.sidecars.empty() ? "caption" : "sidecar:" + c.sidecars.front();
  // Whether the text shares personal data.
  auto add = [&](std::string_view text, std::string_view what, const std::string& where = "caption") {
    auto found = check_text(lexicon, text, what);
    const bool personal = std::any_of(found.begin(), found.end(), [](const Finding& f) { return f.signal.ends_with(":personal_data"); });
    for (Finding& f : found) f.where = where;
    item.findings.insert(item.findings.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    return personal;
  };
  const bool caption_personal = add(c.caption, c.text_kind.empty() ? "caption" : c.text_kind);
  // A retweet's words are someone else's: it still shows on the user's profile, at half the
  // weight of their own ("RT @police: Drunk driving kills" is no drunk post).
  if (c.text_kind == "retweet")
    for (Finding& f : item.findings)
      if (f.signal.starts_with("retweet:")) f.confidence *= 0.5;
  const bool album_personal = !c.album.empty() && (c.album == c.caption ? caption_personal : add(c.album, "album", sidecar));
  // A check-in's or tagged place's name: "Hofbräu Beer Garden", "Cocktail Bar Rosa".
  if (!c.place.empty() && c.place != c.caption && c.place != c.album) add(c.place, "place", sidecar);
  // What was typed into the photo itself (a Lightroom caption, Windows' comment and tags): whoever
  // gets the file reads it, and the clean keeps it unless --strip all.
  if (!item.capture.text.empty() && item.capture.text != c.caption) add(item.capture.text, "metadata", item.capture.text_where.empty() ? "exif" : item.capture.text_where);
  // The reports show these texts: a card number or phone number found in them is shown masked
  // there as in the finding, so the report does not spread it further.
  if (caption_personal) c.caption = mask_personal_data(util::to_valid_utf8(c.caption));
  if (album_personal) c.album = mask_personal_data(util::to_valid_utf8(c.album));
}

}  // namespace mediascan::text
