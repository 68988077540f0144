// Fuzzes the text check: a caption, post or comment (attacker-controlled, any bytes) against the
// built-in lexicons, and the personal-data finder. Checks that every byte range they report lies
// inside the text, since the report cuts excerpts out of it by those ranges.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "scanner/text/lexicon.h"
#include "scanner/text/personal_data.h"
#include "scanner/text/text_check.h"

namespace {

using namespace mediascan::text;

void check_range(size_t begin, size_t end, size_t size, const char* what) {
  if (begin > end || end > size) {
    std::fprintf(stderr, "fuzz_text: %s range [%zu, %zu) outside a text of %zu bytes\n", what, begin, end,
                 size);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Lexicon lexicon = Lexicon::builtin();
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  (void)check_text(lexicon, text, "caption");

  const std::vector<Word> words = split_words(text);
  for (const Word& w : words) check_range(w.begin, w.end, size, "word");
  const std::string language = lexicon.guess_language(words);
  for (const Match& m : lexicon.find(words, language)) {
    check_range(m.begin, m.end, size, "match");
    if (m.first_word + m.word_count > words.size()) {
      std::fprintf(stderr, "fuzz_text: match past the last word\n");
      std::abort();
    }
  }
  for (const PersonalData& p : find_personal_data(text)) check_range(p.begin, p.end, size, "personal data");
  return 0;
}
