// The vision module's implementation (module.h), for the module's entry point and for
// programs that link the vision code in (the tests).
#pragma once

#include "scanner/vision/module.h"

namespace mediascan {

// The one instance; OpenCV is set to one thread when it is made (the pipeline is parallel).
const VisionModule& builtin_vision_module();

}  // namespace mediascan
