// Removes location from the platforms' JSON sidecars while keeping every other byte: values are
// replaced where they stand (numbers by 0, strings by ""), so formatting, key order, escapes and
// the fields around them are untouched.
//
// Thread-safety: pure function.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "scanner/core/item.h"
#include "scanner/util/file_bytes.h"

namespace mediascan {

struct SidecarClean {
  int fields = 0;      // location values found (and, in `text`, emptied)
  std::string text;    // the cleaned sidecar when fields > 0
  std::optional<ItemError> error;  // not valid JSON: nothing could be checked or cleaned
  // With `error`: clean_sidecar_stream could not walk a valid file (below); clean_sidecar could.
  bool unwalkable = false;
};

// Location fields: latitude/longitude/altitude(+Span) anywhere, also in a key that names them
// ("Latitude, Longitude" of Snapchat's location history; Takeout geoData, geoDataExif;
// Facebook/Instagram exif_data, place.coordinate), and everything under a key whose words name
// a place: place(s), coordinate(s), location… ("location_history_v2", "primary_location_v2",
// "Frequent Locations"), city ("current_city", "City Name"), hometown, zip/postal code, geo,
// gps, a street address (not an e-mail or IP address), Snapchat's "Home & Work"; and "upload_ip";
// and every member but the label of an object whose "label" names a place (Instagram's
// {"label": "Locations of interest", "vec": [{"value": "Gent"}]}).
// X/Twitter `.js` files are handled after their `window.YTD.… =` prefix.
SidecarClean clean_sidecar(std::string_view text);

// The same for a CSV file (LinkedIn's Profile.csv, Positions.csv, …): the cells of the columns
// whose header names a place ("Address", "Zip Code", "Geo Location", "Location") emptied, every
// other byte kept. The header is the first row of several cells (after a "Notes:" preamble).
SidecarClean clean_csv_location(std::string_view text);

// Whether `text` still holds what looks like a pair of coordinates, whatever key holds it:
// two decimals of four places or more, a latitude and a longitude, next to each other
// ("51.0543, 3.7174", "51.0543°, 3.7174°", "[\"51.0543\", \"3.7174\"]"). The verification's check,
// independent of the keys the cleaner knows.
bool coordinates_left(std::string_view text);

// How many location values clean_sidecar (a `.csv`: clean_csv_location) would empty in the file
// at `path`, without making the cleaned copy; 0 when it cannot be read.
int sidecar_location_values(std::string_view path, std::string_view text);

// The same, done to `text` itself (a blank is never longer than the value it replaces), so a big
// sidecar is never held twice; the result's `text` stays empty. `text` is unchanged when there
// is an error or nothing to clean.
SidecarClean clean_sidecar_in_place(std::string& text);

// An X file's `window.YTD.<name> =` ends within this many bytes of its start: the cleaners and
// the X reader look for the '=' no further.
constexpr size_t kYtdPrefixBytes = 4096;

// The most clean_sidecar_stream holds of a value by default.
constexpr size_t kSidecarWholeLimit = size_t{8} << 20;

// A JSON sidecar too big to hold (ingest keeps it in a file): clean_sidecar read a piece at a
// time, the cleaned bytes handed to `out` in pieces (nullptr: only counted; the result's `text`
// stays empty). The same bytes and count as clean_sidecar, holding no more than the biggest value
// of up to `whole_limit` bytes: a bigger object or array is walked into. A value it cannot walk
// is an error (`unwalkable`), as an invalid file is: a scalar or key of more than `whole_limit`
// bytes, or an object of more that needs its whole to be cleaned (a title that may name its
// places, a label naming it a place after its members); what went to `out` then is to be
// dropped. Throws util::ReadError when `in` cannot be read.
SidecarClean clean_sidecar_stream(const util::FileBytes& in, const util::Chunks* out,
                                  size_t whole_limit = kSidecarWholeLimit);

// How the scan cleans (and counts) such a file: clean_sidecar_stream into the sink `out` gives;
// a file it cannot walk is read whole and cleaned by clean_sidecar when it is no bigger than
// `hold_at_most` (its cleaned text then goes to a second sink `out` gives, the first to be
// dropped), else left with the stream's error. `out` empty: only counted. Throws util::ReadError.
SidecarClean clean_big_sidecar(const util::FileBytes& in, const std::function<const util::Chunks*()>& out,
                               uint64_t hold_at_most);

// coordinates_left for a file, read a window at a time (a pair of coordinates of more than
// 64 KiB, a decimal with tens of thousands of places, is not seen).
bool coordinates_left(const util::FileBytes& in);

}  // namespace mediascan
