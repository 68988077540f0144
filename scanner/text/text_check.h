// The text check: the words of a caption, post or comment against the lexicons, plus personal
// data (phone numbers, addresses, IBANs, card numbers). One finding per topic, category `text`,
// signal "<what>:<topic>" (e.g. "caption:alcohol", "post:personal_data"), the matched words as
// evidence. A finding's `where` is one of the report's (INTERFACE.md): "caption" for the text the
// item's context shows as its caption (a photo's caption, a post's or comment's text), the
// sidecar for an album's or place's name, the metadata store for text typed into the file.
//
// Thread-safety: pure function of its arguments; the Lexicon is only read.
#pragma once

#include <string_view>
#include <vector>

#include "scanner/core/item.h"
#include "scanner/text/lexicon.h"

namespace mediascan::text {

// `what` names the text: "caption", "album", "post", "comment", ...; the findings' `where` is
// "caption" (check_item_text sets another for an album's, place's or file's text).
std::vector<Finding> check_text(const Lexicon& lexicon, std::string_view text, std::string_view what);

// Checks an item's own texts (its caption, and its album and place names when they differ) and
// adds the findings to it.
void check_item_text(const Lexicon& lexicon, Item& item);

}  // namespace mediascan::text
