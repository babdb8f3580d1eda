// WebCrypto internals the JS tests cannot reach: CryptoKey structured serialization (for the
// structuredClone work) and tearing a runtime down while crypto jobs are still running.

#include "api/crypto/key.h"
#include "api/crypto/random.h"
#include "bind/dom_exception.h"
#include "core/platform.h"
#include "core/runtime.h"
#include "test_runtime.h"

#include <QCoreApplication>
#include <QTest>

using namespace nano;

namespace {

void installForTest(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    bind::DOMException::install(context, global);
    api::installCrypto(context, global);
}

} // namespace

class TestCrypto : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<test::TestRuntime> m_test;

    void start()
    {
        m_test = std::make_unique<test::TestRuntime>(std::vector<core::Installer>{&installForTest});
    }
    QString eval(const char* code) { return m_test->eval(code); }

    // Serializes global `from`, deserializes it as global `to`.
    bool cloneKey(const char* from, const char* to)
    {
        v8::Isolate* isolate = m_test->isolate();
        v8::HandleScope scope(isolate);
        v8::Local<v8::Context> context = m_test->runtime().context();
        v8::Context::Scope contextScope(context);
        v8::Local<v8::Value> value;
        if (!context->Global()->Get(context, bind::name(isolate, from)).ToLocal(&value))
            return false;
        auto* key = bind::unwrap<api::crypto::CryptoKey>(isolate, value);
        if (!key) return false;
        const std::vector<uint8_t> bytes = key->serialize();
        auto* copy = api::crypto::CryptoKey::deserialize(isolate, bytes.data(), bytes.size());
        return copy && context->Global()
                           ->Set(context, bind::name(isolate, to), copy->wrapper())
                           .FromMaybe(false);
    }

private slots:
    void initTestCase() { core::Platform::initialize(); }
    void init() { start(); }
    void cleanup() { m_test.reset(); }

    void serializeSecretKey()
    {
        eval("crypto.subtle.importKey('raw', new "
             "Uint8Array([1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]),"
             " {name: 'HMAC', hash: 'SHA-384'}, true, ['sign']).then(k => globalThis.k = k)");
        QVERIFY(cloneKey("k", "k2"));
        QCOMPARE(
            eval("JSON.stringify([k2.type, k2.extractable, k2.algorithm, k2.usages])"),
            QStringLiteral("[\"secret\",true,{\"name\":\"HMAC\",\"hash\":{\"name\":\"SHA-384\"},"
                           "\"length\":128},[\"sign\"]]"));
        eval("Promise.all([crypto.subtle.sign('HMAC', k, new Uint8Array(3)),"
             " crypto.subtle.sign('HMAC', k2, new Uint8Array(3))])"
             ".then(([a, b]) => globalThis.same = new Uint8Array(a).join() === new "
             "Uint8Array(b).join())");
        QCOMPARE(eval("same"), QStringLiteral("true"));
    }

    void serializeKeyPair()
    {
        eval("crypto.subtle.generateKey({name: 'ECDSA', namedCurve: 'P-384'}, false, ['sign', "
             "'verify'])"
             ".then(p => { globalThis.priv = p.privateKey; globalThis.pub = p.publicKey; })");
        QVERIFY(cloneKey("priv", "priv2"));
        QVERIFY(cloneKey("pub", "pub2"));
        QCOMPARE(
            eval("JSON.stringify([priv2.type, priv2.extractable, priv2.algorithm, priv2.usages,"
                 " pub2.type, pub2.usages])"),
            QStringLiteral("[\"private\",false,{\"name\":\"ECDSA\",\"namedCurve\":\"P-384\"},"
                           "[\"sign\"],\"public\",[\"verify\"]]"));
        eval("crypto.subtle.sign({name: 'ECDSA', hash: 'SHA-384'}, priv2, new Uint8Array(1))"
             ".then(s => crypto.subtle.verify({name: 'ECDSA', hash: 'SHA-384'}, pub, s, new "
             "Uint8Array(1)))"
             ".then(ok => globalThis.verified = ok)");
        QCOMPARE(eval("verified"), QStringLiteral("true"));
    }

    void deserializeRejectsGarbage()
    {
        v8::Isolate* isolate = m_test->isolate();
        v8::HandleScope scope(isolate);
        v8::Context::Scope contextScope(m_test->runtime().context());
        const uint8_t garbage[] = {'K', 1, 9, 9};
        QVERIFY(!api::crypto::CryptoKey::deserialize(isolate, garbage, sizeof garbage));
        QVERIFY(!api::crypto::CryptoKey::deserialize(isolate, nullptr, 0));
    }

    // A run that ends while a pool job runs: the late result is dropped, nothing crashes.
    void teardownWithPendingJobs()
    {
        eval("crypto.subtle.importKey('raw', new Uint8Array(8), 'PBKDF2', false, ['deriveBits'])"
             ".then(k => crypto.subtle.deriveBits({name: 'PBKDF2', hash: 'SHA-256',"
             " salt: new Uint8Array(8), iterations: 200000}, k, 256))");
        eval("crypto.subtle.digest('SHA-256', new Uint8Array(16 << 20))");
        m_test.reset();
        QTest::qWait(400);
        start(); // a new run works normally
        eval("crypto.subtle.digest('SHA-1', new Uint8Array(0)).then(d => globalThis.n = "
             "d.byteLength)");
        QCOMPARE(eval("n"), QStringLiteral("20"));
    }

    // A run that ends while pool workers still sign a burst the engine thread shared with them:
    // their results are dropped, nothing crashes, and a burst in the next run settles fully.
    void teardownDuringBurst()
    {
        const char* burst =
            "crypto.subtle.generateKey({name: 'ECDSA', namedCurve: 'P-521'}, false, ['sign'])"
            ".then(k => Promise.all(Array.from({length: 64}, () => crypto.subtle.sign("
            "{name: 'ECDSA', hash: 'SHA-512'}, k.privateKey, new Uint8Array(8)))))"
            ".then(s => globalThis.signed = s.length)";
        eval(burst);
        m_test.reset();
        QTest::qWait(200);
        start();
        eval(burst);
        QTRY_COMPARE(eval("String(globalThis.signed)"), QStringLiteral("64"));
    }
};

QTEST_GUILESS_MAIN(TestCrypto)
#include "tst_crypto.moc"
