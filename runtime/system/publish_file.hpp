// Putting a finished file into a folder the user named (the --plots folder) without trusting what
// already sits there: the content goes to a fresh exclusive file in that folder (mkostemp), which is
// then renamed over the target name. rename replaces a symbolic or hard link planted at the name and
// never writes through it, and readers never see a half-written file.
#pragma once

#include <string>

namespace mls::sys {

// Writes `content` as `dir`/`name` (`name` a plain file name). Returns "" or what went wrong.
std::string publish_file(const std::string& dir, const std::string& name, const std::string& content);

}  // namespace mls::sys
