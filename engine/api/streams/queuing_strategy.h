#pragma once
// Queuing strategies (https://streams.spec.whatwg.org/#qs).
//
// dictionary QueuingStrategy {
//   unrestricted double highWaterMark;
//   QueuingStrategySize size;
// };
// callback QueuingStrategySize = unrestricted double (any chunk);
// dictionary QueuingStrategyInit { required unrestricted double highWaterMark; };
//
// [Exposed=*] interface ByteLengthQueuingStrategy {
//   constructor(QueuingStrategyInit init);
//   readonly attribute unrestricted double highWaterMark;
//   readonly attribute Function size;
// };
// [Exposed=*] interface CountQueuingStrategy {
//   constructor(QueuingStrategyInit init);
//   readonly attribute unrestricted double highWaterMark;
//   readonly attribute Function size;
// };

#include "bind/class_builder.h"

#include <optional>

namespace nano::api::streams {

struct QueuingStrategy {
    std::optional<bind::UnrestrictedDouble> highWaterMark;
    v8::Local<v8::Function> size; // empty: absent
};

struct QueuingStrategyInit {
    bind::UnrestrictedDouble highWaterMark;
};

// https://streams.spec.whatwg.org/#validate-and-normalize-high-water-mark: the high-water mark,
// or a RangeError thrown through cx (nullopt).
std::optional<double> extractHighWaterMark(bind::CallContext& cx, const QueuingStrategy& strategy,
                                           double defaultHWM);

// A size algorithm (https://streams.spec.whatwg.org/#make-size-algorithm-from-size-function):
// empty means "return 1".
class SizeAlgorithm {
public:
    explicit SizeAlgorithm(bind::Wrappable* holder)
        : m_size(holder)
    {}
    // https://streams.spec.whatwg.org/#make-size-algorithm-from-size-function
    void extract(const QueuingStrategy& strategy) { m_size.set(strategy.size); }
    // The chunk's size; false with the exception the size function threw pending.
    bool run(v8::Isolate* isolate, v8::Local<v8::Value> chunk, double& size) const;
    void clear() { m_size.clear(); }

private:
    bind::Member<v8::Function> m_size;
};

class ByteLengthQueuingStrategy final : public bind::Wrappable {
    NANO_BIND_CLASS(ByteLengthQueuingStrategy)
public:
    explicit ByteLengthQueuingStrategy(double highWaterMark)
        : m_highWaterMark(highWaterMark)
    {}
    static std::unique_ptr<ByteLengthQueuingStrategy> construct(QueuingStrategyInit init);
    bind::UnrestrictedDouble highWaterMark() const { return {m_highWaterMark}; }
    v8::Local<v8::Function> size(bind::CallContext& cx) const;
    static void define(bind::ClassBuilder<ByteLengthQueuingStrategy>& c);

private:
    double m_highWaterMark;
};

class CountQueuingStrategy final : public bind::Wrappable {
    NANO_BIND_CLASS(CountQueuingStrategy)
public:
    explicit CountQueuingStrategy(double highWaterMark)
        : m_highWaterMark(highWaterMark)
    {}
    static std::unique_ptr<CountQueuingStrategy> construct(QueuingStrategyInit init);
    bind::UnrestrictedDouble highWaterMark() const { return {m_highWaterMark}; }
    v8::Local<v8::Function> size(bind::CallContext& cx) const;
    static void define(bind::ClassBuilder<CountQueuingStrategy>& c);

private:
    double m_highWaterMark;
};

} // namespace nano::api::streams

namespace nano::bind {
template <> struct DictionaryTraits<api::streams::QueuingStrategy> {
    static constexpr const char* name = "QueuingStrategy";
    static bool read(DictionaryReader& d, api::streams::QueuingStrategy& out)
    {
        return d.get("highWaterMark", out.highWaterMark) && d.get("size", out.size);
    }
};
template <> struct DictionaryTraits<api::streams::QueuingStrategyInit> {
    static constexpr const char* name = "QueuingStrategyInit";
    static bool read(DictionaryReader& d, api::streams::QueuingStrategyInit& out)
    {
        return d.required("highWaterMark", out.highWaterMark);
    }
};
} // namespace nano::bind
