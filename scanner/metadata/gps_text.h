// Positions written as text: a DJI drone's subtitles, frame by frame ("[latitude: 48.858400]
// [longitude: 2.294500]", or the older "GPS(2.2945,48.8584,80)"), in the .SRT beside its video or
// in the video's own subtitle track; a GPX or KML track; a GeoJSON file. Found, counted, and
// zeroed where they stand: every digit of their numbers becomes '0', so no size or offset moves
// and the file keeps its syntax (a subtitle still shows, a GPX or KML file still parses).
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "scanner/core/item.h"

namespace mediascan {

enum class TrackText {
  subtitles,  // DJI's lines, in an .srt file or a subtitle sample
  xml,        // GPX (lat/lon attributes, ele) and KML (coordinates, gx:coord, latitude/longitude)
  geojson,    // "coordinates" arrays
};

// The kind of a track file, by its name: .srt, .gpx, .kml, .geojson; nullopt for any other file.
std::optional<TrackText> track_text_of(std::string_view path);

struct TextPositions {
  int positions = 0;              // positions whose latitude or longitude is not zero
  std::optional<GeoPoint> first;  // the first of them that has both, for the evidence
  int addresses = 0;              // GPX and KML: address elements that hold text (KML's <address>, ...)
};

TextPositions find_positions(std::string_view text, TrackText kind);

// Zeroes, in place, the digits of every number of a position (latitude, longitude, altitude, a
// GPX's or KML's bounds), and blanks a GPX's or KML's address elements. Returns how many
// positions find_positions counted in it.
// REQUIRES: kind != geojson (a JSON number may not start with a zero: clean_track_in_place).
int zero_positions(char* text, size_t size, TrackText kind);

// A track file cleaned in place: zero_positions, the text of a GPX's or KML's address elements
// blanked (spaces, so no size moves), or for GeoJSON the JSON sidecar cleaner
// (clean_sidecar_in_place: its numbers become 0, and a place or address in its properties goes
// too; a GeoJSON that is no valid JSON only has the digits of its coordinates zeroed). Returns
// how many positions and addresses (GeoJSON: location values) it held; `text` is unchanged when
// it is 0.
int clean_track_in_place(std::string& text, TrackText kind);

// Whether a cleaned track file still holds a position or an address: the verification's check.
// A GeoJSON that is no valid JSON always may.
bool track_positions_left(std::string_view text, TrackText kind);

}  // namespace mediascan
