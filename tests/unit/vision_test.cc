// The size check a HEIC gets before libheif decodes it: the coded picture of its HEVC parameter
// set, whatever size the file declares (from a review: a 60 KB HEIC declaring 64x64 decoded to
// 16384x16384, 1.6 GB).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "scanner/vision/vision.h"

namespace mediascan {
namespace {

class BitWriter {
 public:
  void u(uint64_t v, int n) {  // n bits of v; the bits above its 64 are zeros
    for (int i = n - 1; i >= 0; --i) bits_.push_back(i < 64 && ((v >> i) & 1));
  }
  void ue(uint64_t v) {
    const uint64_t code = v + 1;
    int length = 0;
    while ((code >> length) > 1) ++length;
    u(0, length);
    u(code, length + 1);
  }
  std::string bytes() const {
    std::string out((bits_.size() + 8) / 8, '\0');
    for (size_t i = 0; i < bits_.size(); ++i)
      if (bits_[i]) out[i / 8] = char(out[i / 8] | (0x80 >> (i % 8)));
    out[bits_.size() / 8] = char(out[bits_.size() / 8] | (0x80 >> (bits_.size() % 8)));  // stop bit
    return out;
  }

 private:
  std::vector<bool> bits_;
};

// An `hvcC` box holding one SPS coding a width x height picture (one temporal layer, 4:2:0),
// after some bytes of a file; zeros in its profile bits give emulation prevention bytes to skip.
std::string heic_with_sps(uint64_t width, uint64_t height) {
  BitWriter w;
  w.u(0, 4);   // sps_video_parameter_set_id
  w.u(0, 3);   // sps_max_sub_layers_minus1
  w.u(1, 1);   // temporal_id_nesting
  w.u(0, 96);  // profile, tier and level: all zero
  w.ue(0);     // sps_seq_parameter_set_id
  w.ue(1);     // chroma_format_idc 4:2:0
  w.ue(width);
  w.ue(height);
  std::string rbsp = w.bytes(), nal("\x42\x01", 2);  // NAL header: type 33
  for (size_t i = 0, zeros = 0; i < rbsp.size(); ++i) {
    if (zeros >= 2 && uint8_t(rbsp[i]) <= 3) {
      nal += '\x03';
      zeros = 0;
    }
    nal += rbsp[i];
    zeros = rbsp[i] == 0 ? zeros + 1 : 0;
  }
  std::string box(22, '\x01');
  box += '\x01';                                              // one array
  box += std::string("\xA1\x00\x01", 3);                      // of SPS, one NAL unit
  box += char(nal.size() >> 8), box += char(nal.size() & 0xFF);
  box += nal;
  const uint32_t size = uint32_t(box.size() + 8);
  std::string out = "....ftypheic....";
  out += char(size >> 24), out += char(size >> 16), out += char(size >> 8), out += char(size);
  return out + "hvcC" + box + "....mdat";
}

TEST(HevcCodedPixels, TheCodedPictureWhateverTheFileDeclares) {
  EXPECT_EQ(hevc_coded_pixels(heic_with_sps(548, 342)), uint64_t(548) * 342);
  EXPECT_EQ(hevc_coded_pixels(heic_with_sps(16384, 16384)), uint64_t(16384) * 16384);
  EXPECT_EQ(hevc_coded_pixels("no parameter set here"), std::nullopt);
  const std::string cut = heic_with_sps(4032, 3024);
  EXPECT_EQ(hevc_coded_pixels(cut.substr(0, cut.size() - 20)), std::nullopt);  // a box past the end
}

}  // namespace
}  // namespace mediascan
