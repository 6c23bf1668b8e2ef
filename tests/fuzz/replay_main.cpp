// SPDX-License-Identifier: Apache-2.0
// Runs the fuzz target once on every file of the directories (or on the
// files) named on the command line, so that any compiler's build replays the
// corpus, and a crash found by the fuzzer can be rerun under a debugger.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace fs = std::filesystem;

namespace {

bool replay(const fs::path &file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", file.string().c_str());
        return false;
    }
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
    return true;
}

}  // namespace

int main(int argc, char **argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s DIR_OR_FILE...\n", argv[0]);
        return 2;
    }
    size_t replayed = 0;
    for (int i = 1; i < argc; ++i) {
        std::vector<fs::path> files;
        std::error_code error;
        if (fs::is_directory(argv[i], error)) {
            for (const fs::directory_entry &entry : fs::directory_iterator(argv[i])) {
                if (entry.is_regular_file()) files.push_back(entry.path());
            }
            std::sort(files.begin(), files.end());  // the same order every run
        } else {
            files.emplace_back(argv[i]);
        }
        for (const fs::path &file : files) {
            if (!replay(file)) return 1;
            ++replayed;
        }
    }
    // An empty corpus would make this test pass while checking nothing.
    if (replayed == 0) {
        std::fprintf(stderr, "no input files\n");
        return 1;
    }
    std::printf("replayed %zu inputs\n", replayed);
    return 0;
}
