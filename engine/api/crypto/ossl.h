#pragma once
// RAII owners for OpenSSL objects and the status type every crypto family returns. Nothing here
// touches V8: these types are used on the thread pool.

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace nano::api::crypto {

// Byte buffers that skip zero-filling on resize (outputs are written over entirely) and ask for
// transparent huge pages when large, which makes first-touch page faults of 64 MiB outputs cheap.
template <class T> struct BufferAllocator {
    using value_type = T;
    BufferAllocator() = default;
    template <class U> BufferAllocator(const BufferAllocator<U>&) {}
    T* allocate(size_t n);
    void deallocate(T* p, size_t n);
    template <class U> void construct(U* p) { ::new (static_cast<void*>(p)) U; }
    template <class U, class... A> void construct(U* p, A&&... args)
    {
        ::new (static_cast<void*>(p)) U(std::forward<A>(args)...);
    }
    template <class U> bool operator==(const BufferAllocator<U>&) const { return true; }
    template <class U> bool operator!=(const BufferAllocator<U>&) const { return false; }
};
void* allocateBuffer(size_t bytes);
void freeBuffer(void* p, size_t bytes);
template <class T> T* BufferAllocator<T>::allocate(size_t n)
{
    return static_cast<T*>(allocateBuffer(n * sizeof(T)));
}
template <class T> void BufferAllocator<T>::deallocate(T* p, size_t n)
{
    freeBuffer(p, n * sizeof(T));
}
using Bytes = std::vector<uint8_t, BufferAllocator<uint8_t>>;
inline Bytes toBytes(const uint8_t* data, size_t size)
{
    return Bytes(data, data + size);
}

template <class T, void (*Free)(T*)> struct OsslDeleter {
    void operator()(T* p) const { Free(p); }
};
using EvpPkey = std::unique_ptr<EVP_PKEY, OsslDeleter<EVP_PKEY, EVP_PKEY_free>>;
using EvpPkeyCtx = std::unique_ptr<EVP_PKEY_CTX, OsslDeleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using EvpMdCtx = std::unique_ptr<EVP_MD_CTX, OsslDeleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using EvpCipherCtx =
    std::unique_ptr<EVP_CIPHER_CTX, OsslDeleter<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>>;
using EvpMacCtx = std::unique_ptr<EVP_MAC_CTX, OsslDeleter<EVP_MAC_CTX, EVP_MAC_CTX_free>>;
using EvpKdfCtx = std::unique_ptr<EVP_KDF_CTX, OsslDeleter<EVP_KDF_CTX, EVP_KDF_CTX_free>>;
using BigNum = std::unique_ptr<BIGNUM, OsslDeleter<BIGNUM, BN_clear_free>>;
using BnCtx = std::unique_ptr<BN_CTX, OsslDeleter<BN_CTX, BN_CTX_free>>;
using EcdsaSig = std::unique_ptr<ECDSA_SIG, OsslDeleter<ECDSA_SIG, ECDSA_SIG_free>>;
using ParamBld = std::unique_ptr<OSSL_PARAM_BLD, OsslDeleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, OsslDeleter<OSSL_PARAM, OSSL_PARAM_free>>;
using Pkcs8 = std::unique_ptr<PKCS8_PRIV_KEY_INFO,
                              OsslDeleter<PKCS8_PRIV_KEY_INFO, PKCS8_PRIV_KEY_INFO_free>>;

// Wipes its bytes when it goes away (key material, derived secrets).
struct SecretBytes {
    Bytes bytes;
    SecretBytes() = default;
    explicit SecretBytes(Bytes b)
        : bytes(std::move(b))
    {}
    SecretBytes(const SecretBytes&) = delete;
    SecretBytes& operator=(const SecretBytes&) = delete;
    ~SecretBytes()
    {
        if (!bytes.empty()) OPENSSL_cleanse(bytes.data(), bytes.size());
    }
};

// The outcome of a crypto operation: ok, or a DOMException name and a message.
struct Status {
    const char* name = nullptr; // null: success
    std::string message;
    bool ok() const { return name == nullptr; }
    static Status success() { return {}; }
};
inline Status fail(const char* name, std::string message)
{
    return Status{name, std::move(message)};
}
// Shorthands for the spec's error names.
inline Status operationError(std::string m)
{
    return fail("OperationError", std::move(m));
}
inline Status dataError(std::string m)
{
    return fail("DataError", std::move(m));
}
inline Status notSupported(std::string m)
{
    return fail("NotSupportedError", std::move(m));
}
inline Status syntaxError(std::string m)
{
    return fail("SyntaxError", std::move(m));
}
inline Status invalidAccess(std::string m)
{
    return fail("InvalidAccessError", std::move(m));
}

// Big-endian bytes of a BIGNUM, left-padded to `width` (0: minimal length).
Bytes bnToBytes(const BIGNUM* bn, size_t width = 0);

} // namespace nano::api::crypto
