// Lexicons: words and phrases per language and topic (alcohol, drugs, profanity, ...) that make
// a caption, post or comment risky, kept as data files a user can extend (see lexicons/README.md
// for the format). Matching works on words, not substrings: "bar" never matches "barbecue",
// "dronken*" matches "dronkenschap", and context rules keep false friends out ("zat" is only
// Dutch for drunk after "was", "ben", "zo"...; a "bar chart" is not a bar).
//
// Thread-safety: a Lexicon is built by one thread, then constant; find() may be called from any
// number of threads at once.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mediascan::text {

// A word of a text after normalisation: lower case, accents folded ("Bière" -> "biere"), each
// emoji its own word. `begin`/`end` are byte offsets into the original text.
struct Word {
  std::string norm;
  size_t begin = 0, end = 0;
  // A clause ends between this word and the one before: a , . ; : ! ? or a line break. A
  // negation does not reach across it ("Don't care, drunk af").
  bool after_break = false;
  // Written with an accented Latin letter (U+00C0 to U+024F: "gün", "café"), which the
  // normalised form folds away. English has no such words of its own: an English entry does
  // not match one (Turkish "gün" is not "gun").
  bool accented = false;
};
std::vector<Word> split_words(std::string_view text);
// The normalised form split_words gives one word (used for lexicon entries too).
std::string normalise_word(std::string_view word);

// One way of matching a word: exactly, by its start ("drunk*") or by its end ("*bezopen").
struct WordPattern {
  enum class Kind { exact, prefix, suffix } kind = Kind::exact;
  std::string text;
  bool matches(std::string_view word) const;
};

struct Entry {
  std::string topic;       // "alcohol", "drugs", ...
  std::string language;    // "en", "nl", ... or "any"
  std::string source;      // "en.lex:12", for messages
  std::vector<WordPattern> words;  // one per word of the phrase
  double weight = 0.8;     // how sure a match makes us, 0..1
  std::vector<WordPattern> after, not_after;    // the word before the phrase must (not) be one
  std::vector<WordPattern> before, not_before;  // the word after the phrase must (not) be one
};

// A phrase found in a text.
struct Match {
  const Entry* entry = nullptr;
  size_t first_word = 0, word_count = 0;
  size_t begin = 0, end = 0;  // byte range in the text, with the word an after:/before: rule required
};

class Lexicon {
 public:
  // The lexicons shipped with mediascan (scanner/text/lexicons/*.lex, built into the program).
  static Lexicon builtin();

  // Adds the entries of one lexicon file. `name` is used in error messages.
  // Throws std::runtime_error naming the line of a malformed entry.
  void add(std::string_view content, const std::string& name);

  // Best guess at the language of `words` from each lexicon's stop words; "" when unsure (too
  // few words, or two languages equally likely).
  std::string guess_language(const std::vector<Word>& words) const;

  // Every phrase in `words`; entries of other languages than `language` are skipped when it is
  // set, except English ones (see accepts()). A phrase right after a negation of its language in
  // the same clause ("not drunk", "niet dronken") is skipped, unless its topic is one where the
  // words themselves are the harm (see negated()).
  std::vector<Match> find(const std::vector<Word>& words, const std::string& language) const;

  size_t size() const { return entries_.size(); }
  std::vector<std::string> languages() const;
  std::vector<std::string> topics() const;

 private:
  bool accepts(const Entry& e, const std::vector<Word>& words, size_t at, const std::string& language) const;
  bool negated(const Entry& e, const std::vector<Word>& words, size_t at) const;

  std::vector<Entry> entries_;  // stable addresses after loading: indexes below point into it
  std::unordered_map<std::string, std::vector<size_t>> exact_;     // first word -> entries
  std::unordered_map<std::string, std::vector<size_t>> prefixes_;  // first word's prefix -> entries
  std::unordered_map<std::string, std::vector<size_t>> suffixes_;  // first word's suffix -> entries
  size_t longest_affix_ = 0;  // longest prefix or suffix key: bounds the lookups per word
  std::map<std::string, std::vector<std::string>> stop_words_;     // language -> stop words
  std::map<std::string, std::vector<WordPattern>> negations_;      // language -> negation words
  std::map<std::string, size_t> negation_reach_;                    // language -> words back (default 2)
};

}  // namespace mediascan::text
