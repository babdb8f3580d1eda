#include "api/crypto/key.h"

#include "bind/isolate_data.h"

#include <openssl/x509.h>

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <sys/mman.h>

namespace nano::api::crypto {

// --- buffers ---------------------------------------------------------------------------------

namespace {

// Large buffers (inputs copied at call time, outputs of big ciphers) come from mmap with
// MAP_POPULATE, which maps all pages at once instead of taking one page fault per 4 KiB, and
// freed ones are kept in a small cache: the input copy of one job is the next job's, already
// mapped. Faulting in fresh pages costs as much as AES-GCM itself on 64 MiB.
constexpr size_t kLargeBuffer = 1 << 20;
constexpr size_t kCacheLimit = 288 << 20;

size_t mappedSize(size_t bytes)
{
    const size_t page = 4096;
    return (bytes + page - 1) & ~(page - 1);
}

struct BufferCache {
    std::mutex mutex;
    std::vector<std::pair<void*, size_t>> free; // (address, mapped size)
    size_t total = 0;
};
BufferCache& cache()
{
    static BufferCache* instance = new BufferCache(); // never destroyed: used at exit
    return *instance;
}

} // namespace

void* allocateBuffer(size_t bytes)
{
    if (bytes < kLargeBuffer) {
        if (void* p = std::malloc(bytes ? bytes : 1)) return p;
        throw std::bad_alloc();
    }
    const size_t size = mappedSize(bytes);
    {
        BufferCache& c = cache();
        std::lock_guard<std::mutex> lock(c.mutex);
        for (size_t i = 0; i < c.free.size(); ++i) {
            if (c.free[i].second == size) {
                void* p = c.free[i].first;
                c.total -= size;
                c.free.erase(c.free.begin() + static_cast<long>(i));
                return p;
            }
        }
    }
    void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    return p;
}

void freeBuffer(void* p, size_t bytes)
{
    if (bytes < kLargeBuffer) {
        std::free(p);
        return;
    }
    const size_t size = mappedSize(bytes);
    if (size > kCacheLimit) {
        munmap(p, size);
        return;
    }
    // The newest buffer stays; the oldest ones make room for it.
    std::vector<std::pair<void*, size_t>> evicted;
    BufferCache& c = cache();
    {
        std::lock_guard<std::mutex> lock(c.mutex);
        while (c.total + size > kCacheLimit && !c.free.empty()) {
            evicted.push_back(c.free.front());
            c.total -= c.free.front().second;
            c.free.erase(c.free.begin());
        }
        c.free.emplace_back(p, size);
        c.total += size;
    }
    for (auto& [address, length] : evicted)
        munmap(address, length);
}

Bytes bnToBytes(const BIGNUM* bn, size_t width)
{
    const size_t n = width ? width : static_cast<size_t>(BN_num_bytes(bn));
    Bytes out(n);
    if (n && BN_bn2binpad(bn, out.data(), static_cast<int>(n)) < 0) out.clear();
    return out;
}

// --- key material ------------------------------------------------------------------------------

size_t KeyMaterial::memorySize() const
{
    size_t size = sizeof(KeyMaterial) + secret.bytes.size();
    if (pkey) size += static_cast<size_t>(std::max(0, EVP_PKEY_get_size(pkey.get()))) * 4 + 512;
    if (hmac) size += 512;
    return size;
}

EvpPkeyCtx KeyMaterial::preparedContext(uint64_t tag, EvpPkeyCtx (*make)(EVP_PKEY*, uint64_t)) const
{
    std::lock_guard<std::mutex> lock(m_preparedMutex);
    for (auto& [t, ctx] : m_prepared) {
        if (t == tag) return EvpPkeyCtx(EVP_PKEY_CTX_dup(ctx.get()));
    }
    EvpPkeyCtx ctx = make(pkey.get(), tag);
    if (!ctx) return nullptr;
    EvpPkeyCtx copy(EVP_PKEY_CTX_dup(ctx.get()));
    m_prepared.emplace_back(tag, std::move(ctx));
    return copy;
}

Status checkUsages(Usages requested, Usages allowed, const char* what)
{
    for (int i = 0; i < 8; ++i) {
        const auto usage = static_cast<Usage>(1 << i);
        if ((requested & usage) && !(allowed & usage))
            return syntaxError(std::string("Cannot create a key using the specified key usage '") +
                               usageName(usage) + "' for " + what + ".");
    }
    return Status::success();
}

Status exportSpki(const EVP_PKEY* pkey, Bytes& out)
{
    unsigned char* der = nullptr;
    const int n = i2d_PUBKEY(const_cast<EVP_PKEY*>(pkey), &der);
    if (n <= 0) return operationError("The key could not be encoded as SPKI.");
    out = toBytes(der, static_cast<size_t>(n));
    OPENSSL_free(der);
    return Status::success();
}

Status exportPkcs8(const EVP_PKEY* pkey, Bytes& out)
{
    Pkcs8 info(EVP_PKEY2PKCS8(pkey));
    unsigned char* der = nullptr;
    const int n = info ? i2d_PKCS8_PRIV_KEY_INFO(info.get(), &der) : 0;
    if (n <= 0) return operationError("The key could not be encoded as PKCS #8.");
    out = toBytes(der, static_cast<size_t>(n));
    OPENSSL_clear_free(der, static_cast<size_t>(n));
    return Status::success();
}

Status exportDer(KeyFormat format, KeyType type, const EVP_PKEY* pkey, Bytes& out)
{
    if (format == KeyFormat::Spki) {
        if (type != KeyType::Public)
            return invalidAccess("Only public keys can be exported as SPKI.");
        return exportSpki(pkey, out);
    }
    if (type != KeyType::Private)
        return invalidAccess("Only private keys can be exported as PKCS #8.");
    return exportPkcs8(pkey, out);
}

Status importSpki(const Bytes& der, int expectedType, EvpPkey& out)
{
    const unsigned char* p = der.data();
    EvpPkey key(d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size())));
    if (!key || p != der.data() + der.size()) return dataError("Invalid SPKI data.");
    if (EVP_PKEY_get_base_id(key.get()) != expectedType)
        return dataError("The SPKI data holds a key of a different algorithm.");
    out = std::move(key);
    return Status::success();
}

Status importPkcs8(const Bytes& der, int expectedType, EvpPkey& out)
{
    const unsigned char* p = der.data();
    Pkcs8 info(d2i_PKCS8_PRIV_KEY_INFO(nullptr, &p, static_cast<long>(der.size())));
    if (!info || p != der.data() + der.size()) return dataError("Invalid PKCS #8 data.");
    EvpPkey key(EVP_PKCS82PKEY(info.get()));
    if (!key) return dataError("Invalid PKCS #8 data.");
    if (EVP_PKEY_get_base_id(key.get()) != expectedType)
        return dataError("The PKCS #8 data holds a key of a different algorithm.");
    out = std::move(key);
    return Status::success();
}

// --- CryptoKey -----------------------------------------------------------------------------------

const char* keyTypeName(KeyType type)
{
    switch (type) {
    case KeyType::Secret: return "secret";
    case KeyType::Public: return "public";
    case KeyType::Private: return "private";
    }
    return "";
}

CryptoKey::CryptoKey(KeyType type, bool extractable, KeyAlgorithm algorithm, Usages usages,
                     KeyMaterialPtr material)
    : m_type(type)
    , m_extractable(extractable)
    , m_algorithm(std::move(algorithm))
    , m_usages(usages)
    , m_material(std::move(material))
{
    // Clones share their material: it counts once.
    setExternalMemory(ExternalMemoryKind::CryptoBuffers,
                      static_cast<int64_t>(m_material ? m_material->memorySize() : 0),
                      m_material.get());
}

CryptoKey* CryptoKey::create(v8::Isolate* isolate, KeyType type, bool extractable,
                             KeyAlgorithm algorithm, Usages usages, KeyMaterialPtr material)
{
    return bind::create<CryptoKey>(isolate, type, extractable, std::move(algorithm), usages,
                                   std::move(material));
}

namespace {
bool setMember(v8::Local<v8::Context> context, v8::Local<v8::Object> object, const char* key,
               v8::Local<v8::Value> value)
{
    return object->CreateDataProperty(context, bind::name(context->GetIsolate(), key), value)
        .FromMaybe(false);
}
} // namespace

v8::MaybeLocal<v8::Object> keyAlgorithmToJs(v8::Isolate* isolate, const KeyAlgorithm& a)
{
    v8::EscapableHandleScope scope(isolate);
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Object> object = v8::Object::New(isolate);
    if (!setMember(context, object, "name", bind::name(isolate, algorithmName(a.id)))) return {};
    switch (a.id) {
    case AlgorithmId::AesCtr:
    case AlgorithmId::AesCbc:
    case AlgorithmId::AesGcm:
    case AlgorithmId::AesKw:
        if (!setMember(context, object, "length", v8::Integer::NewFromUnsigned(isolate, a.length)))
            return {};
        break;
    case AlgorithmId::Hmac: {
        v8::Local<v8::Object> hash = v8::Object::New(isolate);
        if (!setMember(context, hash, "name", bind::name(isolate, algorithmName(a.hash))) ||
            !setMember(context, object, "hash", hash) ||
            !setMember(context, object, "length", v8::Integer::NewFromUnsigned(isolate, a.length)))
            return {};
        break;
    }
    case AlgorithmId::Ecdsa:
    case AlgorithmId::Ecdh:
        if (!setMember(context, object, "namedCurve", bind::name(isolate, a.namedCurve.c_str())))
            return {};
        break;
    case AlgorithmId::RsassaPkcs1:
    case AlgorithmId::RsaPss:
    case AlgorithmId::RsaOaep: {
        v8::Local<v8::Object> hash = v8::Object::New(isolate);
        auto buffer = v8::ArrayBuffer::New(isolate, a.publicExponent.size());
        if (!a.publicExponent.empty())
            memcpy(buffer->GetBackingStore()->Data(), a.publicExponent.data(),
                   a.publicExponent.size());
        auto exponent = v8::Uint8Array::New(buffer, 0, a.publicExponent.size());
        if (!setMember(context, object, "modulusLength",
                       v8::Integer::NewFromUnsigned(isolate, a.modulusLength)) ||
            !setMember(context, object, "publicExponent", exponent) ||
            !setMember(context, hash, "name", bind::name(isolate, algorithmName(a.hash))) ||
            !setMember(context, object, "hash", hash))
            return {};
        break;
    }
    default: break;
    }
    return scope.Escape(object);
}

v8::MaybeLocal<v8::Value> CryptoKey::algorithmObject(v8::Isolate* isolate)
{
    if (m_algorithmObject.isEmpty()) {
        v8::Local<v8::Object> object;
        if (!keyAlgorithmToJs(isolate, m_algorithm).ToLocal(&object)) return {};
        m_algorithmObject.set(object);
    }
    return m_algorithmObject.get(isolate);
}

v8::MaybeLocal<v8::Value> CryptoKey::usagesObject(v8::Isolate* isolate)
{
    if (m_usagesObject.isEmpty()) {
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        v8::Local<v8::Array> array = v8::Array::New(isolate);
        uint32_t n = 0;
        for (int i = 0; i < 8; ++i) {
            const auto usage = static_cast<Usage>(1 << i);
            if ((m_usages & usage) &&
                !array->CreateDataProperty(context, n++, bind::name(isolate, usageName(usage)))
                     .FromMaybe(false))
                return {};
        }
        m_usagesObject.set(array);
    }
    return m_usagesObject.get(isolate);
}

v8::Local<v8::Value> CryptoKey::algorithm(bind::CallContext& cx)
{
    v8::Local<v8::Value> value;
    if (!algorithmObject(cx.isolate()).ToLocal(&value)) cx.setFailed();
    return value;
}

v8::Local<v8::Value> CryptoKey::usages(bind::CallContext& cx)
{
    v8::Local<v8::Value> value;
    if (!usagesObject(cx.isolate()).ToLocal(&value)) cx.setFailed();
    return value;
}

void CryptoKey::inspectMore(v8::Isolate* isolate, Inspected& out)
{
    v8::Local<v8::Value> algorithm, usages;
    if (algorithmObject(isolate).ToLocal(&algorithm)) out.emplace_back("algorithm", algorithm);
    if (usagesObject(isolate).ToLocal(&usages)) out.emplace_back("usages", usages);
}

void CryptoKey::define(bind::ClassBuilder<CryptoKey>& c)
{
    c.readonlyAttribute<&CryptoKey::type>("type")
        .readonlyAttribute<&CryptoKey::extractable>("extractable")
        .readonlyAttribute<&CryptoKey::algorithm>("algorithm")
        .readonlyAttribute<&CryptoKey::usages>("usages");
}

// --- structured serialization
// --------------------------------------------------------------------- Layout (version 1): 'K' 1
// type extractable usages algorithmId hash | length:u32 modulusLength:u32 | curveLen:u8 curve |
// expLen:u8 exp | materialLen:u32 material.

namespace {
void putU32(std::vector<uint8_t>& out, uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
struct Reader {
    const uint8_t* p;
    const uint8_t* end;
    bool u8(uint8_t& v)
    {
        if (p >= end) return false;
        v = *p++;
        return true;
    }
    bool u32(uint32_t& v)
    {
        if (end - p < 4) return false;
        v = 0;
        for (int i = 0; i < 4; ++i)
            v |= static_cast<uint32_t>(*p++) << (8 * i);
        return true;
    }
    bool bytes(size_t n, const uint8_t*& out)
    {
        if (static_cast<size_t>(end - p) < n) return false;
        out = p;
        p += n;
        return true;
    }
};
} // namespace

std::vector<uint8_t> CryptoKey::serialize() const
{
    Bytes material;
    if (m_type == KeyType::Secret)
        material = m_material->secret.bytes;
    else if (m_type == KeyType::Private)
        exportPkcs8(m_material->pkey.get(), material);
    else
        exportSpki(m_material->pkey.get(), material);
    std::vector<uint8_t> out{'K',
                             1,
                             static_cast<uint8_t>(m_type),
                             static_cast<uint8_t>(m_extractable),
                             m_usages,
                             static_cast<uint8_t>(m_algorithm.id),
                             static_cast<uint8_t>(m_algorithm.hash)};
    putU32(out, m_algorithm.length);
    putU32(out, m_algorithm.modulusLength);
    out.push_back(static_cast<uint8_t>(m_algorithm.namedCurve.size()));
    out.insert(out.end(), m_algorithm.namedCurve.begin(), m_algorithm.namedCurve.end());
    out.push_back(static_cast<uint8_t>(m_algorithm.publicExponent.size()));
    out.insert(out.end(), m_algorithm.publicExponent.begin(), m_algorithm.publicExponent.end());
    putU32(out, static_cast<uint32_t>(material.size()));
    out.insert(out.end(), material.begin(), material.end());
    OPENSSL_cleanse(material.data(), material.size());
    return out; // holds key material: the caller wipes it when done
}

Status makeHmacContext(KeyMaterial& material, AlgorithmId hash); // hmac.cpp

CryptoKey* CryptoKey::deserialize(v8::Isolate* isolate, const uint8_t* data, size_t size)
{
    Reader r{data, data + size};
    uint8_t magic, version, type, extractable, usages, id, hash, curveLen, expLen;
    uint32_t length, modulusLength, materialLen;
    const uint8_t *curve, *exponent, *material;
    if (!r.u8(magic) || magic != 'K' || !r.u8(version) || version != 1 || !r.u8(type) || type > 2 ||
        !r.u8(extractable) || !r.u8(usages) || !r.u8(id) ||
        id >= static_cast<uint8_t>(AlgorithmId::None) || !r.u8(hash) ||
        hash > static_cast<uint8_t>(AlgorithmId::None) || !r.u32(length) || !r.u32(modulusLength) ||
        !r.u8(curveLen) || !r.bytes(curveLen, curve) || !r.u8(expLen) ||
        !r.bytes(expLen, exponent) || !r.u32(materialLen) || !r.bytes(materialLen, material))
        return nullptr;
    KeyAlgorithm algorithm;
    algorithm.id = static_cast<AlgorithmId>(id);
    algorithm.hash = static_cast<AlgorithmId>(hash);
    algorithm.length = length;
    algorithm.modulusLength = modulusLength;
    algorithm.namedCurve.assign(reinterpret_cast<const char*>(curve), curveLen);
    algorithm.publicExponent = toBytes(exponent, expLen);
    auto keyMaterial = std::make_shared<KeyMaterial>();
    const SecretBytes der(toBytes(material, materialLen)); // wiped when done
    const auto keyType = static_cast<KeyType>(type);
    if (keyType == KeyType::Secret) {
        keyMaterial->secret.bytes = der.bytes;
        if (algorithm.id == AlgorithmId::Hmac &&
            !makeHmacContext(*keyMaterial, algorithm.hash).ok())
            return nullptr;
    } else {
        const unsigned char* p = der.bytes.data();
        const auto size = static_cast<long>(der.bytes.size());
        if (keyType == KeyType::Public) {
            keyMaterial->pkey.reset(d2i_PUBKEY(nullptr, &p, size));
        } else {
            Pkcs8 info(d2i_PKCS8_PRIV_KEY_INFO(nullptr, &p, size));
            if (info) keyMaterial->pkey.reset(EVP_PKCS82PKEY(info.get()));
        }
        if (!keyMaterial->pkey) return nullptr;
    }
    return create(isolate, keyType, extractable != 0, std::move(algorithm), usages,
                  std::move(keyMaterial));
}

} // namespace nano::api::crypto
