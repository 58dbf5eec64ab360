// Fills a directory with N copies of bench_plugin.so, each a distinct plugin: the placeholder
// "zzzzzz" in its plugin id and provider id becomes the copy's number (same length, so the
// ELF layout is untouched). Usage: make_plugin_dir SOURCE.so DIR N
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: make_plugin_dir SOURCE.so DIR N\n");
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    const std::string image((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string marker = "zzzzzz";
    size_t markers = 0;
    for (size_t at = image.find(marker); at != std::string::npos; at = image.find(marker, at + 1)) {
        ++markers;
    }
    if (markers < 2) {  // the plugin id and the provider id, at least
        std::fprintf(stderr, "make_plugin_dir: %s has %zu placeholders, expected at least 2\n",
                     argv[1], markers);
        return 1;
    }
    const std::filesystem::path dir = argv[2];
    std::filesystem::create_directories(dir);
    ::chmod(dir.c_str(), 0755);
    const int count = std::atoi(argv[3]);
    for (int i = 0; i < count; ++i) {
        char number[16];
        std::snprintf(number, sizeof number, "%06d", i);
        std::string copy = image;
        for (size_t at = copy.find(marker); at != std::string::npos;
             at = copy.find(marker, at + marker.size())) {
            copy.replace(at, marker.size(), number);
        }
        char name[32];
        std::snprintf(name, sizeof name, "bench_%06d.so", i);
        const std::filesystem::path file = dir / name;
        std::ofstream(file, std::ios::binary) << copy;
        ::chmod(file.c_str(), 0644);
    }
    std::printf("%d plugins in %s\n", count, dir.c_str());
    return 0;
}
