#include "inspect/stream_snapshot.h"

namespace nano {

int streamSnapshotKind()
{
    static const int kind = InspectorKinds::add(QStringLiteral("streams"));
    return kind;
}

QString kindName(StreamSnapshot::Kind kind)
{
    switch (kind) {
    case StreamSnapshot::Kind::Readable: return QStringLiteral("readable");
    case StreamSnapshot::Kind::ReadableBytes: return QStringLiteral("readable-bytes");
    case StreamSnapshot::Kind::Writable: return QStringLiteral("writable");
    case StreamSnapshot::Kind::TransformReadable: return QStringLiteral("transform-readable");
    case StreamSnapshot::Kind::TransformWritable: return QStringLiteral("transform-writable");
    }
    return QString();
}

QString stateName(StreamSnapshot::State state)
{
    switch (state) {
    case StreamSnapshot::State::Readable: return QStringLiteral("readable");
    case StreamSnapshot::State::Closed: return QStringLiteral("closed");
    case StreamSnapshot::State::Errored: return QStringLiteral("errored");
    case StreamSnapshot::State::Writable: return QStringLiteral("writable");
    case StreamSnapshot::State::Erroring: return QStringLiteral("erroring");
    }
    return QString();
}

QJsonObject toJson(const StreamSnapshot& s, const InspectorEvent& event)
{
    QJsonObject links;
    auto link = [&links](const char* name, quint64 id) {
        if (id) links.insert(QLatin1String(name), double(id));
    };
    link("teeParent", s.links.teeParent);
    if (s.links.teeParent) links.insert(QStringLiteral("teeBranch"), s.links.teeBranch);
    link("pipeSource", s.links.pipeSource);
    link("pipeDestination", s.links.pipeDestination);
    link("transformPair", s.links.transformPair);
    QJsonObject object{
        {QStringLiteral("type"), QStringLiteral("stream")},
        {QStringLiteral("snapshot"), double(event.id)},
        {QStringLiteral("monotonicMs"), event.monotonicMs},
        {QStringLiteral("wallClockMs"), double(event.wallClockMs)},
        {QStringLiteral("id"), double(s.id)},
        {QStringLiteral("kind"), kindName(s.kind)},
        {QStringLiteral("label"), s.label},
        {QStringLiteral("state"), stateName(s.state)},
        {QStringLiteral("locked"), s.locked},
        {QStringLiteral("queuedChunks"), double(s.queuedChunks)},
        {QStringLiteral("queueTotalSize"), s.queueTotalSize},
        {QStringLiteral("desiredSize"),
         s.desiredSize ? QJsonValue(*s.desiredSize) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("highWaterMark"), s.highWaterMark},
        {QStringLiteral("chunksPassed"), double(s.chunksPassed)},
        {QStringLiteral("bytesPassed"), double(s.bytesPassed)},
        {QStringLiteral("pendingReads"), s.pendingReads},
        {QStringLiteral("pendingWrites"), s.pendingWrites},
        {QStringLiteral("links"), links},
    };
    if (!s.sourceUrl.isEmpty()) {
        object.insert(QStringLiteral("sourceUrl"), s.sourceUrl);
        object.insert(QStringLiteral("line"), s.line);
    }
    if (!s.error.isEmpty()) object.insert(QStringLiteral("error"), s.error);
    return object;
}

} // namespace nano
