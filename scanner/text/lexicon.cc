#include "scanner/text/lexicon.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "scanner/util/text.h"

namespace mediascan::text {
namespace {

// Lower-case ASCII base letters of U+00C0..U+00FF ('\0': not a letter, '1': ae, '2': th,
// '3': ss) and of U+0100..U+017F ('4': ij, '5': oe).
constexpr std::string_view kLatin1{"aaaaaa1ceeeeiiiidnooooo\0ouuuuy23aaaaaa1ceeeeiiiidnooooo\0ouuuuy2y", 64};
constexpr std::string_view kLatinA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii44jjkkkllllllllllnnnnnnnnnoooooo55rrrrrrssssssss"
    "ttttttuuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(kLatin1.size() == 64 && kLatinA.size() == 128);

// Decodes one code point at s[i]; advances i. Invalid bytes decode as U+FFFD, one byte each.
char32_t next_code_point(std::string_view s, size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  const int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? b : b & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c >> 6) != 2) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  i += len;
  return cp;
}

bool is_emoji(char32_t cp) {
  return (cp >= 0x1F000 && cp <= 0x1FAFF && !(cp >= 0x1F3FB && cp <= 0x1F3FF)) ||
         (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF) ||
         (cp >= 0x2300 && cp <= 0x23FF);
}

// Joiners, variation selectors and skin tones belong to the emoji before them: dropped.
bool is_ignorable(char32_t cp) {
  return cp == 0x200D || cp == 0xFE0F || cp == 0xFE0E || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
         cp == 0xAD /* soft hyphen */;
}

// Ends a clause: a negation before it says nothing about what follows.
bool is_clause_break(char32_t cp) {
  return cp == ',' || cp == '.' || cp == ';' || cp == ':' || cp == '!' || cp == '?' || cp == '\n' || cp == '\r' ||
         cp == 0x2026 /* … */ || cp == 0xA1 /* ¡ */ || cp == 0xBF /* ¿ */;
}

bool is_separator(char32_t cp) {
  if (cp < 0x80) return !std::isalnum(static_cast<int>(cp));
  return cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) ||
         (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF0F) || cp == 0xFFFD ||
         (cp >= 0x2100 && cp <= 0x22FF);
}

// Appends the folded form of a word character.
void append_folded(std::string& out, char32_t cp, std::string_view original) {
  if (cp < 0x80) {
    out += static_cast<char>(std::tolower(static_cast<int>(cp)));
    return;
  }
  char base = 0;
  if (cp >= 0xC0 && cp <= 0xFF) base = kLatin1[cp - 0xC0];
  else if (cp >= 0x100 && cp <= 0x17F) base = kLatinA[cp - 0x100];
  switch (base) {
    case 0: out += original; return;  // other scripts: kept as written
    case '1': out += "ae"; return;
    case '2': out += "th"; return;
    case '3': out += "ss"; return;
    case '4': out += "ij"; return;
    case '5': out += "oe"; return;
    default: out += base;
  }
}

std::vector<WordPattern> parse_word_list(std::string_view list) {
  std::vector<WordPattern> out;
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && (list[i] == ' ' || list[i] == '\t' || list[i] == ',')) ++i;
    size_t j = i;
    while (j < list.size() && list[j] != ' ' && list[j] != '\t' && list[j] != ',') ++j;
    if (j > i) {
      std::string_view w = list.substr(i, j - i);
      WordPattern p;
      if (w.size() > 1 && w.back() == '*') {
        p.kind = WordPattern::Kind::prefix;
        w.remove_suffix(1);
      } else if (w.size() > 1 && w.front() == '*') {
        p.kind = WordPattern::Kind::suffix;
        w.remove_prefix(1);
      }
      p.text = normalise_word(w);
      if (!p.text.empty()) out.push_back(std::move(p));
    }
    i = j;
  }
  return out;
}

// The words of an entry's phrase. An item the text would split ("pub-crawl", "m'n") becomes
// several words, as in the text; a '*' stays on the part it touches.
std::vector<WordPattern> parse_phrase(std::string_view phrase) {
  std::vector<WordPattern> out;
  size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && (phrase[i] == ' ' || phrase[i] == '\t')) ++i;
    size_t j = i;
    while (j < phrase.size() && phrase[j] != ' ' && phrase[j] != '\t') ++j;
    std::string_view item = phrase.substr(i, j - i);
    i = j;
    if (item.empty()) continue;
    const bool prefix = item.size() > 1 && item.back() == '*';
    const bool suffix = !prefix && item.size() > 1 && item.front() == '*';
    if (prefix) item.remove_suffix(1);
    if (suffix) item.remove_prefix(1);
    const std::vector<Word> parts = split_words(item);
    for (size_t k = 0; k < parts.size(); ++k) {
      WordPattern p;
      p.text = parts[k].norm;
      if (prefix && k + 1 == parts.size()) p.kind = WordPattern::Kind::prefix;
      if (suffix && k == 0) p.kind = WordPattern::Kind::suffix;
      out.push_back(std::move(p));
    }
  }
  return out;
}

bool any_matches(const std::vector<WordPattern>& patterns, std::string_view word) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const WordPattern& p) { return p.matches(word); });
}

std::string_view strip_comment(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i)
    if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) return line.substr(0, i);
  return line;
}

}  // namespace

std::vector<Word> split_words(std::string_view text) {
  std::vector<Word> words;
  Word current;
  bool in_word = false;
  bool clause_break = false;  // since the last word
  auto finish = [&](size_t at) {
    // A letter stretched for emphasis ("sooooo", "druuunk", "fuuuck") is the letter once: no
    // word of the lexicons has one three times.
    std::string& n = current.norm;
    for (size_t k = 0; k + 2 < n.size();) {
      if (n[k] >= 'a' && n[k] <= 'z' && n[k + 1] == n[k] && n[k + 2] == n[k]) {
        size_t run = k + 3;
        while (run < n.size() && n[run] == n[k]) ++run;
        n.erase(k + 1, run - k - 1);
      }
      ++k;
    }
    if (in_word && !current.norm.empty()) {
      current.end = at;
      words.push_back(std::move(current));
      clause_break = false;
    }
    current = Word{};
    in_word = false;
  };
  size_t i = 0;
  while (i < text.size()) {
    const size_t start = i;
    const char32_t cp = next_code_point(text, i);
    if (is_ignorable(cp)) continue;
    if (is_emoji(cp)) {
      finish(start);
      words.push_back(Word{std::string(text.substr(start, i - start)), start, i, clause_break});
      clause_break = false;
      continue;
    }
    if (is_separator(cp)) {
      finish(start);
      clause_break |= is_clause_break(cp);
      continue;
    }
    if (!in_word) {
      current.begin = start;
      current.after_break = clause_break;
      in_word = true;
    }
    current.accented |= cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7;
    append_folded(current.norm, cp, text.substr(start, i - start));
  }
  finish(text.size());
  return words;
}

std::string normalise_word(std::string_view word) {
  std::string out;
  for (const Word& w : split_words(word)) out += w.norm;
  return out;
}

bool WordPattern::matches(std::string_view word) const {
  switch (kind) {
    case Kind::exact: return word == text;
    case Kind::prefix: return word.starts_with(text);
    case Kind::suffix: return word.ends_with(text);
  }
  return false;
}

Lexicon Lexicon::builtin() {
  static constexpr std::pair<std::string_view, std::string_view> kFiles[] = {
#include "lexicons.inc"
  };
  Lexicon lexicon;
  for (const auto& [name, content] : kFiles) lexicon.add(content, std::string(name));
  return lexicon;
}

void Lexicon::add(std::string_view content, const std::string& name) {
  std::string language = "any";
  std::string topic;
  size_t number = 0;
  for (const std::string& raw : util::split(content, '\n')) {
    ++number;
    const std::string where = name + ":" + std::to_string(number);
    const std::string_view line = util::trim(strip_comment(raw));
    if (line.empty()) continue;
    auto fail = [&](const std::string& why) { throw std::runtime_error(where + ": " + why); };
    if (line.front() == '[') {
      if (line.back() != ']' || line.size() < 3) fail("a topic is written [topic]");
      topic = util::to_lower_ascii(util::trim(line.substr(1, line.size() - 2)));
      if (topic.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
        fail("a topic name is lower-case letters, digits and _");
      continue;
    }
    if (const auto colon = line.find(':'); colon != std::string_view::npos && line.find('|') == std::string_view::npos) {
      const std::string key = util::to_lower_ascii(util::trim(line.substr(0, colon)));
      const std::string_view value = util::trim(line.substr(colon + 1));
      if (key == "language") {
        language = util::to_lower_ascii(value);
        continue;
      }
      if (key == "stop-words") {
        for (const WordPattern& p : parse_word_list(value)) stop_words_[language].push_back(p.text);
        continue;
      }
      if (key == "negation") {
        for (WordPattern& p : parse_word_list(value)) negations_[language].push_back(std::move(p));
        continue;
      }
      if (key == "negation-reach") {
        const int reach = std::atoi(std::string(value).c_str());
        if (reach < 1 || reach > 6) fail("negation-reach is a number of words from 1 to 6");
        negation_reach_[language] = size_t(reach);
        continue;
      }
    }
    if (topic.empty()) fail("an entry before any [topic]");
    Entry e;
    e.topic = topic;
    e.language = language;
    e.source = where;
    const std::vector<std::string> parts = util::split(line, '|');
    e.words = parse_phrase(parts.front());
    if (e.words.empty()) fail("an entry without words");
    for (size_t k = 1; k < parts.size(); ++k) {
      const std::string_view part = util::trim(parts[k]);
      const auto colon = part.find(':');
      if (colon == std::string_view::npos) fail("a rule is written 'after: word word'");
      const std::string key = util::to_lower_ascii(util::trim(part.substr(0, colon)));
      const std::string_view value = part.substr(colon + 1);
      if (key == "after") e.after = parse_word_list(value);
      else if (key == "not-after") e.not_after = parse_word_list(value);
      else if (key == "before") e.before = parse_word_list(value);
      else if (key == "not-before") e.not_before = parse_word_list(value);
      else if (key == "weight") {
        try {
          e.weight = std::stod(std::string(util::trim(value)));
        } catch (const std::exception&) {
          fail("weight must be a number");
        }
        if (!(e.weight > 0 && e.weight <= 1)) fail("weight must be in (0, 1]");
      } else {
        fail("unknown rule '" + key + "' (after, not-after, before, not-before, weight)");
      }
    }
    const size_t index = entries_.size();
    const WordPattern& first = e.words.front();
    auto& table = first.kind == WordPattern::Kind::exact    ? exact_
                  : first.kind == WordPattern::Kind::prefix ? prefixes_
                                                            : suffixes_;
    table[first.text].push_back(index);
    if (first.kind != WordPattern::Kind::exact) longest_affix_ = std::max(longest_affix_, first.text.size());
    entries_.push_back(std::move(e));
  }
}

std::vector<std::string> Lexicon::languages() const {
  std::set<std::string> out;
  for (const Entry& e : entries_) out.insert(e.language);
  return {out.begin(), out.end()};
}

std::vector<std::string> Lexicon::topics() const {
  std::set<std::string> out;
  for (const Entry& e : entries_) out.insert(e.topic);
  return {out.begin(), out.end()};
}

std::string Lexicon::guess_language(const std::vector<Word>& words) const {
  std::map<std::string, int> hits;
  for (const auto& [language, list] : stop_words_) {
    const std::set<std::string_view> set(list.begin(), list.end());
    for (const Word& w : words) hits[language] += set.count(w.norm) > 0;
  }
  std::string best;
  int best_hits = 0, second = 0;
  for (const auto& [language, n] : hits) {
    if (n > best_hits) {
      second = best_hits;
      best_hits = n;
      best = language;
    } else if (n > second) {
      second = n;
    }
  }
  return best_hits >= 2 && best_hits > second ? best : std::string();
}

bool Lexicon::negated(const Entry& e, const std::vector<Word>& words, size_t at) const {
  // Swearing and slurs are what they are whatever the sentence says about them ("not my fucking
  // problem", "I'm not a ..."): negation only skips what a text says someone did or is.
  if (e.topic == "profanity" || e.topic == "discrimination") return false;
  const auto it = negations_.find(e.language);
  if (it == negations_.end()) return false;
  const auto reach = negation_reach_.find(e.language);
  const size_t words_back = reach == negation_reach_.end() ? 2 : reach->second;
  for (size_t back = 1; back <= words_back && back <= at; ++back) {
    if (words[at - back + 1].after_break) return false;  // "No sleep, hungover af"
    if (any_matches(it->second, words[at - back].norm)) return true;
  }
  return false;
}

bool Lexicon::accepts(const Entry& e, const std::vector<Word>& words, size_t at, const std::string& language) const {
  // English is every language's loan words ("drunk af", "so wasted") and the language of posts
  // that name a French or Dutch place ("so drunk at Café de la Paix"), which tips the guess:
  // its entries always apply, the other languages' only to a text of theirs or one too short
  // to tell.
  if (!language.empty() && e.language != "any" && e.language != "en" && e.language != language) return false;
  if (at + e.words.size() > words.size()) return false;
  for (size_t k = 0; k < e.words.size(); ++k)
    if (!e.words[k].matches(words[at + k].norm) || (e.language == "en" && words[at + k].accented)) return false;
  const std::string_view prev = at > 0 ? std::string_view(words[at - 1].norm) : std::string_view();
  const size_t after_end = at + e.words.size();
  const std::string_view next = after_end < words.size() ? std::string_view(words[after_end].norm) : std::string_view();
  if (!e.after.empty() && !any_matches(e.after, prev)) return false;
  if (!e.before.empty() && !any_matches(e.before, next)) return false;
  if (any_matches(e.not_after, prev) || any_matches(e.not_before, next)) return false;
  return !negated(e, words, at);
}

std::vector<Match> Lexicon::find(const std::vector<Word>& words, const std::string& language) const {
  std::vector<Match> out;
  std::vector<size_t> candidates;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i].norm;
    candidates.clear();
    if (auto it = exact_.find(w); it != exact_.end()) candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    if (!prefixes_.empty() || !suffixes_.empty())
      for (size_t len = 1; len <= w.size() && len <= longest_affix_; ++len) {
        if (auto it = prefixes_.find(w.substr(0, len)); it != prefixes_.end())
          candidates.insert(candidates.end(), it->second.begin(), it->second.end());
        if (auto it = suffixes_.find(w.substr(w.size() - len)); it != suffixes_.end())
          candidates.insert(candidates.end(), it->second.begin(), it->second.end());
      }
    for (size_t index : candidates) {
      const Entry& e = entries_[index];
      if (!accepts(e, words, i, language)) continue;
      // The byte range includes a word a rule required ("manager is a" + "clown"): the quote
      // then shows what made the phrase count.
      const size_t first = !e.after.empty() && i > 0 ? i - 1 : i;
      size_t last = i + e.words.size() - 1;
      if (!e.before.empty() && last + 1 < words.size()) ++last;
      out.push_back(Match{&e, i, e.words.size(), words[first].begin, words[last].end});
    }
  }
  return out;
}

}  // namespace mediascan::text
