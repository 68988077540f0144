// Where location hides in the two video containers that neither exiv2 nor bmff.h reads: a
// Matroska/WebM file's tags (Segment/Tags/Tag/SimpleTag: a TagName such as LOCATION or
// RECORDING_LOCATION, its TagString an ISO 6709 point or a place) and an AVI's XMP (a `_PMX`
// chunk, as Adobe's tools write it). Both are cleaned in place, their values overwritten, so no
// size or offset moves (Matroska's SeekHead and Cues, AVI's idx1 point by offset).
//
// Thread-safety: pure functions over the caller's bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/metadata/bmff.h"
#include "scanner/metadata/jpeg_blocks.h"

namespace mediascan {

// A Matroska SimpleTag: its name and where its TagString's bytes are.
struct MatroskaTag {
  std::string name;
  Span value;
};

struct ContainerScan {
  std::vector<MatroskaTag> tags;  // every SimpleTag with a TagString (Matroska)
  std::vector<Span> xmp_packets;  // `_PMX` chunks (AVI)
  bool complete = true;           // false when the structure was malformed or cut short
};

// The tags of a Matroska/WebM file or the XMP of an AVI, of `size` bytes read through `read`.
// Elements and chunks are skipped by their sizes: the media data itself is never read.
ContainerScan scan_matroska(const bmff::ReadAt& read, uint64_t size);
ContainerScan scan_avi(const bmff::ReadAt& read, uint64_t size);

// Whether a Matroska tag's name says it holds a place or a position (LOCATION, RECORDING_LOCATION,
// COMPOSITION_LOCATION, and the names remuxers carry over, e.g. COM.APPLE.QUICKTIME.LOCATION.ISO6709).
bool is_location_tag(std::string_view name);

}  // namespace mediascan
