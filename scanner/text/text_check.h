// The text check: the words of a caption, post or comment against the lexicons, plus personal
// data (phone numbers, addresses, IBANs, card numbers). One finding per topic, category `text`,
// signal "<where>:<topic>" (e.g. "caption:alcohol", "post:personal_data"), the matched words as
// evidence.
//
// Thread-safety: pure function of its arguments; the Lexicon is only read.
#pragma once

#include <string_view>
#include <vector>

#include "scanner/core/item.h"
#include "scanner/text/lexicon.h"

namespace mediascan::text {

// `where` names the text's place: "caption", "album", "post", "comment", ...
std::vector<Finding> check_text(const Lexicon& lexicon, std::string_view text, std::string_view where);

// Checks an item's own texts (its caption, and its album and place names when they differ) and
// adds the findings to it.
void check_item_text(const Lexicon& lexicon, Item& item);

}  // namespace mediascan::text
