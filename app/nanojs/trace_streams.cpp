#include "trace_streams.h"

#include "engine/controller.h"
#include "engine/inspect/stream_snapshot.h"

#include <QJsonDocument>
#include <cstdio>

namespace nano::cli {

QByteArray streamTraceLines(const InspectorBatch& batch)
{
    QByteArray lines;
    for (const InspectorEvent& event : batch.events) {
        if (event.kind != streamSnapshotKind() || !event.holds<StreamSnapshots>()) continue;
        for (const StreamSnapshot& stream : event.value.value<StreamSnapshots>()) {
            lines += QJsonDocument(toJson(stream, event)).toJson(QJsonDocument::Compact);
            lines += '\n';
        }
    }
    return lines;
}

void traceStreams(Controller& controller)
{
    controller.subscribeInspector(streamSnapshotKind());
    QObject::connect(&controller, &Controller::inspectorEvents, &controller,
                     [](const InspectorBatch& batch) {
                         const QByteArray lines = streamTraceLines(batch);
                         if (lines.isEmpty()) return;
                         std::fwrite(lines.constData(), 1, size_t(lines.size()), stderr);
                         std::fflush(stderr);
                     });
}

} // namespace nano::cli
