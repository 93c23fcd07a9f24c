// Writing whole files safely (internal).
#pragma once

#include <string>
#include <string_view>

#include "entente/status.h"

namespace entente {

// Writes `data` to `path`.  A regular (or new) file is written under a
// temporary name and renamed into place, so a crash never leaves a half
// file; a device, pipe or socket (/dev/null, a FIFO) is written in place,
// never replaced.  Errors name the path.
Status WriteFileReplacing(const std::string& path, std::string_view data);

}  // namespace entente
