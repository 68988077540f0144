// String helpers that know nothing about mediascan. Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mediascan::util {

bool is_valid_utf8(std::string_view s);
// Replaces every invalid UTF-8 sequence by U+FFFD, so the result is safe to put in JSON.
std::string to_valid_utf8(std::string_view s);

// Facebook and Instagram exports write each UTF-8 byte of a text as its own \u00XX escape, so a
// JSON parser yields "cafÃ©" for "café". When every code point of `s` is below U+0100 and the
// code points, taken as bytes, form valid UTF-8 with at least one multi-byte sequence, returns
// that decoding; otherwise returns `s` unchanged (a real "é" on its own is left alone).
std::string repair_mojibake(std::string_view s);

std::string to_lower_ascii(std::string_view s);
// "takeout-20240101T000000Z-002.zip" (or the folder it was extracted into, without the
// extension) -> {"takeout-20240101T000000Z", 2}: a part of a split Google Takeout, named
// "takeout…" and numbered with three digits before .zip, .tgz, .tar.gz, .tar or nothing.
std::optional<std::pair<std::string, unsigned>> takeout_part(std::string_view name);
// "facebook-jdoe-15062024-AbCdEf-2.zip" (or its folder) -> {"facebook-jdoe-15062024-AbCdEf", 2}: a
// part of a Facebook or Instagram download in several files, numbered after the download's id
// (a word with a letter, after a date's digits). "instagram-jan-2022-07-01.zip" is no part.
std::optional<std::pair<std::string, unsigned>> meta_part(std::string_view name);
// takeout_part or meta_part: a part of an export downloaded in several files.
std::optional<std::pair<std::string, unsigned>> export_part(std::string_view name);
bool iequals_ascii(std::string_view a, std::string_view b);
std::vector<std::string> split(std::string_view s, char sep);
// "a", "a and b", "a, b and c": a list in a sentence.
std::string in_words(const std::vector<std::string>& parts);
std::string_view trim(std::string_view s);

// Escapes control characters and invalid UTF-8 so a name from an archive can be printed on a
// terminal or in a log line without moving the cursor or faking a line.
std::string printable(std::string_view s);

// `s` when it has at most `max_bytes`; else its first `max_bytes` or fewer, cut before a
// character, and "…": for a name or a parser's message that may be megabytes long.
std::string shortened(std::string_view s, size_t max_bytes);

// "&amp;", "&lt;", "&gt;", "&quot;", "&#39;" back to characters (X/Twitter escapes its texts).
std::string unescape_basic_html(std::string_view s);

std::string base64(std::string_view bytes);

}  // namespace mediascan::util
