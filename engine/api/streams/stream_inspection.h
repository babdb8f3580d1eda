#pragma once
// What a stream tells the stream inspector (stream_registry.h): who made it and how it is
// linked to other streams. ReadableStream and WritableStream hold one of these and register
// with the run's StreamRegistry when they are set up; their describe callbacks fill in the
// spec's state (readable_stream.cpp, writable_stream.cpp).

#include "api/streams/stream_registry.h"

#include <QString>
#include <v8.h>

namespace nano::api::streams {

// The innermost script frame: the script's URL as V8 names it and its 1-based line.
struct CallSite {
    QString sourceUrl; // empty outside script
    int line = 0;
};

struct StreamInspection {
    StreamRegistration registration;
    QString label;
    CallSite site;     // where script made the stream (taken when it registers)
    QString errorText; // set when the stream errors (errorText below)
    quint64 teeParent = 0;
    int teeBranch = 0;
    quint64 pipePeer = 0;      // the pipe's destination (readable) or source (writable)
    quint64 transformPair = 0; // the other side of the TransformStream it belongs to
    bool transformSide = false;

    quint64 id() const { return registration.id(); }
};

CallSite currentCallSite(v8::Isolate* isolate);
// "file.js:12": where script called the constructor (empty outside script).
QString callSiteLabel(v8::Isolate* isolate);
// A stored error as the inspector shows it ("TypeError: boom", "'text'", "42"), read from data
// properties only: no getter, proxy trap or toString runs, so it is safe at any time.
QString errorText(v8::Isolate* isolate, v8::Local<v8::Value> error);

} // namespace nano::api::streams
