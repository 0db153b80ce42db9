// SHA-256 through OpenSSL's libcrypto, which uses the CPU's SHA instructions where there are
// any: `ims verify` hashes every change-log entry, and the vault hashes whole files.
#include "util/sha256.hpp"

#include "ims/core/error.hpp"

#include <openssl/evp.h>

#include <QFile>

#include <array>

namespace ims::util {
namespace {

// The implementation, fetched once: OpenSSL 3 looks it up again on every init otherwise.
const EVP_MD* sha256_md() {
    static EVP_MD* const kMd = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (kMd == nullptr) throw Error(ErrorCode::kInternal, "OpenSSL provides no SHA-256");
    return kMd;
}

std::string to_hex(const unsigned char* digest, unsigned int size) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(2 * size, '0');
    for (unsigned int i = 0; i < size; ++i) {
        out[2 * i] = kHex[digest[i] >> 4];
        out[2 * i + 1] = kHex[digest[i] & 0xf];
    }
    return out;
}

void check(int ok) {
    if (ok != 1) throw Error(ErrorCode::kInternal, "OpenSSL could not compute a SHA-256");
}

}  // namespace

struct Sha256::Impl {
    Impl() : ctx(EVP_MD_CTX_new()) {
        if (ctx == nullptr) throw Error(ErrorCode::kInternal, "out of memory for a SHA-256");
        check(EVP_DigestInit_ex2(ctx, sha256_md(), nullptr));
    }
    ~Impl() { EVP_MD_CTX_free(ctx); }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    EVP_MD_CTX* ctx;
};

Sha256::Sha256() : impl_(std::make_unique<Impl>()) {}
Sha256::~Sha256() = default;

void Sha256::add(std::string_view bytes) {
    add(bytes.data(), bytes.size());
}
void Sha256::add(const void* data, std::size_t size) {
    check(EVP_DigestUpdate(impl_->ctx, data, size));
}
std::string Sha256::hex() {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    check(EVP_DigestFinal_ex(impl_->ctx, digest.data(), &size));
    return to_hex(digest.data(), size);
}

std::string sha256_hex(std::string_view bytes) {
    // One context per thread, reused: the change log hashes one short record per entry.
    thread_local Sha256 hash;
    check(EVP_DigestInit_ex2(hash.impl_->ctx, sha256_md(), nullptr));
    hash.add(bytes);
    return hash.hex();
}

std::string sha256_file(const std::string& path) {
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        throw Error(ErrorCode::kIo,
                    path + ": cannot read the file: " + file.errorString().toStdString());
    Sha256 hash;
    std::array<char, 64 * 1024> chunk;
    while (true) {
        const qint64 n = file.read(chunk.data(), chunk.size());
        if (n < 0)
            throw Error(ErrorCode::kIo,
                        path + ": cannot read the file: " + file.errorString().toStdString());
        if (n == 0) break;
        hash.add(chunk.data(), static_cast<std::size_t>(n));
    }
    return hash.hex();
}

}  // namespace ims::util
