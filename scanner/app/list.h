// `mediascan list`: what the export holds, from the index alone (no media is decoded).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "scanner/ingest/ingest.h"

namespace mediascan {
void print_listing(const std::vector<std::string>& sources, const ExportIndex& index,
                   std::ostream& out);
}  // namespace mediascan
