#include "scanner/text/personal_data.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "scanner/text/lexicon.h"
#include "scanner/util/text.h"

namespace mediascan::text {
namespace {

constexpr std::string_view kDots = "\u2022\u2022\u2022\u2022";  // ••••

bool digit(char c) { return c >= '0' && c <= '9'; }
bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
// A match may not start in the middle of a word or number.
bool starts_token(std::string_view s, size_t i) { return i == 0 || !alnum(s[i - 1]); }

std::string only_alnum(std::string_view s) {
  std::string out;
  for (char c : s)
    if (alnum(c)) out += c;
  return out;
}

// IBAN lengths (ISO 13616 registry) of the countries whose users mediascan sees most.
int iban_length(std::string_view country) {
  static constexpr std::pair<std::string_view, int> kLengths[] = {
      {"AT", 20}, {"BE", 16}, {"CH", 21}, {"CZ", 24}, {"DE", 22}, {"DK", 18}, {"ES", 24},
      {"FI", 18}, {"FR", 27}, {"GB", 22}, {"GR", 27}, {"HU", 28}, {"IE", 22}, {"IT", 27},
      {"LU", 20}, {"MC", 27}, {"NL", 18}, {"NO", 15}, {"PL", 28}, {"PT", 25}, {"RO", 24},
      {"SE", 24}, {"SK", 24}, {"SI", 19}, {"TR", 26}, {"HR", 21}, {"BG", 22}, {"LT", 20},
      {"LV", 21}, {"EE", 20}, {"IS", 26}, {"LI", 21}, {"MT", 31}, {"CY", 28}};
  for (const auto& [code, length] : kLengths)
    if (code == country) return length;
  return 0;
}

// Issuer prefixes of the card networks, so that any 16 digits passing Luhn (one in ten do) are
// not taken for a card.
bool card_prefix(std::string_view d) {
  const auto n = [&](size_t len) { return std::stoi(std::string(d.substr(0, len))); };
  const size_t len = d.size();
  if (d[0] == '4') return len == 13 || len == 16 || len == 19;                 // Visa
  if ((n(2) >= 51 && n(2) <= 55) || (n(4) >= 2221 && n(4) <= 2720)) return len == 16;  // Mastercard
  if (n(2) == 34 || n(2) == 37) return len == 15;                              // Amex
  if (n(4) == 6011 || n(2) == 65 || (n(3) >= 644 && n(3) <= 649)) return len >= 16;  // Discover
  if (n(2) == 35) return len >= 16;                                            // JCB
  if (n(2) == 67 || n(4) == 5018 || n(4) == 5020 || n(4) == 5038 || n(4) == 6304) return len >= 12;  // Maestro
  return false;
}

using Found = std::vector<PersonalData>;

// Enough to tell the person what to remove; also bounds the work on a hostile text.
constexpr size_t kMaxFound = 64;

bool overlaps(const Found& found, size_t begin, size_t end) {
  return std::any_of(found.begin(), found.end(), [&](const PersonalData& p) { return begin < p.end && p.begin < end; });
}

void find_emails(std::string_view s, Found& out) {
  const auto local = [](char c) { return alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; };
  const auto domain = [](char c) { return alnum(c) || c == '.' || c == '-'; };
  for (size_t at = s.find('@'); at != std::string_view::npos && out.size() < kMaxFound; at = s.find('@', at + 1)) {
    size_t b = at;
    while (b > 0 && local(s[b - 1])) --b;
    size_t e = at + 1;
    while (e < s.size() && domain(s[e])) ++e;
    while (e > at + 1 && (s[e - 1] == '.' || s[e - 1] == '-')) --e;  // sentence end
    const std::string_view name = s.substr(b, at - b), host = s.substr(at + 1, e - at - 1);
    const size_t dot = host.rfind('.');
    if (name.empty() || dot == std::string_view::npos || dot == 0 || host.find("..") != std::string_view::npos) continue;
    const std::string_view tld = host.substr(dot + 1);
    if (tld.size() < 2 || !std::all_of(tld.begin(), tld.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }))
      continue;
    // A file name ("photo@2x.png", "icon@3x.jpg"), not a mailbox.
    static constexpr std::string_view kFileTypes[] = {"png", "jpg", "jpeg", "gif", "webp", "svg", "heic", "mp4", "mov", "pdf"};
    const std::string lower_tld = util::to_lower_ascii(tld);
    if (std::find(std::begin(kFileTypes), std::end(kFileTypes), lower_tld) != std::end(kFileTypes)) continue;
    out.push_back({"email", std::string(1, name[0]) + std::string(kDots) + "@" + std::string(host), 0.85, b, e});
  }
}

void find_ibans(std::string_view s, Found& out) {
  for (size_t i = 0; i + 15 <= s.size() && out.size() < kMaxFound; ++i) {
    if (!starts_token(s, i) || !upper(s[i]) || !upper(s[i + 1]) || !digit(s[i + 2]) || !digit(s[i + 3])) continue;
    // Groups of capitals and digits, separated by single spaces (as banks print them).
    std::string compact;
    size_t end = i, j = i;
    while (j < s.size() && compact.size() < 34) {
      size_t k = j;
      while (k < s.size() && (upper(s[k]) || digit(s[k]))) ++k;
      if (k == j || (k < s.size() && alnum(s[k]))) break;  // a group glued to a word is not IBAN
      compact += s.substr(j, k - j);
      end = k;
      if (k + 1 < s.size() && s[k] == ' ' && (upper(s[k + 1]) || digit(s[k + 1]))) j = k + 1;
      else break;
    }
    const int want = iban_length(s.substr(i, 2));
    if (want > 0 && int(compact.size()) < want) continue;
    if (want > 0) {
      // Cut after exactly the country's length (the next word may be a capitalised group).
      size_t taken = 0;
      end = i;
      while (taken < size_t(want)) taken += alnum(s[end++]) ? 1 : 0;
      compact.resize(size_t(want));
    } else if (compact.size() < 15) {
      continue;
    }
    if (!iban_valid(compact)) {
      out.push_back({"", "", 0, i, end});  // shaped like an IBAN: its digits are no phone number
      i = end;
      continue;
    }
    out.push_back({"iban", compact.substr(0, 4) + " " + std::string(kDots) + " " + compact.substr(compact.size() - 4), 0.95, i, end});
    i = end;
  }
}

// Digits with separators between them (at most two in a row: ") ", " - "), starting at s[i];
// returns the end.
size_t digit_run(std::string_view s, size_t i, std::string& digits, std::string_view separators) {
  size_t end = i;
  while (i < s.size()) {
    if (digit(s[i])) {
      digits += s[i++];
      end = i;
      continue;
    }
    size_t k = i;
    while (k < s.size() && k < i + 2 && separators.find(s[k]) != std::string_view::npos) ++k;
    if (k == i || k >= s.size() || !digit(s[k]) || digits.empty()) break;
    i = k;
  }
  return end;
}

void find_cards(std::string_view s, Found& out) {
  for (size_t i = 0; i < s.size() && out.size() < kMaxFound; ++i) {
    if (!digit(s[i]) || !starts_token(s, i)) continue;
    std::string d;
    const size_t end = digit_run(s, i, d, " -");
    if (d.size() >= 12 && d.size() <= 19 && (end == s.size() || !alnum(s[end])) && card_prefix(d) && luhn_valid(d))
      out.push_back({"card", std::string(kDots) + " " + d.substr(d.size() - 4), 0.95, i, end});
    i = end;
  }
}

bool phone_cue_before(std::string_view s, size_t at) {
  const std::vector<Word> words = split_words(s.substr(at > 40 ? at - 40 : 0, std::min<size_t>(at, 40)));
  static constexpr std::string_view kCues[] = {"call", "text", "phone", "tel", "mobile", "cell", "whatsapp",
                                               "bel", "app", "mobiel", "nummer", "number", "telefoon",
                                               "ruf", "anrufen", "handy", "appelle", "portable"};
  for (size_t k = words.size() > 3 ? words.size() - 3 : 0; k < words.size(); ++k)
    for (std::string_view cue : kCues)
      if (words[k].norm == cue) return true;
  return false;
}

// A word right before the digits that says they are something else: an ISBN, an order or
// ticket number, a lottery draw, a mileage.
bool other_number_cue_before(std::string_view s, size_t at) {
  const std::vector<Word> words = split_words(s.substr(at > 40 ? at - 40 : 0, std::min<size_t>(at, 40)));
  static constexpr std::string_view kCues[] = {"isbn", "order", "invoice", "ticket", "tickets", "lotto", "lottery",
                                               "numbers", "km", "kilometerstand", "bestelling", "bestellnummer",
                                               "factuur", "rechnung", "commande", "tracking", "ref", "serial"};
  for (size_t k = words.size() > 2 ? words.size() - 2 : 0; k < words.size(); ++k)
    for (std::string_view cue : kCues)
      if (words[k].norm == cue) return true;
  return false;
}

// Digits written as a date ("14.08.2024", "02/03/24", "2023-07-22"): never a phone number.
// A date is three groups standing alone: "06.12.34.56.78" (a French number written with dots) and
// "0470.12.34.56" go on before or after theirs, and a month is at most 12.
bool holds_a_date(std::string_view w) {
  const auto digits_at = [&](size_t at, size_t n) {
    return at + n <= w.size() && std::all_of(w.begin() + long(at), w.begin() + long(at + n), digit);
  };
  const auto number = [&](size_t at, size_t n) { return std::stoi(std::string(w.substr(at, n))); };
  const auto goes_on = [&](size_t end) { return end + 1 < w.size() && !digit(w[end]) && digit(w[end + 1]) && w[end] != ' '; };
  for (size_t i = 0; i < w.size(); ++i) {
    if (i > 0 && digit(w[i - 1])) continue;
    if (i > 1 && (w[i - 1] == '.' || w[i - 1] == '/') && digit(w[i - 2])) continue;  // a group of a longer run
    // yyyy-mm-dd
    if (digits_at(i, 4) && i + 10 <= w.size() && w[i + 4] == '-' && digits_at(i + 5, 2) && w[i + 7] == '-' &&
        digits_at(i + 8, 2) && number(i + 5, 2) <= 12 && !(i + 10 < w.size() && digit(w[i + 10])))
      return true;
    // d.m.yy, dd/mm/yyyy: day and month of one or two digits, the same separator twice
    size_t j = i, day = 0;
    while (j < w.size() && digit(w[j]) && day < 3) ++j, ++day;
    if (day == 0 || day > 2 || j >= w.size() || (w[j] != '.' && w[j] != '/')) continue;
    const char sep = w[j];
    size_t k = j + 1, month = 0;
    while (k < w.size() && digit(w[k]) && month < 3) ++k, ++month;
    if (month == 0 || month > 2 || k >= w.size() || w[k] != sep) continue;
    size_t year = 0;
    for (size_t y = k + 1; y < w.size() && digit(w[y]); ++y) ++year;
    if ((year == 2 || year == 4) && number(i, day) >= 1 && number(i, day) <= 31 && number(j + 1, month) >= 1 &&
        number(j + 1, month) <= 12 && !goes_on(k + 1 + year))
      return true;
  }
  return false;
}

// Groups of two digits each ("04 12 23 35 41 48"): a phone number only as France writes one,
// five of them; lottery draws and raffle tickets come in sixes. Also "0123456789".
bool numbers_not_a_phone(std::string_view written, const std::string& d) {
  if (d == "0123456789" || d == "123456789") return true;
  size_t groups = 0, run = 0;
  bool all_pairs = true;
  for (size_t k = 0; k <= written.size(); ++k) {
    if (k < written.size() && digit(written[k])) {
      ++run;
      continue;
    }
    if (run > 0) {
      ++groups;
      all_pairs &= run == 2;
    }
    run = 0;
  }
  return all_pairs && groups > 1 && groups != 5;
}

void find_phones(std::string_view s, Found& out) {
  for (size_t i = 0; i < s.size() && out.size() < kMaxFound; ++i) {
    const bool plus = s[i] == '+' && i + 1 < s.size() && digit(s[i + 1]);
    if (!(plus || digit(s[i]) || s[i] == '(') || !starts_token(s, i)) continue;
    std::string d;
    const size_t from = plus ? i + 1 : i;
    size_t end = digit_run(s, s[from] == '(' ? from + 1 : from, d, " -./()");
    if (end < s.size() && s[end] == ')') ++end;
    if (d.empty() || (end < s.size() && alnum(s[end])) || overlaps(out, i, end)) {
      i = std::max(i, end);
      continue;
    }
    const std::string_view written = s.substr(i, end - i);
    const bool separated = written.find_first_of(" -./()") != std::string_view::npos;
    if (holds_a_date(written) || numbers_not_a_phone(written, d) || other_number_cue_before(s, i)) {
      i = std::max(i, end);
      continue;
    }
    double confidence = 0;
    if (plus && d.size() >= 8 && d.size() <= 15) confidence = 0.8;
    else if (d.starts_with("00") && d.size() >= 11 && d.size() <= 15) confidence = 0.7;
    else if (d[0] == '0' && d[1] != '0' && d.size() >= 10 && d.size() <= 12) confidence = 0.7;
    else if (d.size() == 10 && separated && d[0] != '1') confidence = 0.6;  // North American (555) 123-4567
    if (confidence > 0) {
      if (phone_cue_before(s, i)) confidence = std::min(0.95, confidence + 0.15);
      const std::string shown = (plus ? "+" : "") + d.substr(0, 2) + " " + std::string(kDots) + " " + d.substr(d.size() - 2);
      out.push_back({"phone", shown, confidence, i, end});
    }
    i = std::max(i, end);
  }
}

bool is_number_word(const std::string& w) {
  return !w.empty() && digit(w[0]) && w.size() <= 6 &&
         std::all_of(w.begin(), w.end(), [](char c) { return digit(c) || (c >= 'a' && c <= 'z'); }) &&
         std::count_if(w.begin(), w.end(), [](char c) { return !digit(c); }) <= 1;
}

bool capitalised(std::string_view s, const Word& w) {
  const auto c = static_cast<unsigned char>(s[w.begin]);
  return (c >= 'A' && c <= 'Z') || c >= 0xC3;  // an accented capital starts with 0xC3 too
}

void find_addresses(std::string_view s, Found& out) {
  // Dutch and German streets are one word ending in a street noun, then the house number.
  static constexpr std::string_view kJoined[] = {"straat", "laan", "weg", "plein", "gracht", "kade", "singel",
                                                 "dijk", "steeg", "dreef", "strasse", "gasse", "allee", "platz"};
  // English: number, name, street type. French: number, street type, name.
  static constexpr std::string_view kEnglish[] = {"street", "st", "road", "rd", "avenue", "ave", "lane", "ln",
                                                  "drive", "dr", "boulevard", "blvd", "court", "ct", "way",
                                                  "place", "terrace", "crescent", "close"};
  static constexpr std::string_view kFrench[] = {"rue", "avenue", "boulevard", "bd", "allee", "impasse",
                                                 "chemin", "place", "quai"};
  static constexpr std::string_view kCues[] = {"live", "woon", "wohne", "habite", "address", "adres", "adresse"};
  const std::vector<Word> w = split_words(s);
  auto in = [](std::string_view word, const auto& list) {
    return std::any_of(std::begin(list), std::end(list), [&](std::string_view x) { return word == x; });
  };
  auto cue = [&](size_t at) {
    for (size_t k = at > 6 ? at - 6 : 0; k < at; ++k)
      if (in(w[k].norm, kCues)) return true;
    return false;
  };
  auto add = [&](size_t first, size_t last, std::string shown) {
    if (overlaps(out, w[first].begin, w[last].end)) return;
    out.push_back({"address", std::move(shown), cue(first) ? 0.85 : 0.7, w[first].begin, w[last].end});
  };
  // A year ("Museumplein 2023", "Wimbledon 2023 Centre Court") is a house number only where the
  // text says it is an address ("I live at …").
  auto house_number = [&](size_t at) {
    const std::string& n = w[at].norm;
    const bool year = n.size() == 4 && std::all_of(n.begin(), n.end(), digit) && (n.starts_with("19") || n.starts_with("20"));
    return is_number_word(n) && (!year || cue(at));
  };
  // Words a street's name does not have, which Title Case captions do ("Day 2 On The Road").
  static constexpr std::string_view kNotInAName[] = {"on", "the", "from", "of", "at", "in", "to", "and", "for", "with", "my", "our"};
  for (size_t i = 0; i + 1 < w.size() && out.size() < kMaxFound; ++i) {
    const std::string& n = w[i].norm;
    for (std::string_view suffix : kJoined)
      if (n.size() > suffix.size() + 2 && n.ends_with(suffix) && capitalised(s, w[i]) && house_number(i + 1)) {
        add(i, i + 1, std::string(s.substr(w[i].begin, w[i].end - w[i].begin)) + " " + std::string(kDots));
        break;
      }
    if (!house_number(i)) continue;
    // An ordinal ("ma 2e place", "1er") is no house number.
    const bool ordinal = n.ends_with("e") || n.ends_with("er") || n.ends_with("th") || n.ends_with("nd") || n.ends_with("rd");
    if (!ordinal && in(w[i + 1].norm, kFrench) && i + 2 < w.size()) {
      add(i, i + 2, std::string(kDots) + " " + std::string(s.substr(w[i + 1].begin, w[i + 2].end - w[i + 1].begin)));
      continue;
    }
    for (size_t k = i + 2; k < w.size() && k <= i + 4; ++k) {
      if (!capitalised(s, w[k - 1]) || in(w[k - 1].norm, kNotInAName)) break;
      if (in(w[k].norm, kEnglish) && capitalised(s, w[k])) {
        add(i, k, std::string(kDots) + " " + std::string(s.substr(w[i + 1].begin, w[k].end - w[i + 1].begin)));
        break;
      }
    }
  }
}

}  // namespace

bool luhn_valid(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (!digit(*it)) return false;
    int v = *it - '0';
    if (twice && (v *= 2) > 9) v -= 9;
    sum += v;
    twice = !twice;
  }
  return !digits.empty() && sum % 10 == 0;
}

bool iban_valid(std::string_view iban) {
  const std::string c = only_alnum(iban);
  if (c.size() < 15 || c.size() > 34 || !upper(c[0]) || !upper(c[1]) || !digit(c[2]) || !digit(c[3])) return false;
  const std::string rotated = c.substr(4) + c.substr(0, 4);
  int rest = 0;
  for (char ch : rotated) {
    const int v = digit(ch) ? ch - '0' : upper(ch) ? ch - 'A' + 10 : -1;
    if (v < 0) return false;
    rest = (v >= 10 ? rest * 100 + v : rest * 10 + v) % 97;
  }
  return rest == 1;
}

std::vector<PersonalData> find_personal_data(std::string_view text) {
  Found out;
  // Most specific first: a card or IBAN is not also reported as a phone number.
  find_ibans(text, out);
  find_cards(text, out);
  find_emails(text, out);
  find_phones(text, out);
  find_addresses(text, out);
  std::erase_if(out, [](const PersonalData& p) { return p.kind.empty(); });
  std::sort(out.begin(), out.end(), [](const PersonalData& a, const PersonalData& b) { return a.begin < b.begin; });
  return out;
}

std::string mask_personal_data(std::string_view text) {
  std::string out;
  size_t at = 0;
  for (const PersonalData& p : find_personal_data(text)) {
    if (p.begin < at) continue;  // found twice: masked once
    out += text.substr(at, p.begin - at);
    out += p.masked;
    at = p.end;
  }
  return out + std::string(text.substr(at));
}

}  // namespace mediascan::text
