// SHA-256 for the change log, the evidence vault and plugin checksums (one implementation,
// backed by OpenSSL's libcrypto). Not thread-safe per instance.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace ims::util {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void add(std::string_view bytes);
    void add(const void* data, std::size_t size);
    std::string hex();  // lower-case hex digest; ends the computation

private:
    friend std::string sha256_hex(std::string_view bytes);
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

std::string sha256_hex(std::string_view bytes);
// Hashes a file in chunks; throws ims::Error(kIo) naming the file when it cannot be read.
std::string sha256_file(const std::string& path);

}  // namespace ims::util
