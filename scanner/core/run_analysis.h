// What the assessment finds across a whole run (risk/assess.h fills it, the reports show it).
// Thread-safety: plain values.
#pragma once

#include <string>
#include <vector>

#include "scanner/core/item.h"

namespace mediascan {

// A place several items were taken at.
struct Place {
  GeoPoint center;
  std::vector<size_t> items;  // indexes into the run's items
  int night = 0;              // of them taken between 20:00 and 06:00 local time
  std::string label;          // "likely home", "recurring place"
};

struct RunAnalysis {
  std::vector<std::vector<size_t>> duplicates;  // groups of 2+ items showing the same picture
  std::vector<Place> places;
};

}  // namespace mediascan
