// A folder under $TMPDIR for fuzz targets that need files (a store, a plugin folder), made on
// first use and removed when the fuzzer exits normally.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace ims::fuzz {

class ScratchDir {
public:
    explicit ScratchDir(const std::string& name) {
        path_ = (std::filesystem::temp_directory_path() / (name + ".XXXXXX")).string();
        if (mkdtemp(path_.data()) == nullptr) std::abort();
    }
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

}  // namespace ims::fuzz
