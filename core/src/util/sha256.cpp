#include "util/sha256.hpp"

#include "ims/core/error.hpp"

#include <QCryptographicHash>
#include <QFile>

namespace ims::util {

struct Sha256::Impl {
    QCryptographicHash hash{QCryptographicHash::Sha256};
};

Sha256::Sha256() : impl_(std::make_unique<Impl>()) {}
Sha256::~Sha256() = default;

void Sha256::add(std::string_view bytes) { add(bytes.data(), bytes.size()); }
void Sha256::add(const void* data, std::size_t size) {
    impl_->hash.addData(QByteArrayView(static_cast<const char*>(data), static_cast<qsizetype>(size)));
}
std::string Sha256::hex() { return impl_->hash.result().toHex().toStdString(); }

std::string sha256_hex(std::string_view bytes) {
    Sha256 hash;
    hash.add(bytes);
    return hash.hex();
}

std::string sha256_file(const std::string& path) {
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        throw Error(ErrorCode::kIo, path + ": cannot read the file: " + file.errorString().toStdString());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        throw Error(ErrorCode::kIo, path + ": cannot read the file: " + file.errorString().toStdString());
    return hash.result().toHex().toStdString();
}

}  // namespace ims::util
