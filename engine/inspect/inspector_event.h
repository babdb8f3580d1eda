#pragma once
// What the inspector feed carries from the engine thread to its listeners (value types): typed
// events with an id and two timestamps, sent in batches. Each event has a kind; console
// messages are built in, other producers (network, streams) register their own kinds with
// InspectorKinds and put their own value type in the event.

#include "console_message.h"

#include <QMetaType>
#include <QString>
#include <QVariant>
#include <QVector>

namespace nano {

// The process-wide registry of event kinds. Thread-safe; a kind's id never changes.
class InspectorKinds final {
public:
    // Console messages (a ConsoleMessage each); always delivered.
    static constexpr int Console = 1;

    // The id of the kind called `name`, registered on first use (names are unique: a second
    // call with the same name returns the same id).
    static int add(const QString& name);
    // The name of a kind, or an empty string for an unknown id.
    static QString name(int kind);
};

struct InspectorEvent {
    quint64 id = 0;         // 1, 2, 3 ... in publishing order, unique within one Controller
    int kind = 0;           // an InspectorKinds id
    quint64 runId = 0;      // the run that produced it
    double monotonicMs = 0; // steady clock (same clock as core::EventLoop::monotonicNowMs)
    qint64 wallClockMs = 0; // milliseconds since the Unix epoch
    QVariant value;         // the kind's value type, e.g. a ConsoleMessage

    template <class T> bool holds() const { return value.metaType() == QMetaType::fromType<T>(); }
};

struct InspectorBatch {
    QVector<InspectorEvent> events; // in publishing order

    bool isEmpty() const { return events.isEmpty(); }
    // The values of the events of one kind, in order.
    template <class T> QVector<T> values(int kind) const
    {
        QVector<T> out;
        for (const InspectorEvent& event : events) {
            if (event.kind == kind) out.push_back(event.value.value<T>());
        }
        return out;
    }
    ConsoleMessages consoleMessages() const
    {
        return values<ConsoleMessage>(InspectorKinds::Console);
    }
};

} // namespace nano

Q_DECLARE_METATYPE(nano::InspectorEvent)
Q_DECLARE_METATYPE(nano::InspectorBatch)
