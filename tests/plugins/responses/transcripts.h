// The recorded-shape transcripts under tests/plugins/responses/transcripts/ (see its README).
#pragma once

#include <string>
#include <vector>

namespace klaude::responses::testing {

// The bytes of transcripts/<name>; throws when the file is missing.
std::string load_transcript(const std::string& name);
// Every *.sse file name in the transcripts directory, sorted.
std::vector<std::string> transcript_names();

}  // namespace klaude::responses::testing
