// The vision stage: decodes a photo once, at the reduced size the checks need, and derives what
// the report shows (thumbnail, perceptual hash). Face and scene checks plug in here.
//
// Thread-safety: analyse_pixels() may run on many threads at once on distinct items; it keeps
// no state between calls.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include "scanner/core/item.h"
#include "scanner/util/file_bytes.h"
#include "scanner/vision/config.h"
#include "scanner/vision/faces.h"
#include "scanner/vision/model_runner.h"

namespace mediascan {

// Fills item.width/height (as displayed, orientation applied), thumbnail_jpeg and phash, and
// with a detector adds face findings (category people) with their boxes, then the night-out
// cues that need no model (night-time capture with flash, high ISO or several faces).
// An image that cannot be decoded gets a "not_decoded" (or "pixel_limit") error; its other
// findings stand. `faces` may be null (faces off).
// `models` may be null (no scene or object model present). `whole`, when not null, holds a
// video's bytes that are not in item.bytes (a big one kept in a file).
void analyse_pixels(Item& item, const VisionConfig& config, FaceDetector* faces, ModelRunner* models,
                    const util::FileBytes* whole = nullptr);

// Width and height a JPEG, PNG, GIF, WebP or BMP declares, read from its header without
// decoding; nullopt for other formats or a damaged header.
std::optional<std::pair<int, int>> declared_size(std::string_view bytes, MediaType type);

// The largest picture the HEVC parameter sets of a HEIC code (each `hvcC` box's SPS): what the
// decoder allocates, whatever size the file declares (its `ispe`; a 60 KB HEIC saying 64x64 was
// decoded to 16384x16384, 1.6 GB). nullopt when no SPS can be read.
std::optional<uint64_t> hevc_coded_pixels(std::string_view heic);

}  // namespace mediascan
