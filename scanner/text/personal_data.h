// Personal data shared in a public text: phone numbers, e-mail addresses, street addresses,
// IBANs (ISO 13616 mod-97 checked) and payment card numbers (Luhn checked, known issuer
// prefixes). What is found is shown masked, so the report does not spread it further.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mediascan::text {

struct PersonalData {
  std::string kind;    // "phone", "email", "iban", "card", "address"
  std::string masked;  // "+31 6 •••• 78", "j•••@example.com", "NL91 •••• 4300", ...
  double confidence = 0.8;
  size_t begin = 0, end = 0;  // byte range in the text
};

std::vector<PersonalData> find_personal_data(std::string_view text);

// `text` with what find_personal_data finds in it replaced by its masked form ("Call me on
// +44 7911 •••• 56"). REQUIRES: `text` is valid UTF-8.
std::string mask_personal_data(std::string_view text);

// Checks, exposed for tests.
bool iban_valid(std::string_view iban);   // spaces allowed
bool luhn_valid(std::string_view digits); // digits only

}  // namespace mediascan::text
